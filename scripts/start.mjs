#!/usr/bin/env node
// `npm start`: the kiosk on its embedded defaults (or the config named by --config / KIOSK_CONFIG).
// Builds what is stale, then runs the Electron app; where no Electron binary exists (it cannot be
// downloaded everywhere) it says so in one line and runs the same core in the browser host, opening
// Chromium in app mode when one is installed, else printing the URL.
// `npm run host` (--host-only) skips Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const hostOnly = args.includes('--host-only');
const passThrough = args.filter((a) => a !== '--host-only');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Kommunkiosk needs Node.js 22.12 or newer (this is ${process.version}). See README.md, "Requirements".`,
  );
  process.exit(1);
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = [
  path.join(root, 'out/renderer/index.html'),
  path.join(root, 'out/host-client/client.js'),
  path.join(root, 'out/main/index.js'),
  path.join(root, 'out/host/cli.js'),
  path.join(root, 'out/simulators/embedded.js'),
];
const stale =
  built.some((f) => !existsSync(f)) ||
  newest(path.join(root, 'src')) > Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (stale) {
  console.log('Building the kiosk …');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = hostOnly ? null : findElectronBinary();
if (electron?.ok) {
  const child = spawn(electron.path, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (electron) console.log(`No Electron binary found — starting the browser host instead (${electron.reason}).`);
  startHost();
}

function chromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

function startHost() {
  const host = spawn(process.execPath, [path.join(root, 'out/host/cli.js'), ...passThrough], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let browser = null;
  host.stdout.on('data', (d) => {
    process.stdout.write(d);
    const m = /Kommunkiosk host: (\S+)/.exec(d.toString());
    if (!m || hostOnly) return;
    const exe = chromium();
    const hasDisplay = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (!exe || !hasDisplay) {
      console.log(
        exe
          ? 'No display found: open the URL above in Chromium.'
          : 'Chromium is not installed: open the URL above in a Chromium-based browser.',
      );
      return;
    }
    const profile = mkdtempSync(path.join(os.tmpdir(), 'kommunkiosk-chromium-'));
    browser = spawn(
      exe,
      [
        `--app=${m[1]}`,
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
      { stdio: 'ignore' },
    );
    browser.on('exit', () => host.kill('SIGTERM'));
  });
  host.on('exit', (code) => {
    browser?.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill('SIGTERM'));
}
