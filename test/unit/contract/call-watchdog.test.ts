import { describe, expect, it, vi } from 'vitest';
import { CallWatchdog, type CallWatchdogOptions } from '../../../src/contract/call-watchdog';

/** A manual clock: timers run when the test moves time on. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    /** Moves time on in 100 ms steps, running what falls due. */
    async advance(ms: number) {
      const end = now + ms;
      while (now < end) {
        now = Math.min(end, now + 100);
        for (const [id, t] of [...timers]) {
          if (t.at <= now && timers.has(id)) {
            timers.delete(id);
            t.fn();
          }
        }
        await Promise.resolve();
      }
    },
    pendingTimers: () => timers.size,
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
    ping: () => pings.push(clock.now()),
    onDead,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
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
    expect(clock.pendingTimers()).toBe(0);
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
    expect(clock.pendingTimers()).toBe(0);
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
