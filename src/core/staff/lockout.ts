/**
 * Wrong-PIN lockout of staff mode: after `attempts` wrong PINs in a row the PIN pad is locked for
 * `seconds`. Each further lock before a right PIN lasts twice as long as the one before, up to
 * `maxSeconds` (5 min, 10, 20, 40, 60, 60 … by default: a guesser gets about 120 PINs a day instead of
 * 1,440). A right PIN starts everything over. The count, the lock, how many locks came in a row and
 * the wrong PINs since the last right one are kept in a small JSON file in the data folder, so
 * switching the kiosk off and on again does not reset them. A file that cannot be read counts as a
 * fresh lock (the safe side); a lock that ends further in the future than its period (a clock that
 * jumped back, an edited file) is shortened to that period.
 */
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { readStateFile, writeStateFile } from './state-file';

export const LOCKOUT_FILE = 'staff-lockout.json';

export interface LockoutOptions {
  /** The JSON file (normally `<dataDir>/staff-lockout.json`). */
  file: string;
  /** Wrong PINs in a row that lock the pad. */
  attempts: number;
  /** How long the first lock lasts; each further lock before a right PIN doubles it … */
  seconds: number;
  /** … up to this long (default: `seconds`, no growth). */
  maxSeconds?: number;
  logger: Logger;
  now?: () => number;
}

export interface LockoutStatus {
  locked: boolean;
  /** Whole seconds until the pad opens again; 0 when not locked. */
  lockedSeconds: number;
  /** Wrong PINs left before the lock; 0 when locked. */
  attemptsLeft: number;
}

/** Version 1 of the file; `locks`, `failedSinceSuccess` and `lastFailureAt` came later and are optional. */
const stateSchema = z.object({
  version: z.literal(1),
  failures: z.number().int().min(0),
  lockedUntil: z.number().int().nullable(),
  /** Locks in a row without a right PIN between them (the next lock lasts 2^locks periods). */
  locks: z.number().int().min(0).max(64).optional(),
  /** Wrong PINs since the last right one (shown to staff when they enter). */
  failedSinceSuccess: z.number().int().min(0).optional(),
  lastFailureAt: z.number().int().nullable().optional(),
});

/** What the last right PIN learned about the wrong ones before it. */
export interface FailuresBeforeEntry {
  count: number;
  /** Epoch ms of the last wrong PIN; null when there was none. */
  lastAt: number | null;
}

export class PinLockout {
  private failures = 0;
  private lockedUntil: number | null = null;
  private locks = 0;
  private failedSinceSuccess = 0;
  private lastFailureAt: number | null = null;
  private readonly now: () => number;
  private readonly periodMs: number;
  private readonly maxPeriodMs: number;

  constructor(private readonly options: LockoutOptions) {
    this.now = options.now ?? Date.now;
    this.periodMs = options.seconds * 1000;
    this.maxPeriodMs = Math.max(this.periodMs, (options.maxSeconds ?? options.seconds) * 1000);
    this.load();
  }

  /** The length of lock number `n` (1: the first): doubling, capped. */
  private lockPeriod(n: number): number {
    return Math.min(this.maxPeriodMs, this.periodMs * 2 ** Math.max(0, Math.min(n, 32) - 1));
  }

  private load(): void {
    const read = readStateFile(this.options.file);
    if (!read.found) return;
    const parsed = 'value' in read ? stateSchema.safeParse(read.value) : null;
    if (!parsed?.success) {
      const error = 'error' in read ? read.error : 'unexpected content';
      this.options.logger.warn(
        { file: this.options.file, error },
        'staff lockout file unreadable; the PIN pad is locked for one period to be safe',
      );
      this.failures = this.options.attempts;
      this.locks = 1;
      this.lockedUntil = this.now() + this.periodMs;
      this.save();
      return;
    }
    const d = parsed.data;
    this.failures = Math.min(d.failures, this.options.attempts);
    this.locks = d.locks ?? (d.lockedUntil !== null || this.failures >= this.options.attempts ? 1 : 0);
    this.failedSinceSuccess = Math.max(d.failedSinceSuccess ?? d.failures, this.failures);
    this.lastFailureAt = d.lastFailureAt ?? null;
    const latest = this.now() + this.lockPeriod(Math.max(1, this.locks));
    this.lockedUntil = d.lockedUntil === null ? null : Math.min(d.lockedUntil, latest);
    if (this.failures >= this.options.attempts && this.lockedUntil === null) {
      this.locks = Math.max(1, this.locks);
      this.lockedUntil = latest;
    }
  }

  private save(): void {
    try {
      writeStateFile(this.options.file, {
        version: 1,
        failures: this.failures,
        lockedUntil: this.lockedUntil,
        locks: this.locks,
        failedSinceSuccess: this.failedSinceSuccess,
        lastFailureAt: this.lastFailureAt,
      });
    } catch (err) {
      this.options.logger.error(
        { err, file: this.options.file },
        'staff lockout state could not be saved; a restart would reset it',
      );
    }
  }

  /** Ends an expired lock (a fresh set of attempts starts; the next lock still lasts longer). */
  private expire(): void {
    if (this.lockedUntil !== null && this.now() >= this.lockedUntil) {
      this.failures = 0;
      this.lockedUntil = null;
      this.save();
    }
  }

  status(): LockoutStatus {
    this.expire();
    if (this.lockedUntil !== null) {
      return {
        locked: true,
        lockedSeconds: Math.max(1, Math.ceil((this.lockedUntil - this.now()) / 1000)),
        attemptsLeft: 0,
      };
    }
    return { locked: false, lockedSeconds: 0, attemptsLeft: Math.max(0, this.options.attempts - this.failures) };
  }

  /** A wrong PIN. Returns the status after it (locked when this was the last attempt). */
  recordFailure(): LockoutStatus {
    this.expire();
    if (this.lockedUntil === null) {
      this.failures += 1;
      this.failedSinceSuccess += 1;
      this.lastFailureAt = this.now();
      if (this.failures >= this.options.attempts) {
        this.locks += 1;
        this.lockedUntil = this.now() + this.lockPeriod(this.locks);
      }
      this.save();
    }
    return this.status();
  }

  /** A right PIN: everything starts over. Returns the wrong PINs since the right one before. */
  recordSuccess(): FailuresBeforeEntry {
    const before = { count: this.failedSinceSuccess, lastAt: this.lastFailureAt };
    if (this.failures === 0 && this.lockedUntil === null && this.locks === 0 && this.failedSinceSuccess === 0)
      return before;
    this.failures = 0;
    this.lockedUntil = null;
    this.locks = 0;
    this.failedSinceSuccess = 0;
    this.lastFailureAt = null;
    this.save();
    return before;
  }
}
