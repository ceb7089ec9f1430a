/**
 * Builds the delivery envelope of one case (the schema is the contract's: src/contract/delivery/envelope.ts)
 * and the published JSON Schema of it (docs/delivery-envelope.schema.json, `npm run docs:delivery`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ENVELOPE_VERSION, envelopeSchema, type Envelope } from '../../contract/delivery/envelope';
import type { DeliveryItem } from './delivery/adapter';

export { ENVELOPE_VERSION, envelopeSchema, type Envelope };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface EnvelopeOptions {
  /** Put the document bytes in (base64): HTTPS carries the documents inside the envelope. */
  inlineDocuments: boolean;
  /** The delivery target's classification code for flows that give none. */
  defaultClassification?: string | null | undefined;
}

/** The envelope of one case, from the typed values the queue stored. */
export function buildEnvelope(item: DeliveryItem, options: EnvelopeOptions): Envelope {
  const p = item.payload;
  return {
    envelopeVersion: ENVELOPE_VERSION,
    flow: {
      id: item.flowId,
      version: p.flowVersion,
      title: p.flowTitle,
      classification: p.classification ?? options.defaultClassification ?? null,
    },
    reference: item.reference,
    idempotencyKey: item.idempotencyKey,
    startedAt: p.startedAt,
    submittedAt: p.submittedAt,
    language: p.language,
    kioskId: p.kioskId,
    answers: p.answers,
    identification: p.identification,
    signing: p.signing,
    paperRoute: false,
    assistedBy: p.assistedBy,
    documents: p.documents.map((d) => ({
      name: d.name,
      kind: d.kind,
      mediaType: d.mediaType,
      size: d.bytes.byteLength,
      sha256: sha256Hex(d.bytes),
      ...(options.inlineDocuments
        ? { base64: Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength).toString('base64') }
        : {}),
    })),
  };
}

/** The envelope as UTF-8 JSON, the way every adapter writes it. */
export function envelopeBytes(envelope: Envelope): Buffer {
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8');
}

export const ENVELOPE_SCHEMA_ID = `https://kommunkiosk.example/schemas/delivery-envelope-v${ENVELOPE_VERSION}.json`;

/** The JSON Schema (draft 2020-12) of the envelope, as published in docs/delivery-envelope.schema.json. */
export function envelopeJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(envelopeSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: ENVELOPE_SCHEMA_ID, ...generated };
}
