/**
 * `npm run check-config -- FILE [--as-user USER] [--online]`: prints what is wrong with a
 * configuration file and exits 1, or says it is valid and exits 0 (see check-config-command.ts).
 * scripts/cli.mjs starts it from a V8 startup snapshot (check-config-snapshot.ts) when one is built
 * for this Node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConfigCommandMain } from './check-config-command';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

await checkConfigCommandMain(process.argv.slice(2), resourcesDir);
