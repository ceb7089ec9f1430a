/**
 * The `schemas/` of an FGS package: the METS, XLink, xml, E-ARK extension and ERMS schemas shipped in
 * resources/fgs-schemas (unchanged, with their licences), and the envelope's JSON Schema, generated.
 * Read once per adapter, on the first package it builds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envelopeJsonSchema } from '../envelope';
import type { FgsSchemaFile } from './fgs-package';

export const FGS_SCHEMA_FILES = [
  'mets.xsd',
  'xlink.xsd',
  'xml.xsd',
  'DILCISExtensionMETS.xsd',
  'DILCISExtensionSIPMETS.xsd',
  'ERMS.xsd',
  'LICENCES.md',
  'LICENSE-Apache-2.0',
] as const;

export function loadFgsSchemas(dir: string): FgsSchemaFile[] {
  const files: FgsSchemaFile[] = FGS_SCHEMA_FILES.map((name) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path.join(dir, name));
    } catch (err) {
      throw new Error(
        `the FGS schema ${name} is missing from ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          cause: err,
        },
      );
    }
    const mimeType = name.endsWith('.xsd') ? 'application/xml' : name.endsWith('.md') ? 'text/markdown' : 'text/plain';
    return { name, bytes, mimeType };
  });
  files.push({
    name: 'delivery-envelope.schema.json',
    bytes: Buffer.from(`${JSON.stringify(envelopeJsonSchema(), null, 2)}\n`, 'utf8'),
    mimeType: 'application/json',
  });
  return files;
}
