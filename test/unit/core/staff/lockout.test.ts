import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PinLockout } from '../../../../src/core/staff/lockout';
import { ManualClock, silentLogger, tempDir } from './staff-fixtures';

describe('PIN lockout', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  function setup(clock = new ManualClock(), maxSeconds?: number) {
    const t = tempDir();
    dirs.push(t);
    const file = path.join(t.dir, 'staff-lockout.json');
    const open = () =>
      new PinLockout({
        file,
        attempts: 5,
        seconds: 300,
        ...(maxSeconds !== undefined ? { maxSeconds } : {}),
        logger: silentLogger(),
        now: clock.now,
      });
    return { file, clock, open };
  }

  /** Five wrong PINs; the status after the last. */
  function fiveWrong(lock: PinLockout): ReturnType<PinLockout['status']> {
    for (let i = 0; i < 4; i++) lock.recordFailure();
    return lock.recordFailure();
  }

  it('locks after five wrong PINs in a row for five minutes, then gives five fresh attempts', () => {
    const { clock, open } = setup();
    const lock = open();
    expect(lock.status()).toEqual({ locked: false, lockedSeconds: 0, attemptsLeft: 5 });
    for (let i = 4; i >= 1; i--)
      expect(lock.recordFailure()).toEqual({ locked: false, lockedSeconds: 0, attemptsLeft: i });
    expect(lock.recordFailure()).toEqual({ locked: true, lockedSeconds: 300, attemptsLeft: 0 });
    clock.advance(299_000);
    expect(lock.status()).toMatchObject({ locked: true, lockedSeconds: 1 });
    clock.advance(1_000);
    expect(lock.status()).toEqual({ locked: false, lockedSeconds: 0, attemptsLeft: 5 });
  });

  it('a right PIN starts the count over', () => {
    const { open } = setup();
    const lock = open();
    lock.recordFailure();
    lock.recordFailure();
    lock.recordSuccess();
    expect(lock.status().attemptsLeft).toBe(5);
  });

  it('survives a restart: the lock and the count are read back from the data folder', () => {
    const { clock, open, file } = setup();
    const first = open();
    for (let i = 0; i < 5; i++) first.recordFailure();
    clock.advance(60_000);
    const second = open(); // a new instance, as after a reboot
    expect(second.status()).toEqual({ locked: true, lockedSeconds: 240, attemptsLeft: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    clock.advance(240_000);
    const third = open();
    expect(third.status()).toEqual({ locked: false, lockedSeconds: 0, attemptsLeft: 5 });
    third.recordFailure();
    third.recordFailure();
    expect(open().status().attemptsLeft).toBe(3);
  });

  it('a lock set far in the future (clock turned back, edited file) lasts one period at most', () => {
    const { clock, open, file } = setup();
    writeFileSync(file, JSON.stringify({ version: 1, failures: 5, lockedUntil: clock.now() + 86_400_000 }));
    expect(open().status().lockedSeconds).toBe(300);
  });

  it('an unreadable file counts as a fresh lock, and is replaced by a valid one', () => {
    const { clock, open, file } = setup();
    writeFileSync(file, '{"version":1,"failu');
    const lock = open();
    expect(lock.status()).toMatchObject({ locked: true, lockedSeconds: 300 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, failures: 5 });
    clock.advance(300_000);
    expect(lock.status().locked).toBe(false);
  });

  it('each lock before a right PIN lasts twice as long as the one before, up to maxSeconds', () => {
    const { clock, open } = setup(new ManualClock(), 3600);
    const lock = open();
    const periods: number[] = [];
    for (let round = 0; round < 6; round++) {
      const s = fiveWrong(lock);
      periods.push(s.lockedSeconds);
      clock.advance(s.lockedSeconds * 1000);
      expect(lock.status()).toEqual({ locked: false, lockedSeconds: 0, attemptsLeft: 5 });
    }
    expect(periods).toEqual([300, 600, 1200, 2400, 3600, 3600]);
    // a right PIN starts over: the next lock is the short one again
    lock.recordSuccess();
    expect(fiveWrong(lock).lockedSeconds).toBe(300);
  });

  it('the growth survives a restart, and a clock turned back cannot stretch a lock beyond its period', () => {
    const { clock, open, file } = setup(new ManualClock(), 3600);
    const first = open();
    clock.advance(fiveWrong(first).lockedSeconds * 1000);
    expect(fiveWrong(first).lockedSeconds).toBe(600);
    const after = open(); // a reboot during the second lock
    expect(after.status()).toMatchObject({ locked: true, lockedSeconds: 600 });
    clock.advance(600_000);
    expect(fiveWrong(open()).lockedSeconds).toBe(1200);
    const state = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(state).toMatchObject({ version: 1, locks: 3, failedSinceSuccess: 15 });
    writeFileSync(file, JSON.stringify({ ...state, lockedUntil: clock.now() + 86_400_000 }));
    expect(open().status().lockedSeconds).toBe(1200);
  });

  it('counts the wrong PINs since the last right one, across restarts, and reports them at the right one', () => {
    const { clock, open } = setup();
    const lock = open();
    lock.recordFailure();
    clock.advance(5_000);
    lock.recordFailure();
    const at = clock.now();
    const reopened = open();
    reopened.recordFailure();
    expect(reopened.recordSuccess()).toEqual({ count: 3, lastAt: at + 0 });
    expect(open().recordSuccess()).toEqual({ count: 0, lastAt: null });
  });

  it('reads a file written before the growth existed (version 1 without locks) as one lock', () => {
    const { clock, open, file } = setup(new ManualClock(), 3600);
    writeFileSync(file, JSON.stringify({ version: 1, failures: 5, lockedUntil: clock.now() + 100_000 }));
    const lock = open();
    expect(lock.status()).toMatchObject({ locked: true, lockedSeconds: 100 });
    clock.advance(100_000);
    expect(fiveWrong(lock).lockedSeconds).toBe(600);
  });
});
