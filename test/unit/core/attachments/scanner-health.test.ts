/** The scanner's health check as staff read it: ready, or a warning with the reason. */
import { describe, expect, it } from 'vitest';
import { scannerHealthCheck } from '../../../../src/core/attachments/scanner-health';
import { saneFailure } from '../../../../src/core/attachments/sane-scanner';

describe('the scanner health check', () => {
  it('is ok when the scanner answers, a warning (not a failure) when it does not', () => {
    expect(scannerHealthCheck({ state: 'ready', reason: 'scanner test answers' })).toEqual({
      id: 'scanner',
      ok: true,
      severity: 'ok',
      key: 'scanner_ok',
      reason: 'scanner test answers',
    });
    expect(scannerHealthCheck({ state: 'no_scanner', reason: 'the scanner was not found' })).toMatchObject({
      ok: false,
      severity: 'warn',
      key: 'scanner_no_scanner',
    });
  });
});

describe("scanimage's outcome in plain reasons", () => {
  const outcome = (
    code: number | string | null,
    stderr = '',
    extra: Partial<{ signal: string; killed: boolean }> = {},
  ) => ({
    code,
    signal: extra.signal ?? null,
    killed: extra.killed ?? false,
    stderr,
  });

  it.each([
    [3, 'busy'],
    [6, 'jammed'],
    [7, 'no_paper'],
    [8, 'cover_open'],
    [9, 'failed'],
    [11, 'no_scanner'],
  ] as const)('exit status %i (a SANE status) is %s', (code, reason) => {
    expect(saneFailure(outcome(code, 'scanimage: sane_read: something'), 'scanimage').reason).toBe(reason);
  });

  it('a device that cannot be opened is no_scanner (or busy); a missing program too; a kill is a timeout, a crash a failure', () => {
    expect(saneFailure(outcome(1, 'scanimage: open of device x failed: Invalid argument'), 'scanimage').reason).toBe(
      'no_scanner',
    );
    expect(saneFailure(outcome(1, 'scanimage: open of device x failed: Device busy'), 'scanimage').reason).toBe('busy');
    expect(saneFailure(outcome('ENOENT'), 'scanimage').reason).toBe('no_scanner');
    expect(saneFailure(outcome(null, '', { signal: 'SIGKILL', killed: true }), 'scanimage').reason).toBe('timeout');
    expect(saneFailure(outcome(null, '', { signal: 'SIGSEGV' }), 'scanimage').reason).toBe('failed');
  });
});
