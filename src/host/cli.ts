/**
 * `npm run host` entry (built to out/host/cli.js). It only turns on Node's compile cache and then
 * loads the host: whatever this file imported statically would be compiled before the cache is on.
 * Options: see host-main.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { enableCompileCache } from '../core/compile-cache';

enableCompileCache();
// src/host/cli.ts (run by tsx) and out/host/cli.js (built) are both two folders below the root
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { runHost } = await import('./host-main');
await runHost(root);
