/**
 * The offline case queue. A submitted case is written to the case journal (case-journal.ts) and
 * committed to SQLite — metadata and encrypted payload in one transaction, `synchronous=FULL` — before
 * `submit` returns, so a receipt is only ever shown for a case that is on disk twice. The delivery
 * worker takes cases out through the claim/mark methods below.
 *
 * The queue object outlives its database connection: `connect()` opens (and checks) the database and
 * reconciles it with the journal, `disconnect()` lets go of it (a storage fault, a deleted WAL), and
 * every method meanwhile fails as storage that is not open. Storage errors are reported to
 * `onStorageFault`, so the kiosk can go out of order and say why.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { KioskFailure } from '../../contract/errors';
import type { CaseStats, CaseStatusValue, DeadLetterInfo } from '../../contract/namespaces/cases';
import type { Logger } from '../log/logger';
import type { KeyWrapper } from '../platform';
import { caseDraftSchema, submittedAtMs, type CaseDraft } from './case-draft';
import { CaseJournal, type JournalRecord } from './case-journal';
import { decodeCasePayload, encodeCasePayload } from './case-payload';
import { ConfirmationStore, type ConfirmationMail } from './confirmation/confirmation-store';
import { openCaseDatabase } from './database';
import { assertProtectingWrapper, createDataKey, unwrapDataKey, type WrappedDataKey } from './data-key';
import type { DeliveryItem } from './delivery/adapter';
import { decryptPayload, encryptPayload, PayloadUnreadableError } from './payload-crypto';
import { generateReference, normalizeReference } from './reference';
import { isStorageError, storageReason } from './storage-errors';

export type InternalStatus = 'stored' | 'in_flight' | 'delivered' | 'dead_letter' | 'discarded';
export type ErrorKind = 'offline' | 'transient' | 'rejected' | 'unreadable' | 'config';

export interface SubmittedCase {
  id: string;
  reference: string;
  idempotencyKey: string;
  status: 'stored';
}

/**
 * The queue at a glance: the contract's `CaseStats` with the counts per internal status (the metrics
 * file keeps these names) and without the delivery targets, which the worker knows.
 */
export type QueueStats = Omit<CaseStats, 'counts' | 'targets'> & { counts: Record<InternalStatus, number> };

/** A case the worker has marked in flight. */
export interface ClaimedCase {
  seq: number;
  id: string;
  reference: string;
  idempotencyKey: string;
  flowId: string;
  deliveryTarget: string;
  /** Attempts including this one. */
  attempts: number;
}

export interface CaseChange {
  reference: string;
  status: CaseStatusValue;
}

/** What `connect()` found when it compared the journal with the database. */
export interface ReconcileReport {
  /** Cases the journal had and the database had lost (a deleted WAL, a file restored from backup): put back. */
  restored: string[];
  /** Journal records of cases the database had closed (delivered, discarded): removed. */
  removed: number;
  /** Damaged journal records of cases the database holds: written again from the database. */
  rewritten: number;
  /** Journal records that cannot be read and whose case the database does not hold: receipted cases unaccounted for. */
  unaccounted: Array<{ reference: string; problem: string }>;
}

export const DEFAULT_JOURNAL_FOLDER = 'cases-journal';

export interface CaseQueueOptions {
  /** Path of the SQLite file. */
  file: string;
  /** The case journal's folder. Default: `cases-journal` beside the database. */
  journalDir?: string | undefined;
  /** The key store, or a function giving it at each connect (a key file IT may restore meanwhile). */
  keyWrapper: KeyWrapper | (() => KeyWrapper);
  logger: Logger;
  retentionDays: number;
  /** Cap of the database file; a submission beyond it fails with storage_failed/disk_full. */
  maxDatabaseBytes?: number | undefined;
  /** Names of the configured delivery targets. */
  targets: readonly string[];
  defaultTarget: string;
  now?: () => number;
  /** A case's visible status changed (submitted, delivered, dead letter, retried, discarded). */
  onChange?: (change: CaseChange) => void;
  /** There is new work for the worker (a case submitted or retried by staff). */
  onWork?: () => void;
  /** A read or write failed for a storage reason (disk full, read-only, I/O error, damage). */
  onStorageFault?: (err: unknown, during: string) => void;
}

const DAY_MS = 86_400_000;
const STAFF_ACTION_RETENTION_DAYS = 365;
const MAX_REFERENCE_TRIES = 32;
/** Journal records written per pass for waiting cases that have none. */
const JOURNAL_BATCH = 500;

interface CaseRow {
  seq: number;
  id: string;
  reference: string;
  flow_id: string;
  delivery_target: string;
  status: InternalStatus;
  attempts: number;
  submitted_at: number;
  stored_at: number;
  last_error: string | null;
  dead_at: number | null;
}

interface ClaimRow {
  seq: number;
  id: string;
  reference: string;
  idempotency_key: string;
  flow_id: string;
  delivery_target: string;
  attempts: number;
}

function publicStatus(status: InternalStatus | undefined): CaseStatusValue {
  switch (status) {
    case 'stored':
    case 'in_flight':
      return 'stored';
    case 'delivered':
      return 'delivered';
    case 'dead_letter':
      return 'dead_letter';
    default:
      return 'unknown';
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Maps a failed commit to the failure the visitor's screen acts on ("ask at the reception"). */
function storageFailure(err: unknown, file: string): KioskFailure {
  const reason = storageReason(err);
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  return new KioskFailure(
    'storage_failed',
    `The case could not be committed to ${file} (${typeof code === 'string' ? code : reason}: ${detail}).`,
    { reason },
  );
}

interface Statements {
  referenceTaken: Database.Statement<[string], { one: number }>;
  insertCase: Database.Statement;
  insertPayload: Database.Statement;
  byReference: Database.Statement<[string], CaseRow>;
  claim: Database.Statement<[number, number, string], ClaimRow>;
  nextAttemptAt: Database.Statement<[string], { next_attempt_at: number }>;
  payload: Database.Statement<[number], { blob: Buffer }>;
  deletePayload: Database.Statement<[number]>;
  delivered: Database.Statement;
  retryLater: Database.Statement;
  release: Database.Statement;
  deadLetter: Database.Statement;
  resumeTarget: Database.Statement;
  recoverInFlight: Database.Statement;
  staffAction: Database.Statement;
  hasWaiting: Database.Statement<[], { one: number }>;
  idempotencyKey: Database.Statement<[number], { idempotency_key: string }>;
  openCases: Database.Statement<[], CaseRow>;
  statusCounts: Database.Statement<[], { status: InternalStatus; n: number }>;
  oldestWaiting: Database.Statement<[], OldestWaitingRow>;
  lastDelivery: Database.Statement<[], { at: number | null }>;
  deadLetters: Database.Statement<[number], DeadLetterRow>;
  staffRetry: Database.Statement<[{ now: number; seq: number }]>;
  staffDiscard: Database.Statement<[number, number]>;
  purgeClosed: Database.Statement<[number]>;
  purgeStaffActions: Database.Statement<[number]>;
}

interface OldestWaitingRow {
  reference: string;
  flow_id: string;
  delivery_target: string;
  stored_at: number;
  attempts: number;
  last_error: string | null;
}

interface DeadLetterRow {
  reference: string;
  flow_id: string;
  delivery_target: string;
  last_error: string | null;
  attempts: number;
  submitted_at: number;
  stored_at: number;
  dead_at: number;
}

/** An open database with its data key. */
interface Connection {
  db: Database.Database;
  key: Buffer;
  wrappedKey: WrappedDataKey;
  stmt: Statements;
  /** Confirmation e-mails waiting to be sent, in the same database. */
  confirmations: ConfirmationStore;
}

const OPEN_STATUSES = new Set<InternalStatus>(['stored', 'in_flight', 'dead_letter']);

function prepareStatements(db: Database.Database): Statements {
  return {
    referenceTaken: db.prepare('SELECT 1 AS one FROM cases WHERE reference = ?'),
    insertCase: db.prepare(
      `INSERT INTO cases (id, reference, idempotency_key, flow_id, delivery_target, status, submitted_at, stored_at, next_attempt_at)
       VALUES (@id, @reference, @idempotencyKey, @flowId, @deliveryTarget, 'stored', @submittedAt, @storedAt, @storedAt)`,
    ),
    insertPayload: db.prepare('INSERT INTO case_payloads (case_seq, blob) VALUES (?, ?)'),
    byReference: db.prepare(
      'SELECT seq, id, reference, flow_id, delivery_target, status, attempts, submitted_at, stored_at, last_error, dead_at FROM cases WHERE reference = ?',
    ),
    // oldest first among the due cases of reachable targets; one statement, so claiming is atomic
    claim: db.prepare(
      `UPDATE cases SET status = 'in_flight', attempts = attempts + 1, last_attempt_at = ?
       WHERE seq = (
         SELECT seq FROM cases INDEXED BY cases_by_status_seq
         WHERE status = 'stored' AND next_attempt_at <= ?
           AND delivery_target NOT IN (SELECT value FROM json_each(?))
         ORDER BY seq LIMIT 1)
       RETURNING seq, id, reference, idempotency_key, flow_id, delivery_target, attempts`,
    ),
    nextAttemptAt: db.prepare(
      `SELECT next_attempt_at FROM cases INDEXED BY cases_by_status_next
       WHERE status = 'stored' AND delivery_target NOT IN (SELECT value FROM json_each(?))
       ORDER BY next_attempt_at LIMIT 1`,
    ),
    payload: db.prepare('SELECT blob FROM case_payloads WHERE case_seq = ?'),
    deletePayload: db.prepare('DELETE FROM case_payloads WHERE case_seq = ?'),
    delivered: db.prepare(
      `UPDATE cases SET status = 'delivered', delivered_at = @at, closed_at = @at, receiver_reference = @receiverReference,
         last_error = NULL, error_kind = NULL
       WHERE seq = @seq AND status = 'in_flight'`,
    ),
    retryLater: db.prepare(
      `UPDATE cases SET status = 'stored', next_attempt_at = @nextAt, last_error = @reason, error_kind = @kind
       WHERE seq = @seq AND status = 'in_flight'`,
    ),
    release: db.prepare(
      `UPDATE cases SET status = 'stored', next_attempt_at = @at, attempts = MAX(attempts - 1, 0)
       WHERE seq = @seq AND status = 'in_flight'`,
    ),
    deadLetter: db.prepare(
      `UPDATE cases SET status = 'dead_letter', dead_at = @at, last_error = @reason, error_kind = @kind
       WHERE seq = @seq AND status = 'in_flight'`,
    ),
    resumeTarget: db.prepare(
      `UPDATE cases SET next_attempt_at = @at
       WHERE status = 'stored' AND delivery_target = @target AND error_kind = 'offline' AND next_attempt_at > @at`,
    ),
    recoverInFlight: db.prepare(
      `UPDATE cases SET status = 'stored', next_attempt_at = @at
       WHERE status = 'in_flight' AND seq NOT IN (SELECT value FROM json_each(@keep))`,
    ),
    staffAction: db.prepare('INSERT INTO staff_actions (at, action, reference, staff_id) VALUES (?, ?, ?, ?)'),
    hasWaiting: db.prepare(`SELECT 1 AS one FROM cases WHERE status IN ('stored', 'in_flight') LIMIT 1`),
    idempotencyKey: db.prepare('SELECT idempotency_key FROM cases WHERE seq = ?'),
    openCases: db.prepare(
      `SELECT seq, id, reference, flow_id, delivery_target, status, attempts, submitted_at, stored_at, last_error, dead_at
       FROM cases WHERE status IN ('stored', 'in_flight', 'dead_letter') ORDER BY seq`,
    ),
    statusCounts: db.prepare('SELECT status, COUNT(*) AS n FROM cases GROUP BY status'),
    oldestWaiting: db.prepare(
      `SELECT reference, flow_id, delivery_target, stored_at, attempts, last_error FROM cases INDEXED BY cases_by_status_seq
       WHERE status IN ('stored', 'in_flight') ORDER BY seq LIMIT 1`,
    ),
    lastDelivery: db.prepare(`SELECT MAX(delivered_at) AS at FROM cases WHERE status = 'delivered'`),
    deadLetters: db.prepare(
      `SELECT reference, flow_id, delivery_target, last_error, attempts, submitted_at, stored_at, dead_at
       FROM cases INDEXED BY cases_by_status_seq WHERE status = 'dead_letter' ORDER BY seq LIMIT ?`,
    ),
    staffRetry: db.prepare(
      `UPDATE cases SET status = 'stored', next_attempt_at = @now, error_kind = NULL, dead_at = NULL,
         attempts = CASE WHEN status = 'dead_letter' THEN 0 ELSE attempts END
       WHERE seq = @seq AND status IN ('stored', 'dead_letter')`,
    ),
    staffDiscard: db.prepare(
      `UPDATE cases SET status = 'discarded', closed_at = ? WHERE seq = ? AND status = 'dead_letter'`,
    ),
    purgeClosed: db.prepare(
      `DELETE FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? AND status IN ('delivered', 'discarded')`,
    ),
    purgeStaffActions: db.prepare('DELETE FROM staff_actions WHERE at < ?'),
  };
}

function readWrappedKey(db: Database.Database): WrappedDataKey | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_key'").get();
  if (!table) return undefined;
  return db.prepare('SELECT kind, wrapped FROM data_key WHERE id = 1').get() as WrappedDataKey | undefined;
}

/** The connection is not there (storage fault, closed): mapped to the `closed` storage reason. */
class NotConnectedError extends TypeError {
  constructor() {
    super('The database connection is not open');
  }
}

export class CaseQueue {
  readonly file: string;
  readonly journal: CaseJournal;
  private readonly options: CaseQueueOptions;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly targets: Set<string>;
  private readonly defaultTarget: string;
  private readonly onChange: (change: CaseChange) => void;
  private readonly onWork: () => void;
  private readonly onStorageFault: (err: unknown, during: string) => void;
  private conn: Connection | null = null;
  private closed = false;
  /** Open cases may lack a journal record (written before the journal existed, or lost): checked until none does. */
  private journalComplete = false;

  /** Opens (or creates) the queue and reconciles it with the journal; throws when it cannot. */
  static open(options: CaseQueueOptions): { queue: CaseQueue; report: ReconcileReport } {
    const queue = new CaseQueue(options);
    const report = queue.connect();
    return { queue, report };
  }

  /** A queue that is not connected yet: call `connect()`. */
  constructor(options: CaseQueueOptions) {
    this.options = options;
    this.file = options.file;
    this.journal = new CaseJournal(options.journalDir ?? path.join(path.dirname(options.file), DEFAULT_JOURNAL_FOLDER));
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionDays * DAY_MS;
    this.targets = new Set(options.targets);
    this.defaultTarget = options.defaultTarget;
    this.onChange = options.onChange ?? (() => {});
    this.onWork = options.onWork ?? (() => {});
    this.onStorageFault = options.onStorageFault ?? (() => {});
  }

  /**
   * Opens the database (checks and migrates it), unwraps (or creates) the data key, puts cases that
   * were in flight when the process died back in line, and reconciles the journal with the database.
   * Throws (and leaves the queue disconnected) when any of it fails; nothing is deleted then.
   */
  connect(): ReconcileReport {
    if (this.closed) throw new Error('the case queue is closed');
    if (this.conn) this.disconnect();
    const keyWrapper =
      typeof this.options.keyWrapper === 'function' ? this.options.keyWrapper() : this.options.keyWrapper;
    assertProtectingWrapper(keyWrapper);
    this.journal.prepare();
    let checkedKey: Buffer | undefined;
    const db = openCaseDatabase({
      file: this.file,
      maxBytes: this.options.maxDatabaseBytes,
      // a wrong key must fail before the read-write open touches the file
      inspect: (ro) => {
        const row = readWrappedKey(ro);
        if (row) checkedKey = unwrapDataKey(keyWrapper, row, this.file);
      },
    });
    try {
      let wrappedKey = readWrappedKey(db);
      let key: Buffer;
      if (wrappedKey && checkedKey) key = checkedKey;
      else if (wrappedKey) key = unwrapDataKey(keyWrapper, wrappedKey, this.file);
      else {
        const created = createDataKey(keyWrapper);
        db.prepare('INSERT INTO data_key (id, kind, wrapped, created_at) VALUES (1, ?, ?, ?)').run(
          created.record.kind,
          created.record.wrapped,
          this.now(),
        );
        key = created.key;
        wrappedKey = created.record;
      }
      this.conn = { db, key, wrappedKey, stmt: prepareStatements(db), confirmations: new ConfirmationStore(db, key) };
      this.journalComplete = false;
      const recovered = this.recoverInFlight([]);
      if (recovered > 0) this.logger.info({ recovered }, 'cases in flight at the last stop are queued again');
      const report = this.reconcile(keyWrapper);
      this.completeJournal(JOURNAL_BATCH);
      return report;
    } catch (err) {
      if (this.conn) this.disconnect();
      else db.close();
      throw err;
    }
  }

  /** Lets go of the database (folding the WAL in first, when the disk allows it). The queue can connect again. */
  disconnect(): void {
    const c = this.conn;
    if (!c) return;
    this.conn = null;
    try {
      c.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      this.logger.warn({ err }, 'final checkpoint of the case database failed');
    }
    try {
      c.db.close();
    } catch (err) {
      this.logger.warn({ err }, 'the case database did not close cleanly');
    }
    c.key.fill(0);
  }

  private get c(): Connection {
    if (!this.conn) throw new NotConnectedError();
    return this.conn;
  }

  /** Runs a database operation; a storage error is reported (the kiosk goes out of order) and rethrown. */
  private guard<T>(during: string, operation: () => T): T {
    try {
      return operation();
    } catch (err) {
      if (isStorageError(err)) this.onStorageFault(err, during);
      throw err;
    }
  }

  /**
   * Compares the journal with the database: restores cases the database lost, removes records of
   * closed cases, rewrites damaged records of cases the database holds, and lists what is unaccounted.
   */
  private reconcile(keyWrapper: KeyWrapper): ReconcileReport {
    const c = this.c;
    const report: ReconcileReport = { restored: [], removed: 0, rewritten: 0, unaccounted: [] };
    const keys = new Map<string, Buffer>();
    const keyOf = (k: WrappedDataKey): Buffer => {
      const id = `${k.kind}:${k.wrapped.toString('base64')}`;
      let key = keys.get(id);
      if (!key) keys.set(id, (key = unwrapDataKey(keyWrapper, k, this.file)));
      return key;
    };
    try {
      for (const entry of this.journal.entries()) {
        const row = c.stmt.byReference.get(entry.reference);
        if (row && !OPEN_STATUSES.has(row.status)) {
          this.journal.remove(entry.reference);
          report.removed += 1;
          continue;
        }
        if (row) {
          if (!entry.ok) {
            this.writeJournalFromDatabase(row);
            report.rewritten += 1;
          }
          continue;
        }
        if (!entry.ok) {
          report.unaccounted.push({ reference: entry.reference, problem: entry.problem });
          continue;
        }
        try {
          this.restore(entry.record, keyOf(entry.record.dataKey));
          report.restored.push(entry.reference);
        } catch (err) {
          if (isStorageError(err)) throw err;
          const problem = err instanceof Error ? err.message.slice(0, 200) : String(err);
          report.unaccounted.push({ reference: entry.reference, problem });
        }
      }
    } finally {
      for (const key of keys.values()) key.fill(0);
    }
    if (report.restored.length > 0) {
      this.logger.warn(
        { restored: report.restored },
        'cases the database had lost were restored from the case journal; they will be delivered',
      );
      this.onWork();
    }
    if (report.unaccounted.length > 0) {
      this.logger.error(
        { unaccounted: report.unaccounted },
        'case journal records cannot be read and the database does not hold their cases: run the recovery',
      );
    }
    return report;
  }

  /** Puts a journalled case back into the database (as waiting), under the database's own data key. */
  private restore(record: JournalRecord, recordKey: Buffer): void {
    const c = this.c;
    let blob = record.blob;
    const plaintext = decryptPayload(recordKey, record.id, record.blob);
    try {
      if (!recordKey.equals(c.key)) blob = encryptPayload(c.key, record.id, plaintext);
    } finally {
      plaintext.fill(0);
    }
    this.insert(c, { ...record, blob });
    if (blob !== record.blob) this.journal.write({ ...record, dataKey: c.wrappedKey, blob });
  }

  /** Inserts a case (metadata and encrypted payload) as waiting, in one transaction. */
  private insert(c: Connection, record: Omit<JournalRecord, 'dataKey'>): void {
    c.db
      .transaction(() => {
        const info = c.stmt.insertCase.run({
          id: record.id,
          reference: record.reference,
          idempotencyKey: record.idempotencyKey,
          flowId: record.flowId,
          deliveryTarget: record.deliveryTarget,
          submittedAt: record.submittedAt,
          storedAt: record.storedAt,
        });
        c.stmt.insertPayload.run(info.lastInsertRowid, record.blob);
      })
      .immediate();
  }

  private writeJournalFromDatabase(row: CaseRow): boolean {
    const c = this.c;
    const payload = c.stmt.payload.get(row.seq);
    if (!payload) return false;
    const idempotencyKey = c.stmt.idempotencyKey.get(row.seq)!.idempotency_key;
    this.journal.write({
      id: row.id,
      reference: row.reference,
      idempotencyKey,
      flowId: row.flow_id,
      deliveryTarget: row.delivery_target,
      submittedAt: row.submitted_at,
      storedAt: row.stored_at,
      dataKey: c.wrappedKey,
      blob: payload.blob,
    });
    return true;
  }

  /**
   * Writes journal records for open cases that have none (cases from before the journal existed, or
   * whose record was lost), at most `limit` per call. Returns how many it wrote; once a pass finds
   * none missing, later calls do nothing until the next connect.
   */
  completeJournal(limit: number): number {
    if (this.journalComplete || !this.conn) return 0;
    return this.guard('journal', () => {
      const have = new Set(this.journal.references());
      const rows = this.c.stmt.openCases.all();
      let written = 0;
      let missing = 0;
      for (const row of rows) {
        if (have.has(row.reference)) continue;
        missing += 1;
        if (written >= limit) continue;
        if (this.writeJournalFromDatabase(row)) written += 1;
      }
      if (written > 0) this.logger.info({ written }, 'journal records written for waiting cases that had none');
      if (missing <= written) this.journalComplete = true;
      return written;
    });
  }

  /** Bytes the database may still grow by under its cap (cases.maxDatabaseMb); null without a cap or connection. */
  capacityLeft(): number | null {
    if (!this.conn || this.options.maxDatabaseBytes === undefined) return null;
    try {
      const db = this.conn.db;
      const max = db.pragma('max_page_count', { simple: true }) as number;
      const pages = db.pragma('page_count', { simple: true }) as number;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      const size = db.pragma('page_size', { simple: true }) as number;
      return Math.max(0, max - (pages - free)) * size;
    } catch {
      return null;
    }
  }

  /** Someone deleted the database's WAL while it was open (the connection still writes to the unlinked file). */
  walMissing(): boolean {
    return this.conn !== null && !existsSync(`${this.file}-wal`);
  }

  /** References handed out by reserveReference() and not yet committed. */
  private readonly reserved = new Set<string>();

  private freeReference(): string {
    const stmt = this.c.stmt;
    let ref = generateReference();
    for (let i = 1; stmt.referenceTaken.get(ref) || this.reserved.has(ref); i++) {
      if (i >= MAX_REFERENCE_TRIES) throw new Error('no free case reference found');
      ref = generateReference();
    }
    return ref;
  }

  /**
   * A reference no case has, held for the caller until it submits with it: the case PDF is rendered
   * before the commit and must carry the reference the receipt shows.
   */
  reserveReference(): string {
    const ref = this.guard('reserve', () => this.freeReference());
    this.reserved.add(ref);
    return ref;
  }

  /** Gives a reserved reference back (the submission was abandoned). */
  releaseReference(reference: string): void {
    this.reserved.delete(reference);
  }

  /** Connected to its database (it may be disconnected by a storage fault, or closed). */
  /** Confirmation e-mails waiting to be sent (the confirmation sender works on these); throws when not connected. */
  get confirmations(): ConfirmationStore {
    return this.c.confirmations;
  }

  get isOpen(): boolean {
    return this.conn !== null;
  }

  get targetNames(): string[] {
    return [...this.targets];
  }

  // ——— the visitor's side ————————————————————————————————————————————————————————————————

  /**
   * Commits a submitted case: first its journal record, then the database transaction. Returns only
   * once both are durably on disk; throws `KioskFailure('storage_failed')` (nothing half-written, the
   * journal record taken back) when they cannot be.
   */
  submit(draft: CaseDraft): SubmittedCase {
    const parsed = caseDraftSchema.safeParse(draft);
    if (!parsed.success) {
      throw new KioskFailure('invalid_input', 'The case draft is not valid.', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code })),
      });
    }
    const d = parsed.data;
    const deliveryTarget = d.deliveryTarget ?? this.defaultTarget;
    if (!this.targets.has(deliveryTarget)) {
      throw new KioskFailure('storage_failed', `No delivery target named "${deliveryTarget}" is configured.`, {
        reason: 'unknown_delivery_target',
      });
    }
    const submittedAt = submittedAtMs(d.submittedAt);
    if (!Number.isFinite(submittedAt))
      throw new KioskFailure('invalid_input', 'The submission time is not a valid time.');

    const id = randomUUID();
    const idempotencyKey = randomUUID();
    const plaintext = encodeCasePayload({
      flowVersion: d.flowVersion,
      flowTitle: d.flowTitle,
      classification: d.classification,
      kioskId: d.kioskId,
      startedAt: d.startedAt,
      submittedAt: iso(submittedAt),
      language: d.language,
      answers: d.answers,
      identification: d.identification,
      signing: d.signing ?? null,
      assistedBy: d.assistedBy,
      documents: d.documents,
      confirmation: d.confirmation ?? null,
    });

    let reference: string | undefined;
    let journalled = false;
    try {
      const c = this.c;
      const blob = encryptPayload(c.key, id, plaintext);
      if (d.reference) {
        reference = normalizeReference(d.reference) ?? d.reference;
        if (c.stmt.referenceTaken.get(reference)) throw new Error('the reserved case reference is already taken');
      } else {
        reference = this.freeReference();
      }
      const record: JournalRecord = {
        id,
        reference,
        idempotencyKey,
        flowId: d.flowId,
        deliveryTarget,
        submittedAt,
        storedAt: this.now(),
        dataKey: c.wrappedKey,
        blob,
      };
      this.journal.write(record);
      journalled = true;
      this.insert(c, record);
    } catch (err) {
      if (journalled && reference) this.takeBackJournal(reference);
      const failure = storageFailure(err, this.file);
      this.logger.error(
        { flowId: d.flowId, reason: failure.extra.reason, err },
        'case could not be stored: no receipt',
      );
      if (isStorageError(err)) this.onStorageFault(err, 'submit');
      throw failure;
    } finally {
      plaintext.fill(0);
    }
    this.reserved.delete(reference);
    this.logger.info({ reference, flowId: d.flowId, deliveryTarget }, 'case stored');
    this.onChange({ reference, status: 'stored' });
    this.onWork();
    return { id, reference, idempotencyKey, status: 'stored' };
  }

  /** The commit failed after the journal record was written: the visitor gets no receipt, so the record goes. */
  private takeBackJournal(reference: string): void {
    try {
      this.journal.remove(reference);
    } catch (err) {
      // it stays: at the next start the case is restored and delivered although no receipt was shown
      this.logger.error(
        { reference, err },
        'the journal record of a case that was not stored could not be removed; it may still be delivered',
      );
    }
  }

  /** The status of a case by its reference as typed (`k7 4f9q 2` works); unknown when purged or never seen. */
  status(reference: string): CaseStatusValue {
    const ref = normalizeReference(reference);
    if (!ref) return 'unknown';
    return publicStatus(this.guard('status', () => this.c.stmt.byReference.get(ref)?.status));
  }

  // ——— staff ———————————————————————————————————————————————————————————————————————————————

  stats(): QueueStats {
    return this.guard('stats', () => this.readStats());
  }

  private readStats(): QueueStats {
    const stmt = this.c.stmt;
    const counts: Record<InternalStatus, number> = {
      stored: 0,
      in_flight: 0,
      delivered: 0,
      dead_letter: 0,
      discarded: 0,
    };
    for (const r of stmt.statusCounts.all()) counts[r.status] = r.n;
    const oldest = stmt.oldestWaiting.get();
    const last = stmt.lastDelivery.get()!;
    const now = this.now();
    return {
      counts,
      waiting: counts.stored + counts.in_flight,
      oldestWaiting: oldest
        ? {
            reference: oldest.reference,
            flowId: oldest.flow_id,
            deliveryTarget: oldest.delivery_target,
            storedAt: iso(oldest.stored_at),
            ageSeconds: Math.max(0, Math.floor((now - oldest.stored_at) / 1000)),
            attempts: oldest.attempts,
            lastError: oldest.last_error,
          }
        : null,
      lastDeliveryAt: last.at === null ? null : iso(last.at),
      deadLetters: counts.dead_letter,
    };
  }

  deadLetters(limit = 500): DeadLetterInfo[] {
    const rows = this.guard('dead letters', () => this.c.stmt.deadLetters.all(limit));
    return rows.map((r) => ({
      reference: r.reference,
      flowId: r.flow_id,
      deliveryTarget: r.delivery_target,
      reason: r.last_error ?? 'unknown',
      attempts: r.attempts,
      submittedAt: iso(r.submitted_at),
      storedAt: iso(r.stored_at),
      deadAt: iso(r.dead_at),
    }));
  }

  private findForStaff(reference: string): CaseRow {
    const ref = normalizeReference(reference);
    const row = ref ? this.guard('find', () => this.c.stmt.byReference.get(ref)) : undefined;
    if (!row) throw new KioskFailure('not_found', 'No case with this reference is held by this kiosk.');
    return row;
  }

  /**
   * Staff: send a dead letter again (attempt count starts over), or send a waiting case now instead of
   * after its back-off. Logged with the staff id.
   */
  retry(reference: string, staffId: string): CaseStatusValue {
    const row = this.findForStaff(reference);
    if (row.status === 'delivered' || row.status === 'discarded') {
      throw new KioskFailure('conflict', `Case ${row.reference} is ${row.status}; there is nothing to retry.`, {
        reason: row.status,
      });
    }
    if (row.status === 'in_flight') return 'stored';
    const now = this.now();
    const c = this.c;
    this.guard('retry', () =>
      c.db
        .transaction(() => {
          c.stmt.staffRetry.run({ now, seq: row.seq });
          c.stmt.staffAction.run(now, 'retry', row.reference, staffId);
        })
        .immediate(),
    );
    this.logger.info(
      { audit: true, action: 'retry', reference: row.reference, staffId, was: row.status },
      'staff retried a case',
    );
    if (row.status === 'dead_letter') this.onChange({ reference: row.reference, status: 'stored' });
    this.onWork();
    return 'stored';
  }

  /** Staff: give up on a dead letter. Its payload is erased; the action is logged with the staff id. */
  discard(reference: string, staffId: string): CaseStatusValue {
    const row = this.findForStaff(reference);
    if (row.status !== 'dead_letter') {
      throw new KioskFailure(
        'conflict',
        `Only a dead letter can be discarded; case ${row.reference} is ${row.status}.`,
        { reason: row.status },
      );
    }
    const now = this.now();
    const c = this.c;
    this.guard('discard', () =>
      c.db
        .transaction(() => {
          c.stmt.staffDiscard.run(now, row.seq);
          c.stmt.deletePayload.run(row.seq);
          c.stmt.staffAction.run(now, 'discard', row.reference, staffId);
        })
        .immediate(),
    );
    this.forgetJournal(row.reference);
    this.logger.warn(
      { audit: true, action: 'discard', reference: row.reference, flowId: row.flow_id, staffId },
      'staff discarded a dead letter',
    );
    this.onChange({ reference: row.reference, status: 'unknown' });
    return 'unknown';
  }

  /** Deletes the metadata of cases delivered or discarded longer ago than the retention. */
  purgeExpired(now: number = this.now()): { cases: number; staffActions: number } {
    const { cases, staffActions } = this.guard('purge', () => {
      const stmt = this.c.stmt;
      const cases = stmt.purgeClosed.run(now - this.retentionMs).changes;
      const keepActions = Math.max(this.retentionMs, STAFF_ACTION_RETENTION_DAYS * DAY_MS);
      const staffActions = stmt.purgeStaffActions.run(now - keepActions).changes;
      return { cases, staffActions };
    });
    if (cases > 0) this.logger.info({ cases }, 'expired case metadata purged');
    return { cases, staffActions };
  }

  // ——— the worker's side ————————————————————————————————————————————————————————————————

  /** Marks the oldest due case (of a target not in `exclude`) in flight and returns it. */
  claimNextDue(now: number, exclude: readonly string[] = []): ClaimedCase | null {
    // The in-flight mark need not survive a power cut (a case found in flight at start is put back in
    // line anyway), so this one commit skips the fsync: it is the worker's most frequent write. The next
    // synchronous=FULL commit (the outcome) makes it durable with everything before it.
    const conn = this.c;
    const row = this.guard('claim', () => {
      conn.db.pragma('synchronous = NORMAL');
      try {
        return conn.stmt.claim.get(now, now, JSON.stringify(exclude));
      } finally {
        conn.db.pragma('synchronous = FULL');
      }
    });
    if (!row) return null;
    return {
      seq: row.seq,
      id: row.id,
      reference: row.reference,
      idempotencyKey: row.idempotency_key,
      flowId: row.flow_id,
      deliveryTarget: row.delivery_target,
      attempts: row.attempts,
    };
  }

  /** When the next waiting case (of a target not in `exclude`) is due, or null when none waits. */
  nextAttemptAt(exclude: readonly string[] = []): number | null {
    return this.guard('next', () => this.c.stmt.nextAttemptAt.get(JSON.stringify(exclude))?.next_attempt_at ?? null);
  }

  hasWaiting(): boolean {
    return this.guard('waiting', () => this.c.stmt.hasWaiting.get() !== undefined);
  }

  /** Decrypts a claimed case for one attempt. Throws `PayloadUnreadableError` when it cannot. */
  loadForDelivery(c: ClaimedCase): DeliveryItem {
    const conn = this.c;
    const row = this.guard('load', () => conn.stmt.payload.get(c.seq));
    if (!row) throw new PayloadUnreadableError('the payload is missing');
    const plaintext = decryptPayload(conn.key, c.id, row.blob);
    let payload;
    try {
      payload = decodeCasePayload(plaintext, c.flowId);
    } catch (err) {
      throw new PayloadUnreadableError(`the decrypted payload is malformed (${(err as Error).message})`);
    } finally {
      plaintext.fill(0);
    }
    return { caseId: c.id, reference: c.reference, idempotencyKey: c.idempotencyKey, flowId: c.flowId, payload };
  }

  /**
   * The receiver has the case: mark it delivered and erase its payload, in one transaction — which also
   * stores the visitor's confirmation e-mail, when there is one to send (encrypted, until it is sent).
   */
  markDelivered(c: ClaimedCase, receiverReference: string | null, confirmation?: ConfirmationMail | null): void {
    const at = this.now();
    const conn = this.c;
    // Committed without waiting for the disk: a crash or kill -9 keeps it (it is in the WAL), only a power
    // cut in the next moment could undo it — and then the case is sent once more and the receiver
    // recognises it by its idempotency key. An fsync per delivered case slowed a backlog's draining by ~15 %.
    this.guard('mark delivered', () => {
      conn.db.pragma('synchronous = NORMAL');
      try {
        conn.db
          .transaction(() => {
            const changed = conn.stmt.delivered.run({ seq: c.seq, at, receiverReference }).changes;
            conn.stmt.deletePayload.run(c.seq);
            if (confirmation && changed > 0) conn.confirmations.add(c.seq, c.id, confirmation, at);
          })
          .immediate();
      } finally {
        conn.db.pragma('synchronous = FULL');
      }
    });
    this.forgetJournal(c.reference);
    this.onChange({ reference: c.reference, status: 'delivered' });
  }

  markRetry(c: ClaimedCase, nextAt: number, reason: string, kind: ErrorKind): void {
    this.guard('mark retry', () => this.c.stmt.retryLater.run({ seq: c.seq, nextAt, reason, kind }));
  }

  /** Back in line without counting the attempt (the worker is stopping). */
  release(c: ClaimedCase): void {
    this.guard('release', () => this.c.stmt.release.run({ seq: c.seq, at: this.now() }));
  }

  /** Refused for good: kept (payload still encrypted) for staff to retry or discard. */
  markDeadLetter(c: ClaimedCase, reason: string, kind: ErrorKind): void {
    this.guard('mark dead letter', () => this.c.stmt.deadLetter.run({ seq: c.seq, at: this.now(), reason, kind }));
    this.logger.warn(
      { reference: c.reference, flowId: c.flowId, deliveryTarget: c.deliveryTarget, reason },
      'case became a dead letter',
    );
    this.onChange({ reference: c.reference, status: 'dead_letter' });
  }

  /** The target is reachable again: cases that waited for it are due now. */
  resumeTarget(target: string, now: number = this.now()): number {
    return this.guard('resume', () => this.c.stmt.resumeTarget.run({ target, at: now }).changes);
  }

  /** Puts cases marked in flight but not held by a live attempt (`keep`) back in line. */
  recoverInFlight(keep: readonly number[]): number {
    return this.guard(
      'recover in flight',
      () => this.c.stmt.recoverInFlight.run({ at: this.now(), keep: JSON.stringify(keep) }).changes,
    );
  }

  /** Folds the WAL back into the database and truncates it, so erased payload pages leave the WAL. */
  checkpoint(): void {
    this.guard('checkpoint', () => this.c.db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  integrityCheck(): string {
    const rows = this.guard('integrity check', () => this.c.db.pragma('integrity_check')) as Array<{
      integrity_check: string;
    }>;
    return rows.map((r) => r.integrity_check).join('; ');
  }

  /** The case is closed: its journal record goes (a failure is retried at the next connect or journal pass). */
  private forgetJournal(reference: string): void {
    try {
      this.journal.remove(reference);
    } catch (err) {
      this.logger.warn({ reference, err }, 'the journal record of a closed case could not be removed yet');
      if (isStorageError(err)) this.onStorageFault(err, 'journal');
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disconnect();
  }
}
