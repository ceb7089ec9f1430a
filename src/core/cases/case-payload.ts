/**
 * The plaintext of a case payload before encryption: a JSON header (everything personal about the
 * case) followed by the raw bytes of its documents, so a PDF is not inflated by base64 at rest.
 *
 * Layout: [4 bytes big-endian header length][header JSON, UTF-8][document 0 bytes][document 1 bytes]…
 *
 * Header version 2 holds the typed values of the delivery contract and is checked by its schema when
 * read. Version 1 (kiosks before envelope version 2) is still read, so cases queued before an upgrade
 * are delivered: its answers, identification and signing are converted to the version 2 types.
 */
import { z } from 'zod';
import {
  caseAnswerSchema,
  caseIdentificationSchema,
  caseSigningSchema,
  languageCodeSchema,
  type CaseAnswer,
  type CaseIdentification,
  type CaseSigning,
} from '../../contract/delivery/envelope';
import { localisedTextSchema, type LocalisedText } from '../../contract/namespaces/catalogue';
import { confirmationRequestSchema, type CaseFile, type ConfirmationRequest, type DocumentKind } from './case-draft';

export interface CasePayload {
  flowVersion: number;
  flowTitle: LocalisedText;
  classification: string | null;
  kioskId: string;
  /** ISO 8601. */
  startedAt: string | null;
  /** ISO 8601. */
  submittedAt: string;
  language: 'sv' | 'en' | 'ar';
  answers: CaseAnswer[];
  identification: CaseIdentification | null;
  signing: CaseSigning | null;
  assistedBy: string | null;
  documents: CaseFile[];
  confirmation: ConfirmationRequest | null;
}

const documentEntry = z.object({
  name: z.string().min(1),
  kind: z.enum(['case', 'attachment']),
  mediaType: z.string().min(1),
  length: z.number().int().nonnegative(),
});

const headerV2Schema = z.object({
  v: z.literal(2),
  flowVersion: z.number().int().min(1),
  flowTitle: localisedTextSchema,
  classification: z.string().nullable(),
  kioskId: z.string().min(1),
  startedAt: z.string().nullable(),
  submittedAt: z.string(),
  language: languageCodeSchema,
  answers: z.array(caseAnswerSchema),
  identification: caseIdentificationSchema.nullable(),
  signing: caseSigningSchema.nullable(),
  assistedBy: z.string().nullable(),
  confirmation: confirmationRequestSchema.nullable(),
  documents: z.array(documentEntry),
});
type HeaderV2 = z.infer<typeof headerV2Schema>;

/** What kiosks before envelope version 2 stored (answers, identification and signing as plain JSON). */
const headerV1Schema = z.object({
  v: z.literal(1),
  flowVersion: z.union([z.string(), z.number()]),
  kioskId: z.string().min(1),
  submittedAt: z.string(),
  answers: z.object({
    language: z.string().optional(),
    startedAt: z.string().nullable().optional(),
    items: z.array(caseAnswerSchema),
  }),
  identification: z
    .object({ personalNumber: z.string(), name: z.string(), givenName: z.string(), surname: z.string() })
    .passthrough()
    .nullable(),
  signing: z
    .object({
      documentHash: z.string(),
      signedText: z.string(),
      completedAt: z.string(),
      completionData: z.object({ signature: z.string(), ocspResponse: z.string() }).passthrough(),
    })
    .passthrough()
    .nullable(),
  assistedBy: z.string().nullable(),
  documents: z.array(documentEntry.omit({ kind: true })),
});

export function encodeCasePayload(p: CasePayload): Buffer {
  const header: HeaderV2 = {
    v: 2,
    flowVersion: p.flowVersion,
    flowTitle: p.flowTitle,
    classification: p.classification,
    kioskId: p.kioskId,
    startedAt: p.startedAt,
    submittedAt: p.submittedAt,
    language: p.language,
    answers: p.answers,
    identification: p.identification,
    signing: p.signing,
    assistedBy: p.assistedBy,
    confirmation: p.confirmation,
    documents: p.documents.map((d) => ({
      name: d.name,
      kind: d.kind,
      mediaType: d.mediaType,
      length: d.bytes.byteLength,
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length, 0);
  return Buffer.concat([length, json, ...p.documents.map((d) => d.bytes)]);
}

function fromV1(h: z.infer<typeof headerV1Schema>, flowId: string): HeaderV2 {
  const language = languageCodeSchema.safeParse(h.answers.language);
  const version = typeof h.flowVersion === 'number' ? h.flowVersion : Number.parseInt(h.flowVersion, 10);
  return {
    v: 2,
    flowVersion: Number.isInteger(version) && version >= 1 ? version : 1,
    // version 1 did not record the title: the flow id stands in for it
    flowTitle: { sv: flowId, en: flowId },
    classification: null,
    kioskId: h.kioskId,
    startedAt: h.answers.startedAt ?? null,
    submittedAt: h.submittedAt,
    language: language.success ? language.data : 'sv',
    answers: h.answers.items,
    identification: h.identification
      ? {
          method: 'bankid',
          personalNumber: h.identification.personalNumber,
          name: h.identification.name,
          givenName: h.identification.givenName,
          surname: h.identification.surname,
        }
      : null,
    signing: h.signing
      ? {
          method: 'bankid',
          signedAt: h.signing.completedAt,
          documentHash: h.signing.documentHash,
          signedText: h.signing.signedText,
          signature: h.signing.completionData.signature,
          ocspResponse: h.signing.completionData.ocspResponse,
        }
      : null,
    assistedBy: h.assistedBy,
    confirmation: null,
    documents: h.documents.map((d) => ({ ...d, kind: 'case' as DocumentKind })),
  };
}

/** Reads a payload; `flowId` (kept in clear beside it) names a version 1 case that recorded no title. */
export function decodeCasePayload(data: Buffer, flowId = 'e-tjänst'): CasePayload {
  if (data.length < 4) throw new Error('case payload truncated');
  const headerLength = data.readUInt32BE(0);
  if (4 + headerLength > data.length) throw new Error('case payload truncated');
  const raw = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as { v?: unknown };
  let header: HeaderV2;
  if (raw.v === 2) {
    const parsed = headerV2Schema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`case payload does not match its schema (${parsed.error.issues.length} issues)`);
    header = parsed.data;
  } else if (raw.v === 1) {
    const parsed = headerV1Schema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`version 1 case payload cannot be read (${parsed.error.issues.length} issues)`);
    header = fromV1(parsed.data, flowId);
  } else {
    throw new Error(`unknown case payload version ${String(raw.v)}`);
  }
  let offset = 4 + headerLength;
  const documents: CaseFile[] = [];
  for (const d of header.documents) {
    if (offset + d.length > data.length) throw new Error('case payload truncated');
    documents.push({
      name: d.name,
      kind: d.kind,
      mediaType: d.mediaType,
      bytes: new Uint8Array(data.subarray(offset, offset + d.length)),
    });
    offset += d.length;
  }
  return {
    flowVersion: header.flowVersion,
    flowTitle: header.flowTitle,
    classification: header.classification,
    kioskId: header.kioskId,
    startedAt: header.startedAt,
    submittedAt: header.submittedAt,
    language: header.language,
    answers: header.answers,
    identification: header.identification,
    signing: header.signing,
    assistedBy: header.assistedBy,
    confirmation: header.confirmation,
    documents,
  };
}
