/**
 * docs/delivery.md and docs/delivery-envelope.schema.json are generated from the code (`npm run
 * docs:delivery`); this fails when they drift, and checks the documented example against an envelope
 * that really went through the queue, the worker and the directory adapter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { generatedDeliveryDoc, sampleEnvelope } from '../../../../src/core/cases/delivery-docs';
import { envelopeJsonSchema } from '../../../../src/core/cases/envelope';
import { createCaseService } from '../../../../src/core/cases/service';
import { validateEnvelopeJson } from '../../../support/envelope-validation';
import { makeDraft, silentLogger, tempDir } from './case-fixtures';

/** Every key path of a JSON value, arrays as `[]`, with the JSON type at the end. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? shape(value[0], `${prefix}[]`) : [`${prefix}[]:empty`];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix}:${value === null ? 'null' : typeof value}`];
}

describe('docs/delivery.md', () => {
  it('holds what `npm run docs:delivery` generates (field table, examples of both formats)', async () => {
    const doc = readFileSync('docs/delivery.md', 'utf8');
    expect(generatedDeliveryDoc(doc, path.resolve('resources')), 'run: npm run docs:delivery').toBe(doc);
    const schema = await prettier.format(JSON.stringify(envelopeJsonSchema()), { parser: 'json', printWidth: 120 });
    expect(readFileSync('docs/delivery-envelope.schema.json', 'utf8'), 'run: npm run docs:delivery').toBe(schema);
  });

  it('shows an envelope shaped exactly like one the kiosk really delivers, and both validate (ajv strict)', async () => {
    const t = tempDir();
    const service = createCaseService({
      dataDir: t.dir,
      config: {},
      logger: silentLogger(),
      emit: () => {},
    });
    try {
      const stored = service.queue.submit(makeDraft({ classification: '3.5.2' }));
      await service.worker.whenIdle();
      const outbox = path.join(t.dir, 'outbox');
      expect(readdirSync(outbox)).toContain(stored.reference);
      const delivered = JSON.parse(
        readFileSync(path.join(outbox, stored.reference, 'envelope.json'), 'utf8'),
      ) as unknown;
      expect(validateEnvelopeJson(delivered)).toEqual([]);
      expect(validateEnvelopeJson(sampleEnvelope())).toEqual([]);
      const documented = /<!-- generated:envelope-example -->\s*```json\n([\s\S]*?)```/.exec(
        readFileSync('docs/delivery.md', 'utf8'),
      )?.[1];
      expect(shape(JSON.parse(documented ?? '{}')).sort()).toEqual(shape(delivered).sort());
    } finally {
      await service.close();
      t.remove();
    }
  });
});
