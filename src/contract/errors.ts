import { z } from 'zod';

/**
 * Every failure that crosses the bridge is one of these codes. The renderer picks the visitor's text
 * from the code (never from `message`, which is for the log and never holds personal data).
 */
export const errorCodes = [
  'invalid_input', // the payload did not match the contract
  'unknown_method',
  'forbidden', // wrong sender, wrong token, not allowed in this state
  'not_found',
  'conflict',
  'unavailable', // a dependency (BankID, register, printer, disk) cannot be used now
  'storage_failed', // the case could not be committed: the visitor must not get a receipt
  'print_failed',
  'cancelled',
  // the call carried the id of a visit that has ended (reset, timed out in core, screen replaced):
  // nothing was done; the renderer's visit is over and the next visitor starts clean
  'visit_ended',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const kioskErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Per-field problems for invalid_input: path → message key. */
  issues: z
    .array(
      z.object({
        path: z.string(),
        code: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
  /** A more specific reason a screen may show, e.g. a BankID RFA key. */
  reason: z.string().optional(),
});

export type KioskError = z.infer<typeof kioskErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

/** Thrown inside core to answer with a typed error; dispatch turns it into a Result. */
export class KioskFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<KioskError, 'issues' | 'reason'> = {},
  ) {
    super(message);
    this.name = 'KioskFailure';
  }

  toError(): KioskError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** What was thrown, as text for a log line or a problem report (its message, or the value itself). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
