/**
 * What validation reports: error CODES with parameters, never visitor text. The renderer translates
 * them (sv/en); the full list with parameters is in docs/flows.md. A code is stable once shipped.
 */
import { z } from 'zod';

export const issueCodes = [
  /** A required answer is missing (for an address: on the missing part's path, e.g. `adress.city`). */
  'required',
  /** The answer has the wrong JSON type (a renderer bug or a forged request). params: { expected } */
  'type',
  /** A visible stop field: the visitor cannot go on. The text to show is the field's `text`. */
  'stop',
  /** A consent box is not ticked. */
  'consent.required',
  /** params: { min } (characters) */
  'text.tooShort',
  /** params: { max } (characters) */
  'text.tooLong',
  /** The answer does not match the field's pattern; show the field's `patternMessage`. */
  'text.pattern',
  /** Not a number. */
  'number.format',
  /** Must be a whole number. */
  'number.integer',
  /** params: { min } */
  'number.tooSmall',
  /** params: { max } */
  'number.tooLarge',
  /** Not written YYYY-MM-DD. */
  'date.format',
  /** No such day (2023-02-29). */
  'date.invalid',
  /** params: { min } (ISO date, already resolved from e.g. today+14d) */
  'date.tooEarly',
  /** params: { max } (ISO date) */
  'date.tooLate',
  'email.format',
  'phone.format',
  /** Not five digits (NNN NN). */
  'postalCode.format',
  /** Not 10 or 12 digits in one of the accepted forms. */
  'pnr.format',
  /** The date part is not a real date, or lies in the future. */
  'pnr.date',
  /** The last digit does not match (a typing mistake). */
  'pnr.checksum',
  /** A samordningsnummer where the field accepts only personnummer. */
  'pnr.samordningsnummer',
  /** The answer is not one of the field's options. */
  'choice.invalid',
  /** params: { min } (boxes) */
  'choice.tooFew',
  /** params: { max } (boxes) */
  'choice.tooMany',
  /** The chosen child is not one of the signed-in person's children. */
  'child.unknown',
  /** More attachments than the field takes. params: { max } */
  'attachment.tooMany',
  /** An attachment the visit does not hold (it was removed, or the visit ended). */
  'attachment.unknown',
  /** An attachment with fewer pages than the field asks for. params: { min } */
  'attachment.tooFewPages',
  /** An attachment with more pages than the field takes. params: { max } */
  'attachment.tooManyPages',
  /** validateAnswers was asked about a step the flow does not have (path ''). */
  'step.unknown',
] as const;

export type IssueCode = (typeof issueCodes)[number];

export type IssueParams = Record<string, string | number>;

export interface AnswerIssue {
  /** The field id, or `fieldId.part` for a part of an address block (street, postalCode, city). */
  path: string;
  code: IssueCode;
  params?: IssueParams;
}

export const answerIssueSchema = z.object({
  path: z.string(),
  code: z.enum(issueCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
