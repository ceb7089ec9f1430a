/**
 * Writes resources/flows/flow.schema.json (or the file named as the first argument) from the zod
 * schema: `npm run flows:schema`. Flow files point at it with
 * `# yaml-language-server: $schema=./flow.schema.json`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowJsonSchemaText } from './flow-json-schema';

const target = process.argv[2]
  ? path.resolve(process.argv[2])
  : fileURLToPath(new URL('../../../resources/flows/flow.schema.json', import.meta.url));

writeFileSync(target, flowJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
