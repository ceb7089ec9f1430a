/**
 * The staff capability: staff mode behind a PIN (pin-entry.ts: scrypt hashes in config, lockout that
 * survives a restart; inactivity timeout, one staff member at a time), the panel's data (panel-views.ts:
 * queue, dead letters, printer, health, configuration summary) and its actions (retry, discard, test
 * print, blank blankett, "Ur funktion" (out-of-order-switch.ts), assisted visit). Every action is written to the audit log with the staff
 * id. Nothing returned or logged here holds a visitor's personal data: cases are named by reference,
 * flow and delivery target, and free text (delivery errors, a staff note) passes through the redactor.
 */
import path from 'node:path';
import type { EmitterOf, HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import type { Language, OutOfOrderNotice } from '../../contract/namespaces/app';
import type { OutOfOrderState, staffEvents, staffMethods } from '../../contract/namespaces/staff';
import { normalizeReference } from '../cases/reference';
import type { HealthChecks } from '../health/health-checks';
import type { Logger } from '../log/logger';
import { Redactor } from '../log/redaction';
import { AUDIT_FILE, AuditLog, type AuditEntry } from './audit-log';
import { staffConfigSchema, type StaffConfig } from './config';
import { LOCKOUT_FILE, PinLockout } from './lockout';
import { OutOfOrderSwitch } from './out-of-order-switch';
import {
  createPanelViews,
  summarizeConfig,
  type StaffCaseOps,
  type StaffKioskConfig,
  type StaffPrinting,
} from './panel-views';
import { createPinEntry } from './pin-entry';
import { StaffSession, type Schedule, type StaffEndReason } from './staff-session';

export { caseOpsOf, type StaffCaseOps, type StaffKioskConfig, type StaffPrinting } from './panel-views';

export type StaffHandlers = HandlersOf<typeof staffMethods>;
export type StaffEmitter = EmitterOf<typeof staffEvents>;

export interface StaffServiceOptions {
  config: StaffKioskConfig;
  version: string;
  /** The audit log, the lockout and the out-of-order switch are kept here. */
  dataDir: string;
  logger: Logger;
  /** The visit whose case records the assisting staff member. */
  visit: { state: { assistedBy: string | null } };
  /** null: no case queue (it failed to open); queue actions answer `unavailable`. */
  cases: StaffCaseOps | null;
  health: HealthChecks;
  printing?: StaffPrinting;
  /** Prints the blank blankett of a flow (the documents capability). */
  printBlankett?: (flowId: string, language: Language) => Promise<{ jobId?: string | null } | void>;
  /**
   * Staff's contribution to the out-of-order state: reasons (for IT, without the note) and the fixed
   * reason visitors are told while the "Ur funktion" switch is on; null when it is off. The
   * composition root merges it with other reasons (an invalid config …).
   */
  setOutOfOrder: (reasons: string[] | null, notice: OutOfOrderNotice | null) => void;
  /** Shuts the kiosk down (the platform's quit); absent where the shell cannot. */
  shutDown?: () => void;
  emit: StaffEmitter;
  redactor?: Redactor;
  now?: () => number;
  schedule?: Schedule;
}

export interface StaffService {
  readonly handlers: StaffHandlers;
  /** The staff member in staff mode now (for the case queue's own records), or null. */
  currentStaffId(): string | null;
  outOfOrder(): OutOfOrderState;
  /** The renderer session that entered staff mode is gone (closed, reloaded, replaced): staff mode ends. */
  endForSession(): void;
  readonly config: StaffConfig;
  close(): void;
}

/** The overview shows the last health report when it is younger than this (the metrics loop refreshes it); else it runs the checks. */
const HEALTH_MAX_AGE_MS = 120_000;
/** "Stäng av" answers before the app quits. */
const SHUT_DOWN_DELAY_MS = 200;

function inactive(): KioskFailure {
  return new KioskFailure('forbidden', 'Staff mode is not active.', { reason: 'staff_mode_inactive' });
}

export function createStaffService(options: StaffServiceOptions): StaffService {
  const staff = staffConfigSchema.parse(options.config.staff ?? {});
  const logger = options.logger.child({ component: 'staff' });
  const now = options.now ?? Date.now;
  const redactor = options.redactor ?? new Redactor();
  const audit = new AuditLog({
    file: path.join(options.dataDir, AUDIT_FILE),
    kioskId: options.config.kiosk.id,
    logger,
    redactor,
    now,
    maxBytes: staff.auditLog.maxSizeMb * 1024 * 1024,
    files: staff.auditLog.files,
  });
  const lockout = new PinLockout({
    file: path.join(options.dataDir, LOCKOUT_FILE),
    attempts: staff.lockout.attempts,
    seconds: staff.lockout.seconds,
    maxSeconds: staff.lockout.maxSeconds,
    logger,
    now,
  });
  const session = new StaffSession({
    timeoutSeconds: staff.timeoutSeconds,
    now,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    onEnd: (staffId: string, reason: StaffEndReason) => {
      audit.append({
        action: reason === 'timeout' ? 'timeout' : 'leave',
        staffId,
        outcome: 'ok',
        ...(reason === 'replaced' || reason === 'session_ended' ? { detail: reason } : {}),
      });
      logger.info({ staffId, reason }, 'staff mode ended');
      if (reason === 'timeout' || reason === 'left') {
        try {
          options.emit('staff.ended', { reason });
        } catch (err) {
          logger.warn({ err }, 'staff.ended could not be sent');
        }
      }
    },
  });

  const outOfOrder = new OutOfOrderSwitch({
    dataDir: options.dataDir,
    logger,
    now,
    publish: (reasons, notice) => options.setOutOfOrder(reasons, notice),
  });
  const pinEntry = createPinEntry({ staff, lockout, session, audit, logger });
  const views = createPanelViews({ cases: options.cases, printing: options.printing, redactor, logger });
  const { printer, printerView } = views;

  // ——— helpers ——————————————————————————————————————————————————————————————————————————
  /** The active staff member (activity: the inactivity timer starts over), or forbidden. */
  const requireStaff = (): string => {
    const active = session.touch();
    if (!active) throw inactive();
    return active.staffId;
  };

  const requireCases = (): StaffCaseOps => {
    if (!options.cases)
      throw new KioskFailure('unavailable', 'The case queue is not available on this kiosk.', {
        reason: 'queue_unavailable',
      });
    return options.cases;
  };

  /** Runs an action, audit-logging its outcome; a KioskFailure is logged as refused, anything else as failed. */
  async function audited<T>(entry: Omit<AuditEntry, 'outcome'>, action: () => Promise<T> | T): Promise<T> {
    try {
      const value = await action();
      audit.append({ ...entry, outcome: 'ok' });
      return value;
    } catch (err) {
      const refused = err instanceof KioskFailure;
      audit.append({
        ...entry,
        outcome: refused ? 'refused' : 'failed',
        detail: refused ? (err.extra.reason ?? err.code) : 'error',
      });
      throw err;
    }
  }

  /** A reference as it may be written to the audit log: canonical, or nothing (a mistyped one might be anything). */
  const auditReference = (reference: string): { reference?: string; detail?: string } => {
    const canonical = normalizeReference(reference);
    return canonical ? { reference: canonical } : { detail: 'invalid_reference' };
  };

  const handlers: StaffHandlers = {
    'staff.enter': ({ pin }) => pinEntry.enter(pin),

    'staff.leave': async () => {
      if (!session.current()) throw inactive();
      session.end('left');
      return {};
    },

    'staff.touch': async () => {
      requireStaff();
      return {};
    },

    'staff.status': async () => {
      const active = session.current();
      const lock = lockout.status();
      return {
        active: active !== null,
        ...(active ? { staffId: active.staffId, secondsLeft: active.secondsLeft } : {}),
        configured: staff.members.length > 0,
        lockedSeconds: lock.lockedSeconds,
      };
    },

    'staff.overview': async () => {
      const staffId = requireStaff();
      const last = options.health.last();
      const fresh = last !== null && now() - Date.parse(last.checkedAt) < HEALTH_MAX_AGE_MS;
      const failuresBeforeEntry = pinEntry.failuresBeforeEntry();
      const [queue, printerStatus, health] = await Promise.all([
        views.queueView(),
        printerView(),
        fresh ? last : options.health.run(),
      ]);
      return {
        staffId,
        queue: queue.queue,
        deadLetters: queue.deadLetters,
        printer: printerStatus,
        health,
        outOfOrder: outOfOrder.state(),
        assistedBy: options.visit.state.assistedBy,
        failedPinAttempts: {
          count: failuresBeforeEntry.count,
          lastAt: failuresBeforeEntry.lastAt === null ? null : new Date(failuresBeforeEntry.lastAt).toISOString(),
        },
        version: options.version,
        config: summarizeConfig(options.config, staff),
        canShutDown: options.shutDown !== undefined,
      };
    },

    'staff.retry': async ({ reference }) => {
      const staffId = requireStaff();
      const cases = requireCases();
      return audited({ action: 'retry', staffId, ...auditReference(reference) }, async () => ({
        status: await cases.retry(reference, staffId),
      }));
    },

    'staff.discard': async ({ reference }) => {
      const staffId = requireStaff();
      const cases = requireCases();
      return audited({ action: 'discard', staffId, ...auditReference(reference) }, async () => ({
        status: await cases.discard(reference, staffId),
      }));
    },

    'staff.testPrint': async () => {
      const staffId = requireStaff();
      return audited({ action: 'test_print', staffId }, async () => {
        if (!printer)
          throw new KioskFailure('unavailable', 'No printer is configured on this kiosk.', { reason: 'no_printer' });
        const status = await printerView();
        // pdf-lib is loaded on first use, not at start-up (it costs ~200 ms of module loading)
        const { testPagePdf } = await import('./test-page');
        const page = await testPagePdf({
          municipality: options.config.kiosk.municipality.name,
          kioskId: options.config.kiosk.id,
          version: options.version,
          printer: status?.printer ?? null,
          staffId,
          at: new Date(now()),
        });
        const job = await printer.print(page, { title: 'Kommunkiosk testsida' });
        return { jobId: job.jobId };
      });
    },

    'staff.printBlankett': async ({ flowId, language }) => {
      const staffId = requireStaff();
      const print = options.printBlankett;
      return audited({ action: 'print_blankett', staffId, flowId, language }, async () => {
        if (!print)
          throw new KioskFailure('unavailable', 'Blanketter cannot be printed on this kiosk.', {
            reason: 'no_printer',
          });
        const job = await print(flowId, language);
        return { jobId: job?.jobId ?? null };
      });
    },

    'staff.setOutOfOrder': async ({ on, reason, note }) => {
      const staffId = requireStaff();
      const cleanNote = note && note.trim() !== '' ? audit.scrubNote(note) : null;
      const next = outOfOrder.next(staffId, on, reason, cleanNote);
      return audited(
        {
          action: on ? 'out_of_order_on' : 'out_of_order_off',
          staffId,
          ...(on ? { detail: next.reason ?? undefined } : {}),
          ...(cleanNote ? { note: cleanNote } : {}),
        },
        () => outOfOrder.set(next, staffId),
      );
    },

    'staff.markAssisted': async ({ on }) => {
      const staffId = requireStaff();
      const mark = on ?? true;
      return audited({ action: mark ? 'mark_assisted' : 'unmark_assisted', staffId }, () => {
        options.visit.state.assistedBy = mark ? staffId : null;
        return { assistedBy: options.visit.state.assistedBy };
      });
    },

    'staff.health': async () => {
      const staffId = requireStaff();
      return audited({ action: 'health', staffId }, () => options.health.run());
    },

    'staff.shutDown': async () => {
      const staffId = requireStaff();
      return audited({ action: 'shut_down', staffId }, () => {
        const shutDown = options.shutDown;
        if (!shutDown) {
          throw new KioskFailure('unavailable', 'This kiosk cannot be shut down from its screen.', {
            reason: 'not_supported',
          });
        }
        logger.warn({ staffId }, 'staff shut the kiosk down');
        // the answer reaches the screen first; then the app quits (and closes core cleanly)
        setTimeout(shutDown, SHUT_DOWN_DELAY_MS).unref?.();
        return {};
      });
    },
  };

  return {
    handlers,
    currentStaffId: () => session.current()?.staffId ?? null,
    outOfOrder: () => outOfOrder.state(),
    endForSession: () => void session.end('session_ended'),
    config: staff,
    close: () => session.dispose(),
  };
}
