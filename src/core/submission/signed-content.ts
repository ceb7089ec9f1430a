/**
 * What a BankID signature of a case covers: the flow (id and version), the normalised answers of the
 * visible fields in flow order, and the signer's personnummer. The same bytes are hashed when the
 * order starts and again at submission, so a case is stored only with a signature of exactly its
 * answers — change one answer after signing and the visitor must sign again.
 */
import { createHash } from 'node:crypto';
import type { CaseDocument } from './case-document';

export function signedContent(doc: CaseDocument, personalNumber: string): Buffer {
  const canonical = {
    flow: { id: doc.flow.id, version: doc.flow.version },
    signer: personalNumber,
    answers: doc.answers.map((a) => [a.fieldId, a.value]),
  };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}

/** base64 SHA-256, as BankID's userNonVisibleData takes it. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
