/**
 * Finds the Electron binary the way the `electron` package would, without calling
 * `require('electron')` (which tries to download the binary when it is missing, and that fails on an
 * offline machine). Returns why it cannot run when it cannot.
 */
export { findElectronBinary } from '../../scripts/electron-binary.mjs';

/** Electron needs a display on Linux; headless CI runs it under xvfb-run. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  if (process.platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY
    ? null
    : 'no display (DISPLAY / WAYLAND_DISPLAY unset): run the Electron tests under xvfb-run';
}
