/**
 * Validates a delivered envelope against the published JSON Schema (docs/delivery-envelope.schema.json)
 * with a standard validator: ajv (draft 2020-12) in strict mode, formats checked (ajv-formats).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

import type { ValidateFunction } from 'ajv';

// CommonJS modules: their default export is the constructor under ESM, or under `.default` (Playwright's loader)
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ??
  Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

let validate: ValidateFunction | undefined;

export function publishedEnvelopeSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.resolve('docs', 'delivery-envelope.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Error lines (path and message); empty when the envelope is valid. */
export function validateEnvelopeJson(envelope: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(publishedEnvelopeSchema());
  }
  if (validate(envelope)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
