/**
 * `npm run docs:delivery`: writes docs/delivery-envelope.schema.json and the generated blocks of
 * docs/delivery.md (field table, example envelope, example FGS package) from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDeliveryDoc } from './delivery-docs';
import { envelopeJsonSchema } from './envelope';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const prettier = await import('prettier');
const schema = await prettier.format(JSON.stringify(envelopeJsonSchema()), { parser: 'json', printWidth: 120 });
writeFileSync(path.join(root, 'docs', 'delivery-envelope.schema.json'), schema);
const docFile = path.join(root, 'docs', 'delivery.md');
writeFileSync(docFile, generatedDeliveryDoc(readFileSync(docFile, 'utf8'), path.join(root, 'resources')));
process.stdout.write('wrote docs/delivery-envelope.schema.json and the generated blocks of docs/delivery.md\n');
