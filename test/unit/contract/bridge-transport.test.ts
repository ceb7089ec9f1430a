import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkedResult, EventRegistry, isResult, VisitStamp } from '../../../src/contract/bridge-transport';
import type { EventName } from '../../../src/contract';

const VISIT = '0b7c2f3e-7a41-4c55-8d2e-5c6a3f1e9d20';
const NEXT = 'c9a4e8d1-2b3f-4e6a-9c7d-1f2e3d4c5b6a';

describe('the transports share one result check', () => {
  it.each([null, undefined, 'ok', 1, {}, { ok: true }, { ok: false }, { ok: false, error: { message: 'x' } }])(
    '%j is not a Result: the page gets internal',
    (answer) => {
      expect(isResult(answer)).toBe(false);
      expect(checkedResult(answer)).toEqual({
        ok: false,
        error: { code: 'internal', message: 'The kiosk produced an invalid answer.' },
      });
    },
  );

  it('passes Results through unchanged', () => {
    const value = { ok: true, value: { a: 1 } };
    const error = { ok: false, error: { code: 'conflict', message: 'm' } };
    expect(checkedResult(value)).toBe(value);
    expect(checkedResult(error)).toBe(error);
  });
});

describe('the event registry both transports use', () => {
  afterEach(() => vi.useRealTimers());

  it('a subscriber that throws does not stop the others; the error still surfaces', () => {
    vi.useFakeTimers();
    const registry = new EventRegistry();
    const got: string[] = [];
    registry.on('session.connection', () => {
      throw new Error('broken screen');
    });
    registry.on('session.connection', (p) => got.push((p as { state: string }).state));
    registry.deliver('session.connection', { state: 'lost' });
    expect(got).toEqual(['lost']);
    expect(() => vi.runAllTimers()).toThrow('broken screen');
  });

  it('drops events outside the contract and payloads that fail their schema', () => {
    const registry = new EventRegistry();
    expect(registry.parse('shell.exec', {})).toBeNull();
    expect(registry.parse('__proto__', {})).toBeNull();
    expect(registry.parse('session.reset', { reason: 'hacked', visitId: VISIT })).toBeNull();
    expect(registry.parse('session.reset', { reason: 'staff', visitId: VISIT })).toEqual({
      name: 'session.reset',
      payload: { reason: 'staff', visitId: VISIT },
    });
  });

  it('refuses unknown events and non-function callbacks, and honours unsubscribe', () => {
    const registry = new EventRegistry();
    expect(() => registry.on('nope' as EventName, () => undefined)).toThrow(TypeError);
    expect(() => registry.on('session.connection', 'x' as never)).toThrow(TypeError);
    const cb = vi.fn();
    const off = registry.on('session.connection', cb);
    off();
    registry.deliver('session.connection', { state: 'lost' });
    expect(cb).not.toHaveBeenCalled();
  });
});

describe('the visit stamp', () => {
  it("takes the session's id, then the fresh one from session.reset's answer or event", () => {
    const stamp = new VisitStamp();
    stamp.opened({ ok: true, value: { visitId: VISIT } });
    expect(stamp.id).toBe(VISIT);
    stamp.answered('session.touch', { ok: true, value: { visitId: NEXT } });
    expect(stamp.id).toBe(VISIT);
    stamp.answered('session.reset', { ok: false, error: { code: 'internal', message: 'x' } });
    expect(stamp.id).toBe(VISIT);
    stamp.answered('session.reset', { ok: true, value: { visitId: NEXT } });
    expect(stamp.id).toBe(NEXT);
    stamp.received({ name: 'session.reset', payload: { reason: 'expired', visitId: VISIT } });
    expect(stamp.id).toBe(VISIT);
  });

  it('has no id when the session could not be opened', () => {
    const stamp = new VisitStamp();
    stamp.opened({ ok: false, error: { code: 'unavailable', message: 'x' } });
    expect(stamp.id).toBeNull();
    stamp.opened('garbage');
    expect(stamp.id).toBeNull();
  });
});
