/**
 * Staff PIN entry: the PIN is checked against every member's scrypt hash, one attempt at a time (so
 * parallel guesses cannot outrun the lockout), with the lockout that survives a restart. A right PIN
 * starts the staff session. Refusals that check no PIN (nobody configured, pad locked) are not audited
 * one by one: a visitor tapping a locked pad all day must not fill the disk; the lock itself is.
 */
import type { z } from 'zod';
import type { staffMethods } from '../../contract/namespaces/staff';
import type { Logger } from '../log/logger';
import type { AuditLog } from './audit-log';
import type { StaffConfig } from './config';
import type { FailuresBeforeEntry, PinLockout } from './lockout';
import { verifyPin } from './pin-hash';
import type { StaffSession } from './staff-session';

export type PinEntryAnswer = z.output<(typeof staffMethods)['staff.enter']['output']>;

export interface PinEntry {
  enter(pin: string): Promise<PinEntryAnswer>;
  /** The wrong PINs typed before the right one that opened this staff session (shown in the panel). */
  failuresBeforeEntry(): FailuresBeforeEntry;
}

export function createPinEntry(options: {
  staff: StaffConfig;
  lockout: PinLockout;
  session: StaffSession;
  audit: AuditLog;
  logger: Logger;
}): PinEntry {
  const { staff, lockout, session, audit, logger } = options;
  let entryQueue: Promise<unknown> = Promise.resolve();
  let failuresBeforeEntry: FailuresBeforeEntry = { count: 0, lastAt: null };

  async function check(pin: string): Promise<PinEntryAnswer> {
    if (staff.members.length === 0) {
      logger.info('staff PIN entered, but no staff members are configured');
      return { ok: false, reason: 'not_configured', attemptsLeft: 0, lockedSeconds: 0 };
    }
    const before = lockout.status();
    if (before.locked) {
      logger.info({ lockedSeconds: before.lockedSeconds }, 'staff PIN entered while the PIN pad is locked');
      return { ok: false, reason: 'locked', attemptsLeft: 0, lockedSeconds: before.lockedSeconds };
    }
    let matched: string | null = null;
    for (const member of staff.members) {
      if (await verifyPin(pin, member.pinHash)) {
        matched = member.id;
        break;
      }
    }
    if (matched !== null) {
      failuresBeforeEntry = lockout.recordSuccess();
      session.start(matched);
      audit.append({ action: 'enter', staffId: matched, outcome: 'ok' });
      logger.info({ staffId: matched }, 'staff mode entered');
      return { ok: true, staffId: matched, timeoutSeconds: staff.timeoutSeconds };
    }
    const after = lockout.recordFailure();
    audit.append({
      action: 'enter',
      staffId: null,
      outcome: 'refused',
      detail: after.locked ? 'locked' : 'wrong_pin',
      attemptsLeft: after.attemptsLeft,
    });
    if (after.locked) {
      logger.warn({ lockedSeconds: after.lockedSeconds }, 'too many wrong staff PINs; the PIN pad is locked');
      return { ok: false, reason: 'locked', attemptsLeft: 0, lockedSeconds: after.lockedSeconds };
    }
    logger.info({ attemptsLeft: after.attemptsLeft }, 'wrong staff PIN');
    return { ok: false, reason: 'wrong_pin', attemptsLeft: after.attemptsLeft, lockedSeconds: 0 };
  }

  return {
    enter(pin) {
      const attempt = entryQueue.then(() => check(pin));
      entryQueue = attempt.catch(() => undefined);
      return attempt;
    },
    failuresBeforeEntry: () => failuresBeforeEntry,
  };
}
