/**
 * Keeps watch over the case storage while the kiosk runs. It holds the storage's current problems
 * (each one keeps visitors out: the kiosk is "Ur funktion" with the reason under "För personal och
 * IT") and what happened that staff should know (cases restored from the journal, a deleted WAL
 * repaired).
 *
 * Every `intervalMs` — and at once when a read or write of the queue fails for a storage reason — it
 * checks the storage again (`checkCaseStorage`). A fault that can pass (read-only or full disk,
 * missing folder, missing or wrong key file, I/O errors) clears itself: the queue reconnects, the
 * journal and the database are reconciled, and the kiosk is back in service without a restart. A
 * damaged database or unreadable journal records stay until the recovery (`--recover-cases`) has run.
 */
import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import type { CaseQueue, ReconcileReport } from './queue';
import {
  checkCaseStorage,
  describeStorageError,
  MIN_FREE_BYTES,
  unaccountedProblem,
  type StorageProblem,
  type StoragePaths,
} from './storage-check';

/** Something staff should know that did not stop the kiosk. */
export interface StorageNotice {
  at: string;
  key: 'cases_restored' | 'wal_repaired';
  reason: string;
}

export interface StorageGuardOptions {
  queue: CaseQueue;
  paths: StoragePaths;
  logger: Logger;
  intervalMs: number;
  /** The problems changed: the kiosk goes out of order or back in service. */
  onChange?: () => void;
  /** The queue (re)connected: the worker may deliver. */
  onConnected?: () => void;
  now?: () => number;
}

const MAX_NOTICES = 20;

function sameProblems(a: readonly StorageProblem[], b: readonly StorageProblem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.key === b[i]?.key && p.reason === b[i]?.reason);
}

export class StorageGuard {
  private current: StorageProblem[] = [];
  private readonly notes: StorageNotice[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: StorageGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  /** What keeps visitors out now (empty: the storage is fine). */
  problems(): StorageProblem[] {
    return [...this.current];
  }

  notices(): StorageNotice[] {
    return [...this.notes];
  }

  /** Connects the queue now and throws when it cannot (the strict start of tests and tools). */
  connect(): ReconcileReport {
    const report = this.options.queue.connect();
    this.noteReport(report);
    this.set(this.problemsAfterConnect(report));
    return report;
  }

  /** Tries to connect now (a failure becomes a problem, never an exception) and checks every interval. */
  start(): void {
    this.check();
    this.timer = setInterval(() => this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** A read or write of the queue failed for a storage reason. */
  fault(err: unknown, during: string): void {
    if (this.stopped) return;
    const problem = describeStorageError(err, this.options.paths);
    if (!this.current.some((p) => p.key === problem.key)) {
      this.options.logger.error({ during, key: problem.key, reason: problem.reason }, 'case storage fault');
    }
    this.set([problem]);
    // the failed operation is still on the stack: let go of the connection once it has unwound
    if (problem.key !== 'disk_full') setImmediate(() => this.options.queue.disconnect());
  }

  /** One round: checks the storage, reconnects when a fault has passed, repairs a deleted WAL. */
  check(): void {
    if (this.stopped) return;
    const { queue } = this.options;
    let pre: StorageProblem[];
    try {
      pre = checkCaseStorage(this.options.paths).filter((p) => p.severity === 'fail');
      // a file system can refuse writes while still saying it is writable (ext4 after an error): try one
      if (pre.length === 0) pre = this.writeProbe();
    } catch (err) {
      pre = [describeStorageError(err, this.options.paths)];
    }
    if (pre.length > 0) {
      if (queue.isOpen && pre.some((p) => p.key !== 'disk_full')) queue.disconnect();
      this.set(pre);
      return;
    }
    if (!queue.isOpen) {
      this.tryConnect();
      return;
    }
    if (queue.walMissing()) {
      this.repairWal();
      return;
    }
    if (this.current.length > 0) {
      if (this.current.every((p) => p.key === 'disk_full')) this.set(this.capacityProblems());
      else this.tryConnect();
    }
    try {
      queue.completeJournal(500);
    } catch (err) {
      this.options.logger.warn({ err }, 'journal records for waiting cases could not be written yet');
    }
  }

  /** Writes, flushes and removes a small file in each storage folder; a failure is the fault. */
  private writeProbe(): StorageProblem[] {
    const { paths } = this.options;
    const dirs = new Set(
      [paths.dataDir, path.dirname(paths.databaseFile), paths.journalDir].map((d) => path.resolve(d)),
    );
    for (const dir of dirs) {
      if (!existsSync(dir)) continue; // made at connect
      const file = path.join(dir, `.write-probe-${process.pid}`);
      try {
        const fd = openSync(file, 'w', 0o600);
        try {
          writeSync(fd, 'probe');
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        rmSync(file, { force: true });
      } catch (err) {
        try {
          rmSync(file, { force: true });
        } catch {
          // a read-only disk keeps it; nothing was written
        }
        return [describeStorageError(err, paths)];
      }
    }
    return [];
  }

  private tryConnect(): void {
    try {
      this.connect();
      this.options.onConnected?.();
    } catch (err) {
      const problem = describeStorageError(err, this.options.paths);
      if (!sameProblems(this.current, [problem])) {
        this.options.logger.error({ key: problem.key, reason: problem.reason }, 'the case storage cannot be opened');
      }
      this.set([problem]);
    }
  }

  private problemsAfterConnect(report: ReconcileReport): StorageProblem[] {
    if (report.unaccounted.length > 0) {
      return [
        unaccountedProblem(
          report.unaccounted.map((u) => u.reference),
          this.options.queue.journal.dir,
        ),
      ];
    }
    return this.capacityProblems();
  }

  /** The database's own cap (cases.maxDatabaseMb) reached: it frees up as cases are delivered. */
  private capacityProblems(): StorageProblem[] {
    const left = this.options.queue.capacityLeft();
    if (left === null || left >= MIN_FREE_BYTES) return [];
    return [
      {
        key: 'disk_full',
        severity: 'fail',
        reason: `The case database ${this.options.queue.file} has reached its cap (cases.maxDatabaseMb): no case can be stored until waiting cases are delivered or the cap is raised.`,
      },
    ];
  }

  private repairWal(): void {
    const { queue, logger } = this.options;
    logger.error(
      { file: `${queue.file}-wal` },
      'the WAL of the case database was deleted while the kiosk ran: folding it into the database and reopening',
    );
    // the connection still holds the deleted file: a checkpoint writes its pages into the database
    queue.disconnect();
    this.tryConnect();
    if (queue.isOpen) {
      this.notice(
        'wal_repaired',
        `The write-ahead log ${queue.file}-wal was deleted while the kiosk ran; its contents were folded into the database and it was reopened. Find out who or what deletes files in the data folder.`,
      );
    }
  }

  private noteReport(report: ReconcileReport): void {
    if (report.restored.length > 0) {
      this.notice(
        'cases_restored',
        `${report.restored.length} receipted case(s) missing from the case database were restored from the case journal and will be delivered (${report.restored.slice(0, 10).join(', ')}${report.restored.length > 10 ? ', …' : ''}). The database had lost them: was its -wal file deleted or the file restored from a backup?`,
      );
    }
  }

  private notice(key: StorageNotice['key'], reason: string): void {
    this.notes.push({ at: new Date(this.now()).toISOString(), key, reason });
    if (this.notes.length > MAX_NOTICES) this.notes.shift();
    this.options.onChange?.();
  }

  private set(problems: StorageProblem[]): void {
    if (sameProblems(this.current, problems)) return;
    const was = this.current.length > 0;
    this.current = problems;
    if (was && problems.length === 0) this.options.logger.info('case storage works again');
    this.options.onChange?.();
  }
}
