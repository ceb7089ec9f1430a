/**
 * `npm run check-config -- FILE` (and the packaged app's `--check-config FILE`): prints what is
 * wrong with a configuration file and exits non-zero, or says it is valid.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConfigFile } from './check-config';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!file) {
  process.stderr.write('usage: npm run check-config -- FILE\n');
  process.exit(2);
}
const { ok, lines } = checkConfigFile(file, { resourcesDir });
for (const l of lines) (ok ? process.stdout : process.stderr).write(`${l}\n`);
process.exit(ok ? 0 : 1);
