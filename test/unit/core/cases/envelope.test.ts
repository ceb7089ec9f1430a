import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEnvelope, envelopeJsonSchema, envelopeSchema, sha256Hex } from '../../../../src/core/cases/envelope';
import { deliveryItemFrom, makeDraft } from './case-fixtures';

describe('delivery envelope', () => {
  it('carries flow, reference, key, times, answers, identification, signing and document checksums', () => {
    const draft = makeDraft({ assistedBy: 'staff-7' });
    const item = deliveryItemFrom(draft);
    const env = buildEnvelope(item, { inlineDocuments: false });
    expect(envelopeSchema.parse(env)).toEqual(env);
    expect(env).toMatchObject({
      envelopeVersion: 2,
      flow: { id: 'bygglov', version: 3, title: draft.flowTitle, classification: null },
      reference: 'K7-4F9Q-2',
      idempotencyKey: item.idempotencyKey,
      startedAt: '2025-03-01T09:20:00.000Z',
      submittedAt: '2025-03-01T09:30:00.000Z',
      language: 'sv',
      kioskId: 'kiosk-receptionen-1',
      answers: draft.answers,
      identification: draft.identification,
      signing: draft.signing,
      paperRoute: false,
      assistedBy: 'staff-7',
    });
    const doc = draft.documents[0]!;
    expect(env.documents).toEqual([
      {
        name: 'arende.pdf',
        kind: 'case',
        mediaType: 'application/pdf',
        size: doc.bytes.length,
        sha256: sha256Hex(doc.bytes),
      },
    ]);
    const inline = buildEnvelope(item, { inlineDocuments: true });
    expect(Buffer.from(inline.documents[0]?.base64 ?? '', 'base64').equals(Buffer.from(doc.bytes))).toBe(true);
  });

  it("takes the flow's classification, else the delivery target's default", () => {
    const item = deliveryItemFrom(makeDraft({ classification: null }));
    expect(buildEnvelope(item, { inlineDocuments: false, defaultClassification: '1.2' }).flow.classification).toBe(
      '1.2',
    );
    const own = deliveryItemFrom(makeDraft({ classification: '3.4.1' }));
    expect(buildEnvelope(own, { inlineDocuments: false, defaultClassification: '1.2' }).flow.classification).toBe(
      '3.4.1',
    );
  });

  it('goes without documents until the PDF exists', () => {
    const env = buildEnvelope(deliveryItemFrom(makeDraft({ documents: [], signing: null })), { inlineDocuments: true });
    expect(env.documents).toEqual([]);
    expect(env.signing).toBeNull();
    expect(envelopeSchema.safeParse(env).success).toBe(true);
  });

  it('docs/delivery-envelope.schema.json is the schema the code uses', () => {
    const published = JSON.parse(readFileSync('docs/delivery-envelope.schema.json', 'utf8')) as unknown;
    expect(
      published,
      'regenerate with: npx tsx -e "import(\'./src/core/cases/envelope.ts\').then(m => console.log(JSON.stringify(m.envelopeJsonSchema(), null, 2)))" > docs/delivery-envelope.schema.json',
    ).toEqual(envelopeJsonSchema());
  });

  it('the example in docs/delivery.md is a valid envelope', () => {
    const doc = readFileSync('docs/delivery.md', 'utf8');
    const match = /<!-- generated:envelope-example -->\s*```json\n([\s\S]*?)```/.exec(doc);
    expect(match, 'docs/delivery.md has an example envelope block').not.toBeNull();
    const parsed = envelopeSchema.safeParse(JSON.parse(match?.[1] ?? '{}'));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
