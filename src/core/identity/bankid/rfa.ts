/**
 * Maps what BankID says (collect status + hintCode, or an errorCode) to the message key the screen
 * shows, following BankID's recommended user messages (RFA) for the QR flow. Codes BankID adds later
 * are tolerated: an unknown pending hintCode shows RFA21, an unknown failure RFA22.
 */
import type { RfaKey } from '../../../contract/namespaces/identity';

export type CollectStatus = 'pending' | 'failed' | 'complete';

const PENDING: Readonly<Record<string, RfaKey>> = {
  outstandingTransaction: 'rfa1',
  noClient: 'rfa1',
  started: 'searching',
  userMrtd: 'rfa23',
  userCallConfirm: 'userCallConfirm',
  userSign: 'rfa9',
};

const FAILED: Readonly<Record<string, RfaKey>> = {
  expiredTransaction: 'rfa8',
  certificateErr: 'rfa16',
  userCancel: 'rfa6',
  cancelled: 'rfa3',
  startFailed: 'rfa17b',
  userDeclinedCall: 'userDeclinedCall',
  notSupportedByUserApp: 'notSupportedByUserApp',
  transactionRiskBlocked: 'transactionRiskBlocked',
};

const ERRORS: Readonly<Record<string, RfaKey>> = {
  alreadyInProgress: 'rfa4',
  requestTimeout: 'rfa5',
  maintenance: 'rfa5',
  internalError: 'rfa5',
  tooManyRequests: 'rfa5',
  // failures on our side of the wire (no answer, timeout) read the same to the visitor
  networkError: 'rfa5',
  timeout: 'rfa5',
};

/** Error codes that mean this kiosk cannot use BankID at all until IT acts: no "Försök igen". */
const NOT_RETRYABLE_ERRORS = new Set(['unauthorized', 'notConfigured', 'tlsError']);

export function rfaForCollect(status: CollectStatus, hintCode: string | undefined): RfaKey {
  if (status === 'complete') return 'complete';
  if (status === 'pending')
    return (hintCode !== undefined && Object.hasOwn(PENDING, hintCode) ? PENDING[hintCode] : undefined) ?? 'rfa21';
  return (hintCode !== undefined && Object.hasOwn(FAILED, hintCode) ? FAILED[hintCode] : undefined) ?? 'rfa22';
}

export function rfaForError(errorCode: string): RfaKey {
  return (Object.hasOwn(ERRORS, errorCode) ? ERRORS[errorCode] : undefined) ?? 'rfa22';
}

/** Whether a failed order can sensibly be retried by the visitor ("Försök igen"). */
export function isRetryableError(errorCode: string): boolean {
  return !NOT_RETRYABLE_ERRORS.has(errorCode);
}

/** Pending hintCodes before the phone has the order: the QR must stay on screen. */
export function isAwaitingScan(hintCode: string | undefined): boolean {
  return hintCode === undefined || hintCode === 'outstandingTransaction' || hintCode === 'noClient';
}
