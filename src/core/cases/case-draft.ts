/**
 * What the flow engine hands the queue when a visitor submits: the draft of a case. Everything but
 * the flow id and the delivery target goes into the encrypted payload.
 */
import { z } from 'zod';
import { isValidReference } from './reference';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

export interface CaseDocument {
  /** File name, e.g. `arende-K7-4F9Q-2.pdf`. */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface CaseDraft {
  /** A reference from `CaseQueue.reserveReference()` (so the case PDF can print it); omitted → one is made at commit. */
  reference?: string | undefined;
  flowId: string;
  flowVersion: string | number;
  /** Name of a configured delivery target; omitted → the configured default target. */
  deliveryTarget?: string | undefined;
  submittedAt: Date | string | number;
  kioskId: string;
  answers: JsonValue;
  /** BankID auth completionData (or null for a flow without identification). */
  identification: JsonValue | null;
  /** BankID sign completionData, when the flow has the visitor sign. */
  signing?: JsonValue | null | undefined;
  /** Staff id when staff helped, else null. */
  assistedBy: string | null;
  /** The case PDF (and any attachments); may be empty. */
  documents: CaseDocument[];
}

/** Flow ids and target names are stored in clear, so they are held to a shape that cannot carry personal data. */
const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export const caseDraftSchema = z
  .object({
    reference: z.string().refine(isValidReference, 'a case reference with a valid check character').optional(),
    flowId: identifier,
    flowVersion: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]),
    deliveryTarget: identifier.optional(),
    submittedAt: z.union([z.date(), z.iso.datetime({ offset: true }), z.number().int().positive()]),
    kioskId: z.string().min(1).max(64),
    answers: jsonValueSchema,
    identification: jsonValueSchema.nullable(),
    signing: jsonValueSchema.nullable().optional(),
    assistedBy: z.string().min(1).max(64).nullable(),
    documents: z
      .array(
        z.object({
          name: z
            .string()
            .min(1)
            .max(120)
            .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'a document name is a plain file name'),
          mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
          bytes: z.instanceof(Uint8Array),
        }),
      )
      .max(20),
  })
  .strict();

export function submittedAtMs(value: CaseDraft['submittedAt']): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}
