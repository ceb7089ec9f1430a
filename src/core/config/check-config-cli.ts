/**
 * `npm run check-config -- FILE [--as-user USER] [--online]`: prints what is wrong with a
 * configuration file and exits 1, or says it is valid and exits 0 (see check-config-command.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheckConfigCommand } from './check-config-command';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

const code = await runCheckConfigCommand(process.argv.slice(2), {
  resourcesDir,
  output: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
});
process.exitCode = code;
