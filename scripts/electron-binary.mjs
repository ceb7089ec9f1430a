// Finds the Electron binary the way the `electron` package would, without calling
// `require('electron')` (which tries to download the binary when it is missing, and that fails on an
// offline machine). Used by `npm start` and by the Electron e2e tests.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function defaultExecutable() {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** @returns {{ ok: true, path: string } | { ok: false, reason: string }} */
export function findElectronBinary(env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (npm install)' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? defaultExecutable());
    return existsSync(file)
      ? { ok: true, path: file }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${file} does not exist` };
  }
  if (!executable) {
    return {
      ok: false,
      reason:
        'no Electron binary: node_modules/electron was installed without downloading it (offline). Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, or run "npx install-electron" with internet access',
    };
  }
  const file = path.join(pkgDir, 'dist', executable);
  return existsSync(file)
    ? { ok: true, path: file }
    : { ok: false, reason: `no Electron binary at ${file} (its download failed or was never run)` };
}
