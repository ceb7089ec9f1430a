/**
 * Wrong-PIN lockout of staff mode: after `attempts` wrong PINs in a row the PIN pad is locked for
 * `seconds`. The count and the lock are kept in a small JSON file in the data folder, so switching
 * the kiosk off and on again does not reset them. A file that cannot be read counts as a fresh lock
 * (the safe side); a lock that ends further in the future than one lock period (a clock that jumped
 * back, an edited file) is shortened to one period.
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
  /** How long the lock lasts. */
  seconds: number;
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

const stateSchema = z.object({
  version: z.literal(1),
  failures: z.number().int().min(0),
  lockedUntil: z.number().int().nullable(),
});

export class PinLockout {
  private failures = 0;
  private lockedUntil: number | null = null;
  private readonly now: () => number;
  private readonly periodMs: number;

  constructor(private readonly options: LockoutOptions) {
    this.now = options.now ?? Date.now;
    this.periodMs = options.seconds * 1000;
    this.load();
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
      this.lockedUntil = this.now() + this.periodMs;
      this.save();
      return;
    }
    this.failures = Math.min(parsed.data.failures, this.options.attempts);
    const latest = this.now() + this.periodMs;
    this.lockedUntil = parsed.data.lockedUntil === null ? null : Math.min(parsed.data.lockedUntil, latest);
    if (this.failures >= this.options.attempts && this.lockedUntil === null) this.lockedUntil = latest;
  }

  private save(): void {
    try {
      writeStateFile(this.options.file, { version: 1, failures: this.failures, lockedUntil: this.lockedUntil });
    } catch (err) {
      this.options.logger.error(
        { err, file: this.options.file },
        'staff lockout state could not be saved; a restart would reset it',
      );
    }
  }

  /** Ends an expired lock (a fresh set of attempts starts). */
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
      if (this.failures >= this.options.attempts) this.lockedUntil = this.now() + this.periodMs;
      this.save();
    }
    return this.status();
  }

  /** A right PIN: the count starts over. */
  recordSuccess(): void {
    if (this.failures === 0 && this.lockedUntil === null) return;
    this.failures = 0;
    this.lockedUntil = null;
    this.save();
  }
}
