/**
 * Opens the case database: checks it (`integrity_check`), moves a corrupt file aside (never deletes
 * it), sets the pragmas every connection needs and runs the migrations.
 */
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { migrate } from './migrations';

/** Something staff must see on the kiosk's staff screen (no personal data). */
export interface StorageAlert {
  kind: 'database_corrupt';
  /** ISO time the problem was found. */
  at: string;
  file: string;
  /** Where the damaged file was moved (its -wal/-shm beside it with the same suffix). */
  movedTo: string;
  detail: string;
}

export interface OpenedDatabase {
  db: Database.Database;
  alerts: StorageAlert[];
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

class IntegrityError extends Error {
  readonly code = 'SQLITE_CORRUPT';
}

function isCorruption(err: unknown): boolean {
  if (err instanceof IntegrityError) return true;
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
      throw new IntegrityError(
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

function moveAside(file: string, at: Date): string {
  let target = `${file}.corrupt-${stamp(at)}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.corrupt-${stamp(at)}-${n}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

export function openCaseDatabase(options: {
  file: string;
  logger: Logger;
  now?: () => number;
  /** Cap of the database file (SQLite max_page_count): beyond it writes fail with SQLITE_FULL. */
  maxBytes?: number | undefined;
  /**
   * Runs on the read-only connection of an existing, intact file before anything is written (the
   * queue checks its data key there, so a wrong key changes nothing on disk, not even the WAL).
   */
  inspect?: (db: Database.Database) => void;
}): OpenedDatabase {
  const { file, logger } = options;
  const now = options.now ?? Date.now;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const alerts: StorageAlert[] = [];

  const open = (): Database.Database => {
    if (existsSync(file)) check(file, options.inspect);
    const db = new Database(file);
    try {
      configure(db, file, options.maxBytes);
      migrate(db, file);
      // SQLite gives the -wal and -shm files the mode of the database file
      if (process.platform !== 'win32') chmodSync(file, 0o600);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  };

  try {
    return { db: open(), alerts };
  } catch (err) {
    if (!isCorruption(err) || !existsSync(file)) throw err;
    const at = new Date(now());
    const movedTo = moveAside(file, at);
    const detail = err instanceof Error ? err.message.slice(0, 300) : String(err);
    logger.error({ file, movedTo, detail }, 'case database is corrupt: moved aside, starting with a fresh one');
    alerts.push({ kind: 'database_corrupt', at: at.toISOString(), file, movedTo, detail });
    return { db: open(), alerts };
  }
}
