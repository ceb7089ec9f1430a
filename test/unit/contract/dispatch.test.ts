import { describe, expect, it } from 'vitest';
import { KioskFailure, methodNames, methods, type KioskHandlers } from '../../../src/contract';
import { dispatch } from '../../../src/core/dispatch';
import { createLogger } from '../../../src/core/log/logger';

const { logger } = createLogger({ level: 'silent' });
const VISIT = '6f1f7a52-3c1e-4d55-9a53-2a8d2f0e4b11';

function handlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  const base = {} as Record<string, unknown>;
  for (const m of methodNames) base[m] = async () => ({});
  return { ...(base as KioskHandlers), 'session.reset': async () => ({ cancelled: 1, visitId: VISIT }), ...overrides };
}

describe('the contract at the bridge', () => {
  it('every method is <namespace>.<name> (window.kiosk nests it) with an input and an output schema', () => {
    for (const m of methodNames) {
      expect(m, m).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(methods[m].input, m).toBeDefined();
      expect(methods[m].output, m).toBeDefined();
    }
  });

  it('no method lets anything extra through to core: unknown keys and non-objects are refused', async () => {
    for (const m of methodNames) {
      let called = false;
      const h = handlers({ [m]: async () => ((called = true), {}) } as Partial<KioskHandlers>);
      for (const payload of [{ unexpected: 1 }, 'text', 42, [1]]) {
        const result = await dispatch(h, m, payload, logger);
        expect(result.ok ? 'ok' : result.error.code, `${m} ${JSON.stringify(payload)}`).toBe('invalid_input');
      }
      expect(called, m).toBe(false);
    }
  });

  it('passes a valid call through and returns its value', async () => {
    expect(await dispatch(handlers(), 'session.reset', { reason: 'finished' }, logger)).toEqual({
      ok: true,
      value: { cancelled: 1, visitId: VISIT },
    });
  });

  it('answers an unknown method with a typed error', async () => {
    expect(await dispatch(handlers(), 'fs.readFile', {}, logger)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await dispatch(handlers(), '__proto__', {}, logger)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await dispatch(handlers(), 42, {}, logger)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('rejects payloads that do not match, naming the path, without calling core', async () => {
    let called = false;
    const h = handlers({ 'session.reset': async () => ((called = true), { cancelled: 0, visitId: VISIT }) });
    const res = await dispatch(h, 'session.reset', { reason: 'because' }, logger);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'reason' }] } });
    expect((await dispatch(h, 'session.reset', { reason: 'finished', extra: 1 }, logger)).ok).toBe(false);
    expect((await dispatch(h, 'session.reset', 'finished', logger)).ok).toBe(false);
    expect(called).toBe(false);
  });

  it('turns a typed failure into its error, and any other throw into internal without details', async () => {
    const typed = handlers({
      'session.reset': async () => {
        throw new KioskFailure('unavailable', 'BankID is down', { reason: 'rfa5' });
      },
    });
    expect(await dispatch(typed, 'session.reset', { reason: 'finished' }, logger)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'BankID is down', reason: 'rfa5' },
    });
    const broken = handlers({
      'session.reset': async () => {
        throw new Error('secret path /var/lib/kiosk/199001012384');
      },
    });
    const res = await dispatch(broken, 'session.reset', { reason: 'finished' }, logger);
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } });
  });

  it('never lets a handler answer outside the contract', async () => {
    const h = handlers({ 'session.reset': async () => ({ cancelled: 'many' }) as never });
    expect(await dispatch(h, 'session.reset', { reason: 'finished' }, logger)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
