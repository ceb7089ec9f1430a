/**
 * Recovery of the case queue after its database failed its checks (or journal records could not be
 * read). Run with the kiosk stopped, by `kommunkiosk --recover-cases` or `npm run recover-cases`:
 *
 *  1. every case that can still be read is made durable in the case journal: the journal's own records
 *     first, then what can be salvaged from the damaged database (its rows and payloads, read one by
 *     one so one bad page costs only what is on it), under the damaged database's own data key;
 *  2. the damaged database (with -wal/-shm) is moved aside as `cases.sqlite.damaged-<time>`, never deleted;
 *  3. a fresh database is opened and reconciled with the journal, which puts every recovered case back
 *     in line for delivery (re-encrypted under the new database's key);
 *  4. journal records nobody can read are moved to `<journal>/unreadable/`, and the references of every
 *     case that could not be recovered are listed — in the report on screen and in
 *     `<dataDir>/recovery-<time>.txt` — so the municipality can contact those visitors.
 *
 * Each step leaves the cases in the journal or the damaged file, so a recovery cut short can simply be
 * run again. Nothing about a visitor is printed or written: references, flow ids and reasons only.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { KeyWrapper } from '../platform';
import { CaseJournal, type JournalRecord } from './case-journal';
import type { ResolvedCasesConfig } from './config';
import { databaseDamage, moveDatabaseAside } from './database';
import { unwrapDataKey, type WrappedDataKey } from './data-key';
import { decryptPayload } from './payload-crypto';
import { CaseQueue, type ClaimedCase } from './queue';
import { isValidReference } from './reference';
import { errorMessage } from '../../contract/errors';

export interface RecoveryReport {
  at: string;
  database: 'intact' | 'damaged' | 'missing';
  /** Where the damaged database went (null when it was not damaged). */
  movedTo: string | null;
  /** Cases back in the queue, waiting for delivery, and where each was read from. */
  recovered: Array<{ reference: string; from: 'journal' | 'database' }>;
  /** Receipted cases that could not be read anywhere: the municipality must contact these visitors. */
  unrecoverable: Array<{ reference: string; problem: string }>;
  /**
   * References the damaged database still names but whose state (delivered or not) it no longer tells,
   * and of which the journal has no record (so most likely delivered): worth checking at the receiver.
   */
  unknownState: string[];
  /** Journal records that could not be read, moved to `<journal>/unreadable/`. */
  setAside: string[];
  /** The report file written in the data folder. */
  reportFile: string | null;
}

/** A row read from the damaged database: a claimed case's fields, with its state and times. */
type SalvagedRow = Omit<ClaimedCase, 'attempts'> & { status: string; submittedAt: number; storedAt: number };

interface Salvage {
  key: Buffer | null;
  wrappedKey: WrappedDataKey | null;
  /** Readable rows by reference. */
  rows: Map<string, SalvagedRow>;
  /** References found in an index whose row cannot be read. */
  orphanReferences: Set<string>;
  payload(seq: number): Buffer | null;
  close(): void;
}

const OPEN = new Set(['stored', 'in_flight', 'dead_letter']);
const ROW_COLUMNS = 'seq, id, reference, idempotency_key, flow_id, delivery_target, status, submitted_at, stored_at';

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Reads rows one statement at a time, keeping whatever comes before an error. */
function collect<T>(read: () => Iterable<T>, into: (row: T) => void): void {
  try {
    for (const row of read()) into(row);
  } catch {
    // a damaged page ends this scan; other scans may reach further
  }
}

function asRow(r: Record<string, unknown>): SalvagedRow | null {
  if (typeof r.reference !== 'string' || typeof r.id !== 'string' || typeof r.idempotency_key !== 'string') return null;
  return {
    seq: Number(r.seq),
    id: r.id,
    reference: r.reference,
    idempotencyKey: r.idempotency_key,
    flowId: String(r.flow_id),
    deliveryTarget: String(r.delivery_target),
    status: String(r.status),
    submittedAt: Number(r.submitted_at),
    storedAt: Number(r.stored_at),
  };
}

/** Whatever the damaged database still gives: its data key, rows, payloads, and references in its indexes. */
function salvageDatabase(file: string, keyWrapper: KeyWrapper, logger: Logger): Salvage {
  const empty: Salvage = {
    key: null,
    wrappedKey: null,
    rows: new Map(),
    orphanReferences: new Set(),
    payload: () => null,
    close: () => {},
  };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (err) {
    logger.warn(
      { reason: describe(err) },
      'the damaged case database cannot be opened at all; recovering from the journal only',
    );
    return empty;
  }
  const salvage: Salvage = { ...empty, close: () => db.close() };
  try {
    const k = db.prepare('SELECT kind, wrapped FROM data_key WHERE id = 1').get() as WrappedDataKey | undefined;
    if (k) {
      salvage.wrappedKey = k;
      salvage.key = unwrapDataKey(keyWrapper, k, file);
    }
  } catch (err) {
    logger.warn(
      { reason: describe(err) },
      "the damaged case database's data key cannot be read: its payloads cannot be recovered",
    );
  }
  const seqs = new Set<number>();
  const add = (r: Record<string, unknown>): void => {
    const row = asRow(r);
    if (row) {
      salvage.rows.set(row.reference, row);
      seqs.add(row.seq);
    }
  };
  collect(
    () => db.prepare(`SELECT ${ROW_COLUMNS} FROM cases ORDER BY seq`).iterate() as Iterable<Record<string, unknown>>,
    add,
  );
  collect(
    () =>
      db.prepare(`SELECT ${ROW_COLUMNS} FROM cases ORDER BY seq DESC`).iterate() as Iterable<Record<string, unknown>>,
    add,
  );
  // the indexes live on other pages than the table: each may name cases a damaged table page hides
  const indexSeqs = new Set<number>();
  for (const sql of [
    'SELECT seq FROM cases INDEXED BY cases_by_status_seq',
    'SELECT seq FROM cases INDEXED BY cases_by_status_next',
    'SELECT case_seq AS seq FROM case_payloads',
  ]) {
    collect(
      () => db.prepare(sql).iterate() as Iterable<{ seq: number }>,
      (r) => indexSeqs.add(Number(r.seq)),
    );
  }
  const statement = (sql: string): Database.Statement | null => {
    try {
      return db.prepare(sql);
    } catch {
      return null; // the schema itself is unreadable past this point
    }
  };
  const one = statement(`SELECT ${ROW_COLUMNS} FROM cases WHERE seq = ?`);
  for (const seq of one ? indexSeqs : []) {
    if (seqs.has(seq)) continue;
    try {
      const r = one?.get(seq) as Record<string, unknown> | undefined;
      if (r) add(r);
    } catch {
      // this row's page is gone
    }
  }
  // the unique index on references: names cases whose rows are gone
  collect(
    () =>
      db.prepare('SELECT reference FROM cases INDEXED BY sqlite_autoindex_cases_2').iterate() as Iterable<{
        reference: unknown;
      }>,
    (r) => {
      if (typeof r.reference === 'string' && isValidReference(r.reference) && !salvage.rows.has(r.reference)) {
        salvage.orphanReferences.add(r.reference);
      }
    },
  );
  const payload = statement('SELECT blob FROM case_payloads WHERE case_seq = ?');
  salvage.payload = (seq) => {
    try {
      return (payload?.get(seq) as { blob: Buffer } | undefined)?.blob ?? null;
    } catch {
      return null;
    }
  };
  return salvage;
}

function describe(err: unknown): string {
  return errorMessage(err).slice(0, 200);
}

/** Writes the report (references and reasons only) beside the data; returns its path, or null when it cannot. */
function writeReportFile(dataDir: string, report: RecoveryReport, lines: string[], logger: Logger): string | null {
  const file = path.join(dataDir, `recovery-${stamp(new Date(report.at))}.txt`);
  try {
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    return file;
  } catch (err) {
    logger.error({ err, file }, 'the recovery report could not be written');
    return null;
  }
}

export function formatRecoveryReport(report: RecoveryReport): string[] {
  const lines = [
    `Case recovery ${report.at}`,
    `database: ${report.database}${report.movedTo ? ` (moved aside to ${report.movedTo})` : ''}`,
    `recovered and queued for delivery: ${report.recovered.length}` +
      ` (${report.recovered.filter((r) => r.from === 'journal').length} from the journal, ${report.recovered.filter((r) => r.from === 'database').length} from the damaged database)`,
    `unrecoverable: ${report.unrecoverable.length}`,
  ];
  if (report.unrecoverable.length > 0) {
    lines.push('Receipted cases that could not be recovered — contact these visitors (reference, reason):');
    for (const u of report.unrecoverable) lines.push(`  ${u.reference}  ${u.problem}`);
  }
  if (report.unknownState.length > 0) {
    lines.push(
      `References the damaged database names without telling whether they were delivered (no journal record: most likely delivered; check at the receiver): ${report.unknownState.length}`,
    );
    for (const r of report.unknownState) lines.push(`  ${r}`);
  }
  if (report.setAside.length > 0) {
    lines.push('Unreadable journal records moved aside:');
    for (const f of report.setAside) lines.push(`  ${f}`);
  }
  return lines;
}

export interface RecoverCasesOptions {
  config: Pick<ResolvedCasesConfig, 'databaseFile' | 'journalDir' | 'retentionDays' | 'maxDatabaseBytes' | 'delivery'>;
  dataDir: string;
  keyWrapper: KeyWrapper;
  logger: Logger;
  now?: () => number;
}

/** Recovers every readable case into a working queue and lists the rest. Throws only when it cannot start. */
export function recoverCases(options: RecoverCasesOptions): RecoveryReport {
  const { config, keyWrapper, logger } = options;
  const now = options.now ?? Date.now;
  const file = config.databaseFile;
  const journal = new CaseJournal(config.journalDir);
  journal.prepare();
  const report: RecoveryReport = {
    at: new Date(now()).toISOString(),
    database: 'missing',
    movedTo: null,
    recovered: [],
    unrecoverable: [],
    unknownState: [],
    setAside: [],
    reportFile: null,
  };
  const fromDatabase = new Set<string>();

  if (existsSync(file)) {
    const damage = databaseDamage(file);
    report.database = damage ? 'damaged' : 'intact';
    if (damage) {
      logger.warn({ file, damage }, 'recovering from a damaged case database');
      const salvage = salvageDatabase(file, keyWrapper, logger);
      try {
        const journalled = new Map(journal.entries().map((e) => [e.reference, e]));
        for (const row of salvage.rows.values()) {
          const entry = journalled.get(row.reference);
          if (!OPEN.has(row.status)) {
            // closed (delivered or discarded): a leftover journal record goes
            if (entry) journal.remove(row.reference);
            continue;
          }
          if (entry?.ok) continue; // the journal's own record is used
          const blob = salvage.payload(row.seq);
          let problem: string | null = null;
          if (!blob) problem = 'its content is on a damaged page of the database';
          else if (!salvage.key || !salvage.wrappedKey) problem = "the database's data key cannot be read";
          else {
            try {
              decryptPayload(salvage.key, row.id, blob).fill(0);
            } catch (err) {
              problem = `its content cannot be decrypted (${describe(err)})`;
            }
          }
          if (problem) {
            if (!entry) report.unrecoverable.push({ reference: row.reference, problem });
            continue;
          }
          const record: JournalRecord = {
            id: row.id,
            reference: row.reference,
            idempotencyKey: row.idempotencyKey,
            flowId: row.flowId,
            deliveryTarget: row.deliveryTarget,
            submittedAt: row.submittedAt,
            storedAt: row.storedAt,
            dataKey: salvage.wrappedKey as WrappedDataKey,
            blob: blob as Buffer,
          };
          journal.write(record);
          fromDatabase.add(row.reference);
        }
        for (const ref of salvage.orphanReferences) {
          if (!journalled.has(ref)) report.unknownState.push(ref);
        }
      } finally {
        salvage.key?.fill(0);
        salvage.close();
      }
      report.movedTo = moveDatabaseAside(file, new Date(now()));
      logger.warn({ movedTo: report.movedTo }, 'damaged case database moved aside');
    }
  }

  // the journal now holds every case that can be read: a fresh (or the intact) database takes them in
  const { queue, report: reconciled } = CaseQueue.open({
    file,
    journalDir: config.journalDir,
    keyWrapper,
    logger,
    retentionDays: config.retentionDays,
    maxDatabaseBytes: config.maxDatabaseBytes,
    targets: Object.keys(config.delivery.targets),
    defaultTarget: config.delivery.defaultTarget,
    now,
  });
  try {
    for (const reference of reconciled.restored) {
      report.recovered.push({ reference, from: fromDatabase.has(reference) ? 'database' : 'journal' });
    }
    for (const u of reconciled.unaccounted) {
      report.unrecoverable.push({ reference: u.reference, problem: `its journal record ${u.problem}` });
      try {
        report.setAside.push(journal.setAside(u.reference));
      } catch (err) {
        logger.error({ err, reference: u.reference }, 'an unreadable journal record could not be moved aside');
      }
    }
  } finally {
    queue.close();
  }
  report.unrecoverable.sort((a, b) => a.reference.localeCompare(b.reference));
  report.reportFile = writeReportFile(options.dataDir, report, formatRecoveryReport(report), logger);
  logger.info(
    {
      database: report.database,
      recovered: report.recovered.length,
      unrecoverable: report.unrecoverable.map((u) => u.reference),
      reportFile: report.reportFile,
    },
    'case recovery finished',
  );
  return report;
}
