/**
 * The plaintext of a case payload before encryption: a JSON header (everything personal about the
 * case) followed by the raw bytes of its documents, so a PDF is not inflated by base64 at rest.
 *
 * Layout: [4 bytes big-endian header length][header JSON, UTF-8][document 0 bytes][document 1 bytes]…
 */
import type { CaseDocument, JsonValue } from './case-draft';

export interface CasePayload {
  flowVersion: string | number;
  kioskId: string;
  /** ISO 8601. */
  submittedAt: string;
  answers: JsonValue;
  identification: JsonValue | null;
  signing: JsonValue | null;
  assistedBy: string | null;
  documents: CaseDocument[];
}

interface Header extends Omit<CasePayload, 'documents'> {
  v: 1;
  documents: Array<{ name: string; mediaType: string; length: number }>;
}

export function encodeCasePayload(p: CasePayload): Buffer {
  const header: Header = {
    v: 1,
    flowVersion: p.flowVersion,
    kioskId: p.kioskId,
    submittedAt: p.submittedAt,
    answers: p.answers,
    identification: p.identification,
    signing: p.signing,
    assistedBy: p.assistedBy,
    documents: p.documents.map((d) => ({ name: d.name, mediaType: d.mediaType, length: d.bytes.byteLength })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length, 0);
  return Buffer.concat([length, json, ...p.documents.map((d) => d.bytes)]);
}

export function decodeCasePayload(data: Buffer): CasePayload {
  if (data.length < 4) throw new Error('case payload truncated');
  const headerLength = data.readUInt32BE(0);
  if (4 + headerLength > data.length) throw new Error('case payload truncated');
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  if (header.v !== 1) throw new Error(`unknown case payload version ${String(header.v)}`);
  let offset = 4 + headerLength;
  const documents: CaseDocument[] = [];
  for (const d of header.documents) {
    if (offset + d.length > data.length) throw new Error('case payload truncated');
    documents.push({
      name: d.name,
      mediaType: d.mediaType,
      bytes: new Uint8Array(data.subarray(offset, offset + d.length)),
    });
    offset += d.length;
  }
  return {
    flowVersion: header.flowVersion,
    kioskId: header.kioskId,
    submittedAt: header.submittedAt,
    answers: header.answers,
    identification: header.identification,
    signing: header.signing,
    assistedBy: header.assistedBy,
    documents,
  };
}
