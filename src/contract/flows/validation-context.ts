/** What validation may know beyond the answers: the visitor's today, children and register data. */
import { resolveToday } from './dates';

export interface AddressValue {
  street: string;
  postalCode: string;
  city: string;
}

/** A normalised answer. Text-like fields: string; number: number; checkboxes: string[]; consent: true. */
export type AnswerValue = string | number | boolean | string[] | AddressValue;

/** Raw answers as the renderer holds them: field id → value. Anything may be in it. */
export type Answers = Record<string, unknown>;

/** Validated, normalised answers of visible fields only. */
export type CleanAnswers = Record<string, AnswerValue>;

/** A child of the signed-in person, from the register (children under secrecy are never listed). */
export interface ChildOption {
  /** 12 digits. */
  personnummer: string;
  name: string;
}

/** Register data of the signed-in person that fields may be prefilled with (see `prefill`). */
export interface PrefillValues {
  name?: string;
  givenName?: string;
  surname?: string;
  personnummer?: string;
  email?: string;
  phone?: string;
  address?: AddressValue;
}

/** An attachment of the visit as core holds it (its pages stay in core). */
export interface AttachmentSummary {
  /** `<fieldId>-<n>`, see attachment-limits.ts. */
  id: string;
  fieldId: string;
  pages: number;
}

export interface ValidationContext {
  /** Report only the fields of this step (visibility is still worked out over the whole flow). */
  stepId?: string;
  /** The visitor's today (ISO date or a Date, read in Europe/Stockholm); default today in Sweden. */
  today?: string | Date;
  /** The signed-in person's children; when given, a childSelect answer must be one of them. */
  children?: readonly ChildOption[];
  /** The signed-in person's register data; when given, non-editable prefilled fields take it. */
  prefill?: PrefillValues;
  /** The visit's attachments; when given, an attachment answer must name them and their pages must fit. */
  attachments?: readonly AttachmentSummary[];
}

export interface ResolvedContext {
  stepId: string | undefined;
  today: string;
  children: readonly ChildOption[] | undefined;
  prefill: PrefillValues | undefined;
  attachments: readonly AttachmentSummary[] | undefined;
}

export function resolveContext(ctx: ValidationContext | undefined): ResolvedContext {
  const c = ctx !== null && typeof ctx === 'object' ? ctx : {};
  return {
    stepId: typeof c.stepId === 'string' ? c.stepId : undefined,
    today: resolveToday(c.today),
    children: Array.isArray(c.children) ? c.children : undefined,
    prefill: c.prefill !== null && typeof c.prefill === 'object' ? c.prefill : undefined,
    attachments: Array.isArray(c.attachments) ? c.attachments : undefined,
  };
}
