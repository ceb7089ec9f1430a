/**
 * Opens the case database: checks it (`integrity_check`), sets the pragmas every connection needs and
 * runs the migrations. A damaged file is never replaced by a fresh one here: it may hold receipted cases
 * that are not delivered yet. The caller gets a `CaseDatabaseDamagedError`, the kiosk goes out of order,
 * and the recovery (`--recover-cases`, recovery.ts) rebuilds the queue from what can be read.
 */
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** The database file failed its checks; nothing was changed on disk. */
export class CaseDatabaseDamagedError extends Error {
  readonly code = 'SQLITE_CORRUPT';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`The case database ${file} is damaged (${detail}).`);
    this.name = 'CaseDatabaseDamagedError';
  }
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function isCorruption(err: unknown): boolean {
  if (err instanceof CaseDatabaseDamagedError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && [...CORRUPT_CODES].some((c) => code === c || code.startsWith(`${c}_`));
}

/**
 * Checks the file on a read-only connection: one that finds damage must not checkpoint or delete the
 * WAL on close, because the WAL may hold the newest cases and must be moved aside with the file.
 */
function check(file: string, inspect: ((db: Database.Database) => void) | undefined): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // a file that is not a database fails on its first read, which is this one
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
      throw new CaseDatabaseDamagedError(
        file,
        `integrity_check: ${rows
          .slice(0, 3)
          .map((r) => r.integrity_check)
          .join('; ')}`,
      );
    }
    inspect?.(db);
  } finally {
    db.close();
  }
}

function configure(db: Database.Database, file: string, maxBytes: number | undefined): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`${file}: cannot switch to WAL (journal_mode is ${String(mode)})`);
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (maxBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
  }
}

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Moves a damaged database (with its -wal/-shm/-journal) aside as `<file>.damaged-<time>`, never deleting
 * it: IT may want it. Used by the recovery only, once every readable case has been taken out.
 */
export function moveDatabaseAside(file: string, at: Date): string {
  let target = `${file}.damaged-${stamp(at)}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.damaged-${stamp(at)}-${n}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

export function openCaseDatabase(options: {
  file: string;
  /** Cap of the database file (SQLite max_page_count): beyond it writes fail with SQLITE_FULL. */
  maxBytes?: number | undefined;
  /**
   * Runs on the read-only connection of an existing, intact file before anything is written (the
   * queue checks its data key there, so a wrong key changes nothing on disk, not even the WAL).
   */
  inspect?: (db: Database.Database) => void;
}): Database.Database {
  const { file } = options;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    if (existsSync(file)) check(file, options.inspect);
  } catch (err) {
    if (isCorruption(err) && !(err instanceof CaseDatabaseDamagedError)) {
      throw new CaseDatabaseDamagedError(file, err instanceof Error ? err.message.slice(0, 300) : String(err));
    }
    throw err;
  }
  const db = new Database(file);
  try {
    configure(db, file, options.maxBytes);
    migrate(db, file);
    // SQLite gives the -wal and -shm files the mode of the database file
    if (process.platform !== 'win32') chmodSync(file, 0o600);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err) && !(err instanceof CaseDatabaseDamagedError)) {
      throw new CaseDatabaseDamagedError(file, err instanceof Error ? err.message.slice(0, 300) : String(err));
    }
    throw err;
  }
}

/** Checks a database file on a read-only connection: null when intact, else what is wrong. */
export function databaseDamage(file: string): string | null {
  try {
    check(file, undefined);
    return null;
  } catch (err) {
    if (isCorruption(err)) return err instanceof CaseDatabaseDamagedError ? err.detail : (err as Error).message;
    throw err;
  }
}
