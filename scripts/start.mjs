#!/usr/bin/env node
// `npm start`: the kiosk on its embedded defaults (or the config named by --config / KIOSK_CONFIG).
// Builds what is stale, then runs the Electron app; where no Electron binary exists (it cannot be
// downloaded everywhere) it says so in one line and runs the same core in the browser host, opening
// Chromium in app mode when one is installed, else printing the URL.
// `npm run host` (--host-only) skips Electron.
//
// The Chromium of the fallback is a shared kiosk's browser too: it runs on a throwaway profile
// (autofill and the password manager off) that is deleted when it exits — and, should a crash have
// left one, on the next start. The per-run token never appears in a command line (`ps`): Chromium
// opens a launch page inside that profile folder (mode 0700), which forwards to the kiosk's URL.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const PROFILE_PREFIX = 'kommunkiosk-chromium-';
const OWNER_FILE = 'kommunkiosk-owner.pid';
/** A Chromium that ends sooner than this did not start (it is not a visitor closing the window). */
const EXIT_AT_ONCE_MS = 5000;

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

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function removeProfile(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    console.log(`The browser profile ${dir} could not be deleted (${err.code ?? err.message}); delete it by hand.`);
  }
}

/** Profiles a crashed run left behind (their owner is gone): they may hold what a visitor typed. */
function removeStaleProfiles() {
  let entries;
  try {
    entries = readdirSync(os.tmpdir(), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(PROFILE_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), e.name);
    let owner = NaN;
    try {
      owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      /* no owner file: left by a crash before it was written, or by an older version */
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) continue;
    removeProfile(dir);
  }
}

/** A fresh profile with nothing to remember, and the launch page that carries the token. */
function throwawayProfile(url) {
  const dir = mkdtempSync(path.join(os.tmpdir(), PROFILE_PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  mkdirSync(path.join(dir, 'Default'), { mode: 0o700 });
  writeFileSync(
    path.join(dir, 'Default', 'Preferences'),
    JSON.stringify({
      autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false },
      credentials_enable_service: false,
      profile: {
        password_manager_enabled: false,
        // Chromium's own lock under core's (the host client asks core before every getUserMedia):
        // no microphone, no screen, no camera at all, except for the kiosk's own origin
        default_content_setting_values: { media_stream_mic: 2, media_stream_camera: 2 },
        content_settings: { exceptions: { media_stream_camera: { [`${new URL(url).origin},*`]: { setting: 1 } } } },
      },
      translate: { enabled: false },
    }),
    { mode: 0o600 },
  );
  const launch = path.join(dir, 'launch.html');
  const href = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  writeFileSync(
    launch,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Kommunkiosk</title>\n`,
    { mode: 0o600 },
  );
  return { dir, launchUrl: pathToFileURL(launch).href };
}

/** One line on why Chromium did not start, from what it said. */
function whyChromiumFailed(stderr, code, signal) {
  if (/without --no-sandbox/i.test(stderr))
    return 'Chromium refuses to run as root without --no-sandbox; run npm start as a normal user';
  const last = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim())
    .filter(Boolean)
    .at(-1);
  if (last) return `Chromium said: ${last.slice(0, 200)}`;
  return signal ? `Chromium was ended by ${signal}` : `Chromium exited with code ${code}`;
}

function startHost() {
  removeStaleProfiles();
  const host = spawn(process.execPath, [path.join(root, 'out/host/cli.js'), ...passThrough], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let browser = null;
  let profile = null;
  const dropProfile = () => {
    if (profile) removeProfile(profile);
    profile = null;
  };
  host.stdout.on('data', (d) => {
    process.stdout.write(d);
    const m = /Kommunkiosk host: (\S+)/.exec(d.toString());
    if (!m || hostOnly || browser) return;
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
    const made = throwawayProfile(m[1]);
    profile = made.dir;
    const startedAt = Date.now();
    let said = '';
    browser = spawn(
      exe,
      [
        `--app=${made.launchUrl}`,
        `--user-data-dir=${made.dir}`,
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--disable-features=Translate,AutofillServerCommunication',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    browser.stderr.on('data', (c) => {
      said = (said + c.toString()).slice(-4000);
    });
    const atOnce = () => Date.now() - startedAt < EXIT_AT_ONCE_MS;
    browser.on('error', (err) => {
      // could not be started at all (ENOENT, EACCES): the host stays, with its URL above
      console.log(
        `Chromium could not be started (${err.code ?? err.message}); the kiosk keeps running: open the URL above in a browser.`,
      );
      browser = null;
      dropProfile();
    });
    browser.on('exit', (code, signal) => {
      if (!browser) return;
      dropProfile();
      if (atOnce()) {
        console.log(
          `${whyChromiumFailed(said, code, signal)}. The kiosk keeps running: open the URL above in a browser.`,
        );
        return;
      }
      // the window was closed: the kiosk run is over
      host.kill('SIGTERM');
    });
  });
  host.on('exit', (code) => {
    const finish = () => {
      dropProfile();
      process.exit(code ?? 0);
    };
    const running = browser && browser.exitCode === null && browser.signalCode === null ? browser : null;
    if (!running) return finish();
    // Chromium writes its profile while it shuts down: the profile goes once Chromium is gone
    browser = null;
    const force = setTimeout(() => running.kill('SIGKILL'), 5000);
    running.once('exit', () => {
      clearTimeout(force);
      finish();
    });
    running.kill('SIGTERM');
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill('SIGTERM'));
  process.on('exit', dropProfile);
}
