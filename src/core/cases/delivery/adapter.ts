/**
 * What every delivery adapter (https, smtp, directory) implements, and the outcomes the worker acts on.
 */
import type { CasePayload } from '../case-payload';
import { controlCharactersToSpace } from '../../../contract/control-characters';

/** One case, decrypted, on its way out. Lives in memory only for the attempt. */
export interface DeliveryItem {
  caseId: string;
  reference: string;
  idempotencyKey: string;
  flowId: string;
  payload: CasePayload;
}

export type DeliveryOutcome =
  /** The receiver has the case (`duplicate`: it already had it). The payload may be erased. */
  | { kind: 'delivered'; receiverReference: string | null; duplicate: boolean }
  /** Try again later. `offline`: the target cannot be reached at all, so pause it and probe. */
  | { kind: 'retry'; reason: string; offline: boolean; retryAfterMs?: number }
  /** The receiver refused this case for good: it becomes a dead letter for staff. */
  | { kind: 'rejected'; reason: string };

export interface DeliveryAdapter {
  readonly type: 'https' | 'smtp' | 'directory';
  /** Never throws: every failure is an outcome. Stops promptly when `signal` aborts. */
  deliver(item: DeliveryItem, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Whether the target can be reached now (cheap: a TCP connect, a folder check). */
  probe(signal: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

/** Network errors that mean "cannot reach the target at all" rather than "the attempt failed". */
export const OFFLINE_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
]);

/**
 * An error reason fit for the clear-text `last_error` column and the staff screen: one line, short,
 * with anything shaped like an e-mail address or a personal/phone number taken out.
 */
export function safeReason(text: string): string {
  return controlCharactersToSpace(text)
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[address]')
    .replace(/\d[\d -]{8,}\d/g, '[number]')
    .trim()
    .slice(0, 240);
}

export function errorCodeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
