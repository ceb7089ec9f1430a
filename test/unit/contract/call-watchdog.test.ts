import { describe, expect, it, vi } from 'vitest';
import {
  CallWatchdog,
  WATCHDOG_TICK_MS,
  type CallWatchdogOptions,
  type Ticker,
} from '../../../src/contract/call-watchdog';

/** A manual ticker: it ticks when the test moves time on (WATCHDOG_TICK_MS a tick). */
function manualClock() {
  let tick: (() => void) | null = null;
  const ticker: Ticker = (fn) => {
    tick = fn;
    return () => {
      tick = null;
    };
  };
  return {
    ticker,
    async advance(ms: number) {
      for (let t = 0; t < ms; t += WATCHDOG_TICK_MS) {
        tick?.();
        await Promise.resolve();
      }
    },
    ticking: () => tick !== null,
  };
}

const UNAVAILABLE = { ok: false, error: { code: 'unavailable' } } as const;

function setup(overrides: Partial<CallWatchdogOptions> = {}) {
  const clock = manualClock();
  const pings: number[] = [];
  const onDead = vi.fn();
  const dog = new CallWatchdog({
    silenceMs: 15_000,
    pingEveryMs: 2_500,
    maxCallMs: 150_000,
    ping: () => pings.push(1),
    onDead,
    ticker: clock.ticker,
    ...overrides,
  });
  return { clock, pings, onDead, dog };
}

/** A call the test answers itself (or never). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CallWatchdog: every call settles', () => {
  it('passes an answer through and leaves no timer behind', async () => {
    const { dog, clock, onDead } = setup();
    const answer = deferred<unknown>();
    const result = dog.run(
      () => answer.promise,
      () => UNAVAILABLE,
    );
    await clock.advance(1_000);
    answer.resolve({ ok: true, value: 1 });
    await expect(result).resolves.toEqual({ ok: true, value: 1 });
    expect(clock.ticking()).toBe(false);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('a frozen other side (no answer, no pong): every waiting call answers unavailable and onDead runs once', async () => {
    const { dog, clock, onDead, pings } = setup();
    const a = dog.run(
      () => new Promise(() => undefined),
      () => UNAVAILABLE,
    );
    await clock.advance(5_000);
    const b = dog.run(
      () => new Promise(() => undefined),
      () => UNAVAILABLE,
    );
    await clock.advance(9_000);
    expect(onDead).not.toHaveBeenCalled();
    await clock.advance(1_500);
    await expect(a).resolves.toEqual(UNAVAILABLE);
    await expect(b).resolves.toEqual(UNAVAILABLE);
    expect(onDead).toHaveBeenCalledTimes(1);
    // it asked while it waited, every 2.5 s of silence
    expect(pings.length).toBeGreaterThanOrEqual(4);
    expect(clock.ticking()).toBe(false);
  });

  it('a slow call from a side that answers its pings waits as long as it takes (up to maxCallMs)', async () => {
    const { dog, clock, onDead, pings } = setup();
    const answer = deferred<unknown>();
    const result = dog.run(
      () => answer.promise,
      () => UNAVAILABLE,
    );
    for (let i = 0; i < 24; i += 1) {
      await clock.advance(2_500);
      if (pings.length > 0) dog.heard(); // the pong
    }
    answer.resolve({ ok: true, value: 'slow but done' });
    await expect(result).resolves.toEqual({ ok: true, value: 'slow but done' });
    expect(onDead).not.toHaveBeenCalled();
  });

  it('a call that never ends from a side that answers pings is given up after maxCallMs, that call alone', async () => {
    const { dog, clock, onDead } = setup({ maxCallMs: 20_000 });
    const result = dog.run(
      () => new Promise(() => undefined),
      () => UNAVAILABLE,
    );
    for (let i = 0; i < 9; i += 1) {
      await clock.advance(2_500);
      dog.heard();
    }
    await expect(result).resolves.toEqual(UNAVAILABLE);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('silence before a call does not count: a call after a long quiet spell gets the full time', async () => {
    const { dog, clock, onDead } = setup();
    await dog.run(
      () => Promise.resolve(null),
      () => UNAVAILABLE,
    );
    await clock.advance(60_000);
    const answer = deferred<unknown>();
    const result = dog.run(
      () => answer.promise,
      () => UNAVAILABLE,
    );
    await clock.advance(10_000);
    answer.resolve({ ok: true, value: null });
    await expect(result).resolves.toEqual({ ok: true, value: null });
    expect(onDead).not.toHaveBeenCalled();
  });

  it('a call that rejects answers unavailable; failAll settles every waiting call', async () => {
    const { dog } = setup();
    await expect(
      dog.run(
        () => Promise.reject(new Error('gone')),
        () => UNAVAILABLE,
      ),
    ).resolves.toEqual(UNAVAILABLE);
    const a = dog.run(
      () => new Promise(() => undefined),
      () => UNAVAILABLE,
    );
    expect(dog.size).toBe(1);
    dog.failAll();
    await expect(a).resolves.toEqual(UNAVAILABLE);
    expect(dog.size).toBe(0);
  });
});
