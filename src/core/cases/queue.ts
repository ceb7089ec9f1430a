/**
 * The offline case queue. A submitted case is committed — metadata and encrypted payload in one
 * transaction, `synchronous=FULL` — before `submit` returns, so a receipt is only ever shown for a
 * case that is on disk. The delivery worker takes cases out through the claim/mark methods below.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { KioskFailure } from '../../contract/errors';
import type { Logger } from '../log/logger';
import type { KeyWrapper } from '../platform';
import { caseDraftSchema, submittedAtMs, type CaseDraft } from './case-draft';
import { decodeCasePayload, encodeCasePayload } from './case-payload';
import { ConfirmationStore, type ConfirmationMail } from './confirmation/confirmation-store';
import { openCaseDatabase, type StorageAlert } from './database';
import { assertProtectingWrapper, createDataKey, unwrapDataKey } from './data-key';
import type { DeliveryItem } from './delivery/adapter';
import { decryptPayload, encryptPayload, PayloadUnreadableError } from './payload-crypto';
import { generateReference, normalizeReference } from './reference';

export type InternalStatus = 'stored' | 'in_flight' | 'delivered' | 'dead_letter' | 'discarded';
/** What a receipt or staff screen is told: in the kiosk, at the municipality, stuck, or not known (any more). */
export type CaseStatus = 'stored' | 'delivered' | 'dead_letter' | 'unknown';
export type ErrorKind = 'offline' | 'transient' | 'rejected' | 'unreadable' | 'config';

export interface SubmittedCase {
  id: string;
  reference: string;
  idempotencyKey: string;
  status: 'stored';
}

export interface QueueStats {
  counts: Record<InternalStatus, number>;
  /** Cases not yet delivered (stored + in flight). */
  waiting: number;
  oldestWaiting: {
    reference: string;
    flowId: string;
    deliveryTarget: string;
    storedAt: string;
    ageSeconds: number;
    attempts: number;
    lastError: string | null;
  } | null;
  lastDeliveryAt: string | null;
  deadLetters: number;
}

/** A dead letter as staff see it: no personal data. */
export interface DeadLetter {
  reference: string;
  flowId: string;
  deliveryTarget: string;
  reason: string;
  attempts: number;
  submittedAt: string;
  storedAt: string;
  deadAt: string;
}

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
  status: CaseStatus;
}

export interface CaseQueueOptions {
  /** Path of the SQLite file. */
  file: string;
  keyWrapper: KeyWrapper;
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
}

const DAY_MS = 86_400_000;
const STAFF_ACTION_RETENTION_DAYS = 365;
const MAX_REFERENCE_TRIES = 32;

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

function publicStatus(status: InternalStatus | undefined): CaseStatus {
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
  const code = (err as { code?: unknown } | null)?.code;
  const c = typeof code === 'string' ? code : '';
  let reason = 'storage_error';
  if (c === 'SQLITE_FULL') reason = 'disk_full';
  else if (c.startsWith('SQLITE_READONLY')) reason = 'read_only';
  else if (c.startsWith('SQLITE_IOERR') || c.startsWith('SQLITE_CANTOPEN')) reason = 'io_error';
  else if (c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB') reason = 'corrupt';
  else if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) reason = 'busy';
  else if (err instanceof TypeError && /not open/.test(err.message)) reason = 'closed';
  const detail = err instanceof Error ? err.message : String(err);
  return new KioskFailure('storage_failed', `The case could not be committed to ${file} (${c || reason}: ${detail}).`, {
    reason,
  });
}

export class CaseQueue {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly key: Buffer;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly targets: Set<string>;
  private readonly defaultTarget: string;
  private readonly onChange: (change: CaseChange) => void;
  private readonly onWork: () => void;
  private closed = false;
  /** Confirmation e-mails waiting to be sent (the confirmation sender works on these). */
  readonly confirmations: ConfirmationStore;

  private readonly stmt: {
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
  };

  /**
   * Opens (or creates) the queue: checks and migrates the database, unwraps (or creates) the data
   * key, and puts cases that were in flight when the process died back in line.
   */
  static open(options: CaseQueueOptions): { queue: CaseQueue; alerts: StorageAlert[] } {
    const now = options.now ?? Date.now;
    assertProtectingWrapper(options.keyWrapper);
    let checkedKey: Buffer | undefined;
    const { db, alerts } = openCaseDatabase({
      file: options.file,
      logger: options.logger,
      now,
      maxBytes: options.maxDatabaseBytes,
      // a wrong key must fail before the read-write open touches the file
      inspect: (ro) => {
        const row = CaseQueue.readWrappedKey(ro);
        if (row) checkedKey = unwrapDataKey(options.keyWrapper, row, options.file);
      },
    });
    try {
      const row = CaseQueue.readWrappedKey(db);
      let key: Buffer;
      if (row && checkedKey && alerts.length === 0) key = checkedKey;
      else if (row) key = unwrapDataKey(options.keyWrapper, row, options.file);
      else {
        const created = createDataKey(options.keyWrapper);
        db.prepare('INSERT INTO data_key (id, kind, wrapped, created_at) VALUES (1, ?, ?, ?)').run(
          created.record.kind,
          created.record.wrapped,
          now(),
        );
        key = created.key;
      }
      const queue = new CaseQueue(db, key, options);
      const recovered = queue.recoverInFlight([]);
      if (recovered > 0) options.logger.info({ recovered }, 'cases in flight at the last stop are queued again');
      return { queue, alerts };
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private static readWrappedKey(db: Database.Database): { kind: string; wrapped: Buffer } | undefined {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_key'").get();
    if (!table) return undefined;
    return db.prepare('SELECT kind, wrapped FROM data_key WHERE id = 1').get() as
      { kind: string; wrapped: Buffer } | undefined;
  }

  private constructor(db: Database.Database, key: Buffer, options: CaseQueueOptions) {
    this.db = db;
    this.key = key;
    this.file = options.file;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionDays * DAY_MS;
    this.targets = new Set(options.targets);
    this.defaultTarget = options.defaultTarget;
    this.onChange = options.onChange ?? (() => {});
    this.onWork = options.onWork ?? (() => {});
    this.confirmations = new ConfirmationStore(db, key);
    this.stmt = {
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
    };
  }

  /** References handed out by reserveReference() and not yet committed. */
  private readonly reserved = new Set<string>();

  private freeReference(): string {
    let ref = generateReference();
    for (let i = 1; this.stmt.referenceTaken.get(ref) || this.reserved.has(ref); i++) {
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
    const ref = this.freeReference();
    this.reserved.add(ref);
    return ref;
  }

  /** Gives a reserved reference back (the submission was abandoned). */
  releaseReference(reference: string): void {
    this.reserved.delete(reference);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get targetNames(): string[] {
    return [...this.targets];
  }

  // ——— the visitor's side ————————————————————————————————————————————————————————————————

  /**
   * Commits a submitted case. Returns only once metadata and encrypted payload are durably on disk;
   * throws `KioskFailure('storage_failed')` (nothing half-written) when they cannot be.
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
    const blob = encryptPayload(this.key, id, plaintext);
    plaintext.fill(0);

    let reference: string;
    try {
      if (this.closed) throw new TypeError('The database connection is not open');
      reference = this.db
        .transaction((): string => {
          let ref: string;
          if (d.reference) {
            ref = normalizeReference(d.reference) ?? d.reference;
            if (this.stmt.referenceTaken.get(ref)) throw new Error('the reserved case reference is already taken');
          } else {
            ref = this.freeReference();
          }
          const storedAt = this.now();
          const info = this.stmt.insertCase.run({
            id,
            reference: ref,
            idempotencyKey,
            flowId: d.flowId,
            deliveryTarget,
            submittedAt,
            storedAt,
          });
          this.stmt.insertPayload.run(info.lastInsertRowid, blob);
          return ref;
        })
        .immediate();
    } catch (err) {
      const failure = storageFailure(err, this.file);
      this.logger.error(
        { flowId: d.flowId, reason: failure.extra.reason, err },
        'case could not be stored: no receipt',
      );
      throw failure;
    }
    this.reserved.delete(reference);
    this.logger.info({ reference, flowId: d.flowId, deliveryTarget }, 'case stored');
    this.onChange({ reference, status: 'stored' });
    this.onWork();
    return { id, reference, idempotencyKey, status: 'stored' };
  }

  /** The status of a case by its reference as typed (`k7 4f9q 2` works); unknown when purged or never seen. */
  status(reference: string): CaseStatus {
    const ref = normalizeReference(reference);
    if (!ref) return 'unknown';
    return publicStatus(this.stmt.byReference.get(ref)?.status);
  }

  // ——— staff ———————————————————————————————————————————————————————————————————————————————

  stats(): QueueStats {
    const counts: Record<InternalStatus, number> = {
      stored: 0,
      in_flight: 0,
      delivered: 0,
      dead_letter: 0,
      discarded: 0,
    };
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM cases GROUP BY status').all() as Array<{
      status: InternalStatus;
      n: number;
    }>;
    for (const r of rows) counts[r.status] = r.n;
    const oldest = this.db
      .prepare(
        `SELECT reference, flow_id, delivery_target, stored_at, attempts, last_error FROM cases INDEXED BY cases_by_status_seq
         WHERE status IN ('stored', 'in_flight') ORDER BY seq LIMIT 1`,
      )
      .get() as
      | {
          reference: string;
          flow_id: string;
          delivery_target: string;
          stored_at: number;
          attempts: number;
          last_error: string | null;
        }
      | undefined;
    const last = this.db.prepare(`SELECT MAX(delivered_at) AS at FROM cases WHERE status = 'delivered'`).get() as {
      at: number | null;
    };
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

  deadLetters(limit = 500): DeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT reference, flow_id, delivery_target, last_error, attempts, submitted_at, stored_at, dead_at
         FROM cases INDEXED BY cases_by_status_seq WHERE status = 'dead_letter' ORDER BY seq LIMIT ?`,
      )
      .all(limit) as Array<{
      reference: string;
      flow_id: string;
      delivery_target: string;
      last_error: string | null;
      attempts: number;
      submitted_at: number;
      stored_at: number;
      dead_at: number;
    }>;
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
    const row = ref ? this.stmt.byReference.get(ref) : undefined;
    if (!row) throw new KioskFailure('not_found', 'No case with this reference is held by this kiosk.');
    return row;
  }

  /**
   * Staff: send a dead letter again (attempt count starts over), or send a waiting case now instead of
   * after its back-off. Logged with the staff id.
   */
  retry(reference: string, staffId: string): CaseStatus {
    const row = this.findForStaff(reference);
    if (row.status === 'delivered' || row.status === 'discarded') {
      throw new KioskFailure('conflict', `Case ${row.reference} is ${row.status}; there is nothing to retry.`, {
        reason: row.status,
      });
    }
    if (row.status === 'in_flight') return 'stored';
    const now = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `UPDATE cases SET status = 'stored', next_attempt_at = @now, error_kind = NULL, dead_at = NULL,
               attempts = CASE WHEN status = 'dead_letter' THEN 0 ELSE attempts END
             WHERE seq = @seq AND status IN ('stored', 'dead_letter')`,
          )
          .run({ now, seq: row.seq });
        this.stmt.staffAction.run(now, 'retry', row.reference, staffId);
      })
      .immediate();
    this.logger.info(
      { audit: true, action: 'retry', reference: row.reference, staffId, was: row.status },
      'staff retried a case',
    );
    if (row.status === 'dead_letter') this.onChange({ reference: row.reference, status: 'stored' });
    this.onWork();
    return 'stored';
  }

  /** Staff: give up on a dead letter. Its payload is erased; the action is logged with the staff id. */
  discard(reference: string, staffId: string): CaseStatus {
    const row = this.findForStaff(reference);
    if (row.status !== 'dead_letter') {
      throw new KioskFailure(
        'conflict',
        `Only a dead letter can be discarded; case ${row.reference} is ${row.status}.`,
        { reason: row.status },
      );
    }
    const now = this.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(`UPDATE cases SET status = 'discarded', closed_at = ? WHERE seq = ? AND status = 'dead_letter'`)
          .run(now, row.seq);
        this.stmt.deletePayload.run(row.seq);
        this.stmt.staffAction.run(now, 'discard', row.reference, staffId);
      })
      .immediate();
    this.logger.warn(
      { audit: true, action: 'discard', reference: row.reference, flowId: row.flow_id, staffId },
      'staff discarded a dead letter',
    );
    this.onChange({ reference: row.reference, status: 'unknown' });
    return 'unknown';
  }

  /** Deletes the metadata of cases delivered or discarded longer ago than the retention. */
  purgeExpired(now: number = this.now()): { cases: number; staffActions: number } {
    const cases = this.db
      .prepare(
        `DELETE FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? AND status IN ('delivered', 'discarded')`,
      )
      .run(now - this.retentionMs).changes;
    const keepActions = Math.max(this.retentionMs, STAFF_ACTION_RETENTION_DAYS * DAY_MS);
    const staffActions = this.db.prepare('DELETE FROM staff_actions WHERE at < ?').run(now - keepActions).changes;
    if (cases > 0) this.logger.info({ cases }, 'expired case metadata purged');
    return { cases, staffActions };
  }

  // ——— the worker's side ————————————————————————————————————————————————————————————————

  /** Marks the oldest due case (of a target not in `exclude`) in flight and returns it. */
  claimNextDue(now: number, exclude: readonly string[] = []): ClaimedCase | null {
    const row = this.stmt.claim.get(now, now, JSON.stringify(exclude));
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
    return this.stmt.nextAttemptAt.get(JSON.stringify(exclude))?.next_attempt_at ?? null;
  }

  hasWaiting(): boolean {
    return this.stmt.hasWaiting.get() !== undefined;
  }

  /** Decrypts a claimed case for one attempt. Throws `PayloadUnreadableError` when it cannot. */
  loadForDelivery(c: ClaimedCase): DeliveryItem {
    const row = this.stmt.payload.get(c.seq);
    if (!row) throw new PayloadUnreadableError('the payload is missing');
    const plaintext = decryptPayload(this.key, c.id, row.blob);
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
    this.db
      .transaction(() => {
        const changed = this.stmt.delivered.run({ seq: c.seq, at, receiverReference }).changes;
        this.stmt.deletePayload.run(c.seq);
        if (confirmation && changed > 0) this.confirmations.add(c.seq, c.id, confirmation, at);
      })
      .immediate();
    this.onChange({ reference: c.reference, status: 'delivered' });
  }

  markRetry(c: ClaimedCase, nextAt: number, reason: string, kind: ErrorKind): void {
    this.stmt.retryLater.run({ seq: c.seq, nextAt, reason, kind });
  }

  /** Back in line without counting the attempt (the worker is stopping). */
  release(c: ClaimedCase): void {
    this.stmt.release.run({ seq: c.seq, at: this.now() });
  }

  /** Refused for good: kept (payload still encrypted) for staff to retry or discard. */
  markDeadLetter(c: ClaimedCase, reason: string, kind: ErrorKind): void {
    this.stmt.deadLetter.run({ seq: c.seq, at: this.now(), reason, kind });
    this.logger.warn(
      { reference: c.reference, flowId: c.flowId, deliveryTarget: c.deliveryTarget, reason },
      'case became a dead letter',
    );
    this.onChange({ reference: c.reference, status: 'dead_letter' });
  }

  /** The target is reachable again: cases that waited for it are due now. */
  resumeTarget(target: string, now: number = this.now()): number {
    return this.stmt.resumeTarget.run({ target, at: now }).changes;
  }

  /** Puts cases marked in flight but not held by a live attempt (`keep`) back in line. */
  recoverInFlight(keep: readonly number[]): number {
    return this.stmt.recoverInFlight.run({ at: this.now(), keep: JSON.stringify(keep) }).changes;
  }

  /** Folds the WAL back into the database and truncates it, so erased payload pages leave the WAL. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.checkpoint();
    } catch (err) {
      this.logger.warn({ err }, 'final checkpoint of the case database failed');
    }
    this.db.close();
    this.key.fill(0);
  }
}
