import { describe, expect, it } from 'vitest';
import { rfaKeys } from '../../../../src/contract/namespaces/identity';
import { isAwaitingScan, isRetryableError, rfaForCollect, rfaForError } from '../../../../src/core/identity/bankid/rfa';

describe('RFA mapping (BankID recommended user messages, QR flow)', () => {
  it.each([
    ['outstandingTransaction', 'rfa1'],
    ['noClient', 'rfa1'],
    ['started', 'searching'],
    ['userSign', 'rfa9'],
    ['userMrtd', 'rfa23'],
    ['userCallConfirm', 'userCallConfirm'],
    ['somethingNewFromBankId', 'rfa21'],
    [undefined, 'rfa21'],
  ] as const)('pending %s → %s', (hintCode, key) => {
    expect(rfaForCollect('pending', hintCode)).toBe(key);
  });

  it.each([
    ['cancelled', 'rfa3'],
    ['userCancel', 'rfa6'],
    ['expiredTransaction', 'rfa8'],
    ['certificateErr', 'rfa16'],
    ['startFailed', 'rfa17b'],
    ['userDeclinedCall', 'userDeclinedCall'],
    ['notSupportedByUserApp', 'notSupportedByUserApp'],
    ['transactionRiskBlocked', 'transactionRiskBlocked'],
    ['aCodeAddedNextYear', 'rfa22'],
    [undefined, 'rfa22'],
  ] as const)('failed %s → %s', (hintCode, key) => {
    expect(rfaForCollect('failed', hintCode)).toBe(key);
  });

  it('complete → complete', () => {
    expect(rfaForCollect('complete', undefined)).toBe('complete');
  });

  it.each([
    ['alreadyInProgress', 'rfa4'],
    ['requestTimeout', 'rfa5'],
    ['maintenance', 'rfa5'],
    ['internalError', 'rfa5'],
    ['tooManyRequests', 'rfa5'],
    ['networkError', 'rfa5'],
    ['timeout', 'rfa5'],
    ['invalidParameters', 'rfa22'],
    ['unauthorized', 'rfa22'],
    ['notFound', 'rfa22'],
    ['unsupportedMediaType', 'rfa22'],
    ['whatever', 'rfa22'],
  ] as const)('error %s → %s', (errorCode, key) => {
    expect(rfaForError(errorCode)).toBe(key);
  });

  it('does not look up inherited object properties as codes', () => {
    expect(rfaForCollect('pending', 'toString')).toBe('rfa21');
    expect(rfaForCollect('failed', 'constructor')).toBe('rfa22');
    expect(rfaForError('__proto__')).toBe('rfa22');
  });

  it('every key it produces is in the shared contract list', () => {
    const produced = [
      ...['outstandingTransaction', 'started', 'userSign', 'userMrtd', 'userCallConfirm', 'x'].map((h) =>
        rfaForCollect('pending', h),
      ),
      ...[
        'cancelled',
        'userCancel',
        'expiredTransaction',
        'certificateErr',
        'startFailed',
        'userDeclinedCall',
        'notSupportedByUserApp',
        'transactionRiskBlocked',
        'x',
      ].map((h) => rfaForCollect('failed', h)),
      rfaForCollect('complete', undefined),
      ...['alreadyInProgress', 'maintenance', 'x'].map(rfaForError),
    ];
    for (const key of produced) expect(rfaKeys).toContain(key);
  });

  it('a certificate or authorisation problem is not retryable; the rest is', () => {
    expect(isRetryableError('unauthorized')).toBe(false);
    expect(isRetryableError('tlsError')).toBe(false);
    expect(isRetryableError('maintenance')).toBe(true);
    expect(isRetryableError('alreadyInProgress')).toBe(true);
  });

  it('keeps the QR on screen only until the phone has the order', () => {
    expect(isAwaitingScan('outstandingTransaction')).toBe(true);
    expect(isAwaitingScan('noClient')).toBe(true);
    expect(isAwaitingScan('started')).toBe(false);
    expect(isAwaitingScan('userSign')).toBe(false);
  });
});
