/**
 * What the packages contain. electron-builder itself packs the app (`--dir`, the same run as
 * `npm run build:linux` up to the installers) from the built `out/`; only the Electron runtime it would
 * download is replaced by a stand-in folder (a file with Electron's fuse wire, and its locales), so
 * this runs offline. The app.asar it writes is then read with @electron/asar:
 *
 * - the production package (electron-builder.yml) holds the main process, preload and renderer, and
 *   neither the browser host, the simulators, their test PKI nor node-forge — not as files, not bundled
 *   into another file;
 * - the demo package (electron-builder.demo.yml) holds the simulators (node-forge bundled in);
 * - the fuses of electron-builder.yml are flipped in the binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-asar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** @electron/fuses' sentinel; the wire after it: version 1, nine fuses, each '0' (off) or '1' (on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
  'WasmTrapHandlers',
];

/** Markers of what must stay out of production: code of the simulators, the host and node-forge. */
const SIMULATOR_MARKER = '/sim/scan';
const FORGE_MARKER = 'forge.pki';

function standInElectron(): string {
  const dist = path.join(work, 'electron-dist');
  mkdirSync(path.join(dist, 'locales'), { recursive: true });
  for (const l of ['en-US', 'sv', 'de']) writeFileSync(path.join(dist, 'locales', `${l}.pak`), '');
  writeFileSync(
    path.join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\nexit 1\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, FUSES.length]),
      Buffer.from('1'.repeat(FUSES.length)),
    ]),
    { mode: 0o755 },
  );
  return dist;
}

interface Packed {
  files: string[];
  content: (file: string) => string;
  binary: Buffer;
}

function pack(config: string, dist: string): Packed {
  const output = path.join(work, path.basename(config, '.yml'));
  const run = spawnSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--publish',
      'never',
      '-c',
      config,
      `-c.electronDist=${dist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);
  const asar = path.join(output, 'linux-unpacked', 'resources', 'app.asar');
  return {
    files: listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')),
    content: (file) => extractFile(asar, file.replace(/^\//, '')).toString('utf8'),
    binary: readFileSync(path.join(output, 'linux-unpacked', 'kommunkiosk')),
  };
}

const built =
  existsSync(path.join(repo, 'out/main/index.js')) && existsSync(path.join(repo, 'out/simulators/embedded.js'));
let production: Packed;
let demo: Packed;

describe('the packages (after npm run build)', () => {
  beforeAll(() => {
    if (!built) throw new Error('run npm run build first: the packages are made from out/');
    const dist = standInElectron();
    production = pack('electron-builder.yml', dist);
    demo = pack('electron-builder.demo.yml', dist);
  });

  it('the production app.asar holds the shell and the screens, and neither host, simulators nor node-forge', () => {
    const top = production.files.filter((f) => /^\/out\/[^/]+$/.test(f)).sort();
    expect(top).toEqual(['/out/main', '/out/preload', '/out/renderer']);
    expect(production.files).toContain('/out/main/index.js');
    expect(production.files.filter((f) => /node-forge|\/out\/host|simulator|test-pki/i.test(f))).toEqual([]);
    const code = production.files.filter((f) => /\.(c?js|mjs)$/.test(f) && f.startsWith('/out/'));
    expect(code.length).toBeGreaterThan(5);
    for (const f of code) {
      const text = production.content(f);
      expect(text.includes(FORGE_MARKER), `${f} holds node-forge`).toBe(false);
      expect(text.includes(SIMULATOR_MARKER), `${f} holds the BankID simulator`).toBe(false);
    }
  });

  it('the demo app.asar adds the simulators, node-forge bundled in, and still no host', () => {
    expect(demo.files).toContain('/out/simulators/embedded.js');
    expect(demo.files.filter((f) => /\/out\/host/.test(f))).toEqual([]);
    const simulatorCode = demo.files.filter((f) => f.startsWith('/out/simulators/') && f.endsWith('.js'));
    expect(simulatorCode.some((f) => demo.content(f).includes(FORGE_MARKER))).toBe(true);
    expect(demo.content('/out/simulators/embedded.js')).toContain(SIMULATOR_MARKER);
  });

  it('electron-builder flipped the fuses of electron-builder.yml in the binary', () => {
    const at = production.binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
    const wire = production.binary.subarray(at, at + FUSES.length).toString('latin1');
    const state = Object.fromEntries(FUSES.map((name, i) => [name, wire[i]]));
    expect(state).toMatchObject({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });
});
