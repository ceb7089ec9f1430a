/**
 * What the flow engine hands the queue when a visitor submits: the draft of a case. Everything but
 * the flow id and the delivery target goes into the encrypted payload. The personal parts are typed by
 * the delivery contract (src/contract/delivery/envelope.ts), the same types the envelope is built from.
 */
import { z } from 'zod';
import {
  caseAnswerSchema,
  caseIdentificationSchema,
  caseSigningSchema,
  documentKinds,
  languageCodeSchema,
  plainIdentifierSchema,
  type CaseAnswer,
  type CaseIdentification,
  type CaseSigning,
} from '../../contract/delivery/envelope';
import type { LocalisedText } from '../../contract/namespaces/catalogue';
import { localisedTextSchema } from '../../contract/namespaces/catalogue';
import { isValidReference } from './reference';

export type DocumentKind = (typeof documentKinds)[number];

/**
 * A file delivered with the case (not to be confused with the case document, the structured answers
 * of src/core/submission/case-document.ts that the `case` file renders).
 */
export interface CaseFile {
  /** File name, e.g. `arende-K7-4F9Q-2.pdf`. */
  name: string;
  /** `case`: the case PDF/A; `attachment`: a file the visitor added. */
  kind: DocumentKind;
  mediaType: string;
  bytes: Uint8Array;
}

/** Where the confirmation e-mail goes once the case is delivered (signed-in visitors who gave an address). */
export interface ConfirmationRequest {
  email: string;
  language: 'sv' | 'en' | 'ar';
}

export interface CaseDraft {
  /** A reference from `CaseQueue.reserveReference()` (so the case PDF can print it); omitted → one is made at commit. */
  reference?: string | undefined;
  flowId: string;
  flowVersion: number;
  /** The e-service's title, as the receiver and the confirmation e-mail name it. */
  flowTitle: LocalisedText;
  /** The flow's klassificeringsstruktur code; null → the delivery target's default. */
  classification: string | null;
  /** Name of a configured delivery target; omitted → the configured default target. */
  deliveryTarget?: string | undefined;
  startedAt: string | null;
  submittedAt: Date | string | number;
  language: 'sv' | 'en' | 'ar';
  kioskId: string;
  answers: CaseAnswer[];
  /** The signed-in visitor (null for a flow without identification). */
  identification: CaseIdentification | null;
  /** The BankID signature, when the flow has the visitor sign. */
  signing?: CaseSigning | null | undefined;
  /** Staff id when staff helped, else null. */
  assistedBy: string | null;
  /** The case PDF (and any attachments); may be empty. */
  documents: CaseFile[];
  /** Send a confirmation e-mail here once the case is delivered; null: none. */
  confirmation?: ConfirmationRequest | null | undefined;
}

export const confirmationRequestSchema = z.object({ email: z.email().max(254), language: languageCodeSchema }).strict();

export const caseFileSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(120)
      .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'a document name is a plain file name'),
    kind: z.enum(documentKinds),
    mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
    bytes: z.instanceof(Uint8Array),
  })
  .strict();

export const caseDraftSchema = z
  .object({
    reference: z.string().refine(isValidReference, 'a case reference with a valid check character').optional(),
    flowId: plainIdentifierSchema,
    flowVersion: z.number().int().min(1),
    flowTitle: localisedTextSchema,
    classification: z.string().min(1).max(64).nullable(),
    deliveryTarget: plainIdentifierSchema.optional(),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    submittedAt: z.union([z.date(), z.iso.datetime({ offset: true }), z.number().int().positive()]),
    language: languageCodeSchema,
    kioskId: plainIdentifierSchema,
    answers: z.array(caseAnswerSchema).max(500),
    identification: caseIdentificationSchema.nullable(),
    signing: caseSigningSchema.nullable().optional(),
    assistedBy: plainIdentifierSchema.nullable(),
    documents: z.array(caseFileSchema).max(20),
    confirmation: confirmationRequestSchema.nullable().optional(),
  })
  .strict()
  .refine((d) => !d.confirmation || d.identification !== null, {
    message: 'a confirmation e-mail is only sent to a signed-in visitor',
    path: ['confirmation'],
  });

export function submittedAtMs(value: CaseDraft['submittedAt']): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}
