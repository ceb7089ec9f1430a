/**
 * Electron main entry (built to out/main/index.js). Everything is in shell.ts; this file only turns on
 * Node's compile cache (before the shell and core are loaded, so they are cached too) and supplies the
 * built files' locations.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { enableCompileCache } from '../core/compile-cache';

enableCompileCache();
const { startShell } = await import('./shell');

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

void startShell({
  argv: process.argv.slice(1),
  env: process.env,
  preload: here('../preload/index.cjs'),
  rendererDir: here('../renderer'),
  // electron-builder copies resources/ next to app.asar (extraResources); in development it is the repo's
  resourcesDir: app.isPackaged ? path.join(process.resourcesPath, 'resources') : here('../../resources'),
  // built by `npm run build`; left out of a production package (electron-builder.yml)
  simulatorsModule: here('../simulators/embedded.js'),
}).catch((err: unknown) => {
  process.stderr.write(
    `Kommunkiosk failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  app.exit(1);
});
