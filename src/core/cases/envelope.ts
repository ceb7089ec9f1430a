/**
 * The delivery envelope: the versioned JSON a receiver gets for one case, whatever the adapter
 * (HTTPS body, SMTP attachment `envelope.json`, `envelope.json` in a directory). Documented in
 * docs/delivery.md; docs/delivery-envelope.schema.json is generated from `envelopeSchema`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { jsonValueSchema } from './case-draft';
import type { DeliveryItem } from './delivery/adapter';

export const ENVELOPE_VERSION = 1;

export const envelopeDocumentSchema = z
  .object({
    name: z.string().min(1).describe('File name of the document, e.g. "arende-K7-4F9Q-2.pdf".'),
    mediaType: z.string().min(1).describe('Media type, e.g. "application/pdf".'),
    size: z.number().int().nonnegative().describe('Length of the document in bytes.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the document bytes, lower-case hex. A receiver checks it before acknowledging.'),
    base64: z
      .string()
      .optional()
      .describe(
        'The document bytes, base64 (HTTPS only; SMTP attaches and the directory adapter writes the file instead).',
      ),
  })
  .strict();

export const envelopeSchema = z
  .object({
    envelopeVersion: z
      .literal(ENVELOPE_VERSION)
      .describe('Format version; a receiver rejects versions it does not know (HTTP 422).'),
    flow: z
      .object({
        id: z.string().min(1).describe('Id of the e-service (flow) the case was filed with.'),
        version: z
          .union([z.string().min(1), z.number().int().nonnegative()])
          .describe('Version of that flow definition.'),
      })
      .strict(),
    reference: z
      .string()
      .min(1)
      .describe('The reference the visitor got on the receipt, e.g. "K7-4F9Q-2". Unique per kiosk.'),
    idempotencyKey: z
      .uuid()
      .describe('Unique per case; identical on every delivery attempt. A receiver stores a case once per key.'),
    submittedAt: z.iso.datetime({ offset: true }).describe('When the visitor submitted the case (ISO 8601, UTC).'),
    kioskId: z.string().min(1).describe('The kiosk the case was filed at.'),
    answers: jsonValueSchema.describe("The visitor's answers, keyed by the flow's field ids."),
    identification: jsonValueSchema
      .nullable()
      .describe('BankID authentication completion data (user, device, risk), or null.'),
    signing: jsonValueSchema
      .nullable()
      .describe('BankID signing completion data (signature, OCSP response), or null when not signed.'),
    assistedBy: z.string().nullable().describe('Id of the staff member who helped the visitor, or null.'),
    documents: z.array(envelopeDocumentSchema).describe('The case PDF (and attachments). May be empty.'),
  })
  .strict()
  .describe('Kommunkiosk case delivery envelope');

export type Envelope = z.infer<typeof envelopeSchema>;
export type EnvelopeDocument = z.infer<typeof envelopeDocumentSchema>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The envelope of one case; `inlineDocuments` puts the document bytes in (base64) for HTTPS. */
export function buildEnvelope(item: DeliveryItem, options: { inlineDocuments: boolean }): Envelope {
  const p = item.payload;
  return {
    envelopeVersion: ENVELOPE_VERSION,
    flow: { id: item.flowId, version: p.flowVersion },
    reference: item.reference,
    idempotencyKey: item.idempotencyKey,
    submittedAt: p.submittedAt,
    kioskId: p.kioskId,
    answers: p.answers,
    identification: p.identification,
    signing: p.signing,
    assistedBy: p.assistedBy,
    documents: p.documents.map((d) => ({
      name: d.name,
      mediaType: d.mediaType,
      size: d.bytes.byteLength,
      sha256: sha256Hex(d.bytes),
      ...(options.inlineDocuments
        ? { base64: Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength).toString('base64') }
        : {}),
    })),
  };
}

/** The JSON Schema (draft 2020-12) of the envelope, as published in docs/delivery-envelope.schema.json. */
export function envelopeJsonSchema(): Record<string, unknown> {
  const generated = JSON.stringify(z.toJSONSchema(envelopeSchema, { target: 'draft-2020-12' }))
    // zod names the recursive JSON value __schema0; give it a name a reader understands
    .replaceAll('__schema0', 'JsonValue');
  return {
    $id: 'https://kommunkiosk.example/schemas/delivery-envelope-v1.json',
    ...(JSON.parse(generated) as Record<string, unknown>),
  };
}
