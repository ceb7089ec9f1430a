/**
 * The staff capability: staff mode behind a PIN (scrypt hashes in config, lockout that survives a
 * restart, inactivity timeout, one staff member at a time), the panel's data (queue, dead letters,
 * printer, health, configuration summary) and its actions (retry, discard, test print, blank
 * blankett, "Ur funktion", assisted visit). Every action is written to the audit log with the staff
 * id. Nothing returned or logged here holds a visitor's personal data: cases are named by reference,
 * flow and delivery target, and free text (delivery errors, a staff note) passes through the redactor.
 */
import path from 'node:path';
import { z } from 'zod';
import type { EmitterOf, HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import { outOfOrderNoticeSchema, type Language, type OutOfOrderNotice } from '../../contract/namespaces/app';
import type { CaseStats, CaseStatusValue, DeadLetterInfo } from '../../contract/namespaces/cases';
import { printerStates } from '../../contract/namespaces/print';
import type {
  ConfigSummary,
  OutOfOrderState,
  staffEvents,
  staffMethods,
  StaffPrinterStatus,
} from '../../contract/namespaces/staff';
import type { CasesConfig } from '../cases/config';
import type { DeadLetter } from '../cases/queue';
import { normalizeReference } from '../cases/reference';
import type { CasesHandlers } from '../cases/service';
import { deliveryTargetHost, hostOf, type HealthChecks } from '../health/health-checks';
import type { BankIdConfig, RegisterConfig } from '../identity/config';
import type { Logger } from '../log/logger';
import { Redactor } from '../log/redaction';
import { AUDIT_FILE, AuditLog, type AuditEntry } from './audit-log';
import { staffConfigSchema, type StaffConfig, type StaffConfigInput } from './config';
import { LOCKOUT_FILE, PinLockout, type FailuresBeforeEntry } from './lockout';
import { verifyPin } from './pin-hash';
import { StaffSession, type Schedule, type StaffEndReason } from './staff-session';
import { readStateFile, writeStateFile } from './state-file';

export type StaffHandlers = HandlersOf<typeof staffMethods>;
export type StaffEmitter = EmitterOf<typeof staffEvents>;

/** What staff mode needs of the case queue (the case service provides it; see `caseOpsOf`). */
export interface StaffCaseOps {
  /** In the contract's shape, delivery targets included (the `cases.stats` handler's answer). */
  stats(): Promise<CaseStats>;
  deadLetters(): DeadLetter[] | Promise<DeadLetter[]>;
  retry(reference: string, staffId: string): CaseStatusValue | Promise<CaseStatusValue>;
  discard(reference: string, staffId: string): CaseStatusValue | Promise<CaseStatusValue>;
}

/** The case service as `StaffCaseOps`: its `cases.stats` handler, and its queue for the rest. */
export function caseOpsOf(service: {
  queue: Pick<StaffCaseOps, 'deadLetters' | 'retry' | 'discard'>;
  handlers: Pick<CasesHandlers, 'cases.stats'>;
}): StaffCaseOps {
  const { queue, handlers } = service;
  return {
    stats: () => handlers['cases.stats']({}),
    deadLetters: () => queue.deadLetters(),
    retry: (reference, staffId) => queue.retry(reference, staffId),
    discard: (reference, staffId) => queue.discard(reference, staffId),
  };
}

/** The printer as staff mode uses it: the print service's `Printer` fits as it is. */
export interface StaffPrinting {
  /** 'cups' | 'windows' | 'folder' | 'none'; 'none' counts as no printer. */
  readonly kind?: string;
  status(): Promise<{ state: string; printer?: string | null; reason?: string | null; message?: string | null }>;
  print(pdf: Uint8Array, options: { title: string }): Promise<{ jobId: string }>;
}

/** The parts of the kiosk configuration staff mode reads (the parsed KioskConfig fits). */
export interface StaffKioskConfig {
  kiosk: { id: string; municipality: { name: string }; languages: Language[] };
  flows: { enabled: 'all' | string[] };
  identity: { bankid: Pick<BankIdConfig, 'mode' | 'url'>; register: Pick<RegisterConfig, 'mode' | 'url'> };
  cases: Pick<CasesConfig, 'delivery'>;
  staff?: StaffConfigInput;
}

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

export const OUT_OF_ORDER_FILE = 'staff-out-of-order.json';

/** The overview shows the last health report when it is younger than this (the metrics loop refreshes it); else it runs the checks. */
const HEALTH_MAX_AGE_MS = 120_000;
/** "Stäng av" answers before the app quits. */
const SHUT_DOWN_DELAY_MS = 200;

const outOfOrderFileSchema = z.object({
  version: z.literal(1),
  on: z.boolean(),
  by: z.string().nullable(),
  since: z.string().nullable(),
  // files written before the fixed reasons existed have none: the kiosk was switched off all the same
  reason: outOfOrderNoticeSchema.nullable().optional(),
  note: z.string().nullable(),
});

const PRINTER_STATES = new Set<string>(printerStates);

/** The configuration at a glance: names, modes and hosts only — no paths, passwords or hashes. */
export function summarizeConfig(config: StaffKioskConfig, staff: StaffConfig): ConfigSummary {
  const targets = Object.entries(config.cases.delivery.targets).map(([name, t]) => ({
    name,
    type: t.type,
    host: deliveryTargetHost(t),
  }));
  return {
    kioskId: config.kiosk.id,
    municipality: config.kiosk.municipality.name,
    languages: [...config.kiosk.languages],
    flows: config.flows.enabled === 'all' ? 'all' : [...config.flows.enabled],
    delivery: { defaultTarget: config.cases.delivery.defaultTarget, targets },
    bankid: { mode: config.identity.bankid.mode, host: hostOf(config.identity.bankid.url) },
    register: { mode: config.identity.register.mode, host: hostOf(config.identity.register.url) },
    staff: { members: staff.members.length, timeoutSeconds: staff.timeoutSeconds },
  };
}

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
  const outOfOrderFile = path.join(options.dataDir, OUT_OF_ORDER_FILE);

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

  // ——— out of order ———————————————————————————————————————————————————————————————————————
  let outOfOrder: OutOfOrderState = { on: false, by: null, since: null, reason: null, note: null };
  // what the out-of-order screen lists "for staff and IT" — any visitor can open it, so neither the
  // note nor the staff id is in it; both stay in the staff panel (and the note in the audit log)
  const reasonsOf = (s: OutOfOrderState): string[] | null =>
    s.on ? [`Switched off by staff in the staff panel${s.since ? ` at ${s.since}` : ''}`] : null;
  const publish = (s: OutOfOrderState): void =>
    options.setOutOfOrder(reasonsOf(s), s.on ? (s.reason ?? 'technical_problem') : null);
  {
    const read = readStateFile(outOfOrderFile);
    if (read.found) {
      const parsed = 'value' in read ? outOfOrderFileSchema.safeParse(read.value) : null;
      if (parsed?.success) {
        const { on, by, since, reason, note } = parsed.data;
        outOfOrder = { on, by, since, reason: on ? (reason ?? 'technical_problem') : null, note };
      } else {
        logger.warn({ file: outOfOrderFile }, 'out-of-order state unreadable; the kiosk starts in service');
      }
    }
    if (outOfOrder.on) {
      logger.warn(
        { by: outOfOrder.by, since: outOfOrder.since },
        'kiosk starts out of order: staff switched it off before the restart',
      );
      publish(outOfOrder);
    }
  }

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

  const scrub = (text: string): string => redactor.text(text);

  function printerStatus(raw: Awaited<ReturnType<StaffPrinting['status']>>): StaffPrinterStatus {
    const known = PRINTER_STATES.has(raw.state as StaffPrinterStatus['state']);
    const state = (known ? raw.state : 'unknown') as StaffPrinterStatus['state'];
    const said = [raw.reason, raw.message].filter((x): x is string => typeof x === 'string' && x !== '').join(': ');
    const reason = said !== '' ? scrub(said) : known ? null : `printer state "${scrub(raw.state)}"`;
    return { state, printer: raw.printer ? raw.printer : null, reason };
  }

  async function queueView(): Promise<{ queue: CaseStats | null; deadLetters: DeadLetterInfo[] }> {
    if (!options.cases) return { queue: null, deadLetters: [] };
    try {
      const [s, dead] = await Promise.all([options.cases.stats(), options.cases.deadLetters()]);
      const oldest = s.oldestWaiting;
      const queue: CaseStats = {
        ...s,
        oldestWaiting: oldest
          ? { ...oldest, lastError: oldest.lastError === null ? null : scrub(oldest.lastError) }
          : null,
      };
      return { queue, deadLetters: dead.map((d) => ({ ...d, reason: scrub(d.reason) })) };
    } catch (err) {
      logger.error({ err }, 'queue state could not be read for the staff screen');
      return { queue: null, deadLetters: [] };
    }
  }

  const printer: StaffPrinting | null = options.printing && options.printing.kind !== 'none' ? options.printing : null;

  async function printerView(): Promise<StaffPrinterStatus | null> {
    if (!printer) return null;
    try {
      return printerStatus(await printer.status());
    } catch (err) {
      return { state: 'unknown', printer: null, reason: scrub(err instanceof Error ? err.message : String(err)) };
    }
  }

  /** A reference as it may be written to the audit log: canonical, or nothing (a mistyped one might be anything). */
  const auditReference = (reference: string): { reference?: string; detail?: string } => {
    const canonical = normalizeReference(reference);
    return canonical ? { reference: canonical } : { detail: 'invalid_reference' };
  };

  // ——— PIN entry (one attempt at a time, so parallel guesses cannot outrun the lockout) ————————
  let entryQueue: Promise<unknown> = Promise.resolve();
  /** The wrong PINs typed before the right one that opened this staff session (shown in the panel). */
  let failuresBeforeEntry: FailuresBeforeEntry = { count: 0, lastAt: null };

  async function enter(pin: string): Promise<z.output<(typeof staffMethods)['staff.enter']['output']>> {
    // refusals that check no PIN are not audited one by one: a visitor tapping a locked pad all
    // day must not fill the disk. The lock itself is audited when it happens.
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

  const handlers: StaffHandlers = {
    'staff.enter': ({ pin }) => {
      const attempt = entryQueue.then(() => enter(pin));
      entryQueue = attempt.catch(() => undefined);
      return attempt;
    },

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
      const [queue, printer, health] = await Promise.all([
        queueView(),
        printerView(),
        fresh ? last : options.health.run(),
      ]);
      return {
        staffId,
        queue: queue.queue,
        deadLetters: queue.deadLetters,
        printer,
        health,
        outOfOrder: { ...outOfOrder },
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
      const next: OutOfOrderState = on
        ? {
            on: true,
            by: staffId,
            since: new Date(now()).toISOString(),
            reason: reason ?? 'technical_problem',
            note: cleanNote,
          }
        : { on: false, by: null, since: null, reason: null, note: null };
      return audited(
        {
          action: on ? 'out_of_order_on' : 'out_of_order_off',
          staffId,
          ...(on ? { detail: next.reason ?? undefined } : {}),
          ...(cleanNote ? { note: cleanNote } : {}),
        },
        () => {
          try {
            writeStateFile(outOfOrderFile, { version: 1, ...next });
          } catch (err) {
            // the switch still works now; it just would not survive a restart
            logger.error({ err, file: outOfOrderFile }, 'out-of-order state could not be saved');
          }
          outOfOrder = next;
          publish(next);
          logger.warn(
            { staffId, on },
            on ? 'staff switched the kiosk out of order' : 'staff switched the kiosk back into service',
          );
          return { ...next };
        },
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
    outOfOrder: () => ({ ...outOfOrder }),
    endForSession: () => void session.end('session_ended'),
    config: staff,
    close: () => session.dispose(),
  };
}
