/**
 * The one check of the kiosk's case storage, called by start-up (and its retries), the health checks,
 * `check-config` and the recovery: is the data folder there and writable, is there room on its disk,
 * is the key file there (and never replaced when cases exist that need it), is the database intact
 * and opened by this key, can every journal record be read, can the audit log and kiosk.log be written.
 * Each problem is a precise English line for IT (what, where, what to do) with a key for the staff
 * screen's words — never a stack trace.
 *
 * `describeStorageError` turns an error thrown while opening or using the storage into the same kind
 * of problem, so a fault found by a check and one found by a failed write read the same.
 */
import { accessSync, constants as fsConstants, existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { KeyWrapper } from '../platform';
import { CaseJournal } from './case-journal';
import { defaultDataDir, resolveFrom } from '../config/load-config';
import { AUDIT_FILE } from '../staff/audit-log';
import { casesConfigSchema, resolveCasesConfig, type CasesConfigInput, type ResolvedCasesConfig } from './config';
import { CaseDatabaseDamagedError, databaseDamage } from './database';
import { DataKeyError, unwrapDataKey, type WrappedDataKey } from './data-key';
import { createKeyFileWrapper, keyFileAccessProblem, KeyFileError } from './key-file-wrapper';
import { migrations, NewerDatabaseError } from './migrations';
import { storageReason } from './storage-errors';
import { errorMessage } from '../../contract/errors';

export type StorageProblemKey =
  | 'folder_missing'
  | 'folder_read_only'
  | 'read_only'
  | 'disk_full'
  | 'io_error'
  | 'key_missing'
  | 'key_wrong'
  | 'key_unprotected'
  | 'key_invalid'
  | 'database_damaged'
  | 'database_newer'
  | 'cases_unaccounted'
  | 'audit_unwritable'
  | 'log_unwritable'
  | 'storage_error';

export interface StorageProblem {
  key: StorageProblemKey;
  /** fail: visitors cannot be served (out of order); warn: works, but IT must look. */
  severity: 'fail' | 'warn';
  /** For IT, English: what is wrong, where, and what to do. */
  reason: string;
  /** Only the recovery (`--recover-cases`) clears it; retrying does not. */
  needsRecovery?: boolean;
}

/** Where the case storage lives (from the resolved `cases` config and the data folder). */
export interface StoragePaths {
  dataDir: string;
  databaseFile: string;
  journalDir: string;
  /** null: the data key is wrapped by the platform's key store, not a key file. */
  keyFile: string | null;
  createKeyFile: boolean;
  /** The staff audit log (omit when there is no staff mode). */
  auditFile?: string | undefined;
  /** The folder of kiosk.log (omit when logging goes elsewhere). */
  logDir?: string | undefined;
}

/** Below this much free space on the data disk, a case (PDF, journal record, database pages) may not fit. */
export const MIN_FREE_BYTES = 1024 * 1024;

const DATA_FOLDER = 'The data folder';

export const RECOVERY_ADVICE =
  'Stop the kiosk and run the recovery: kommunkiosk --recover-cases (npm run recover-cases), see docs/deploy.md "Recovering cases"';

export function storagePathsOf(
  config: Pick<ResolvedCasesConfig, 'databaseFile' | 'journalDir' | 'keyFile' | 'createKeyFile'>,
  dataDir: string,
  extra: { keyStore?: boolean; auditFile?: string | undefined; logDir?: string | undefined } = {},
): StoragePaths {
  return {
    dataDir,
    databaseFile: config.databaseFile,
    journalDir: config.journalDir,
    keyFile: extra.keyStore ? null : config.keyFile,
    createKeyFile: config.createKeyFile,
    auditFile: extra.auditFile,
    logDir: extra.logDir,
  };
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? 'error';
}

/** The nearest folder of `p` (itself included) that exists. */
function existingAncestor(p: string): string {
  let dir = path.resolve(p);
  while (!existsSync(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** What is wrong with a folder: the problem's key, the error code, and what it means for IT. */
interface FolderFault {
  key: StorageProblemKey;
  code: string;
  explanation: string;
}

function folderFault(dir: string): FolderFault | null {
  let stat;
  try {
    stat = statSync(dir);
  } catch (err) {
    const code = codeOf(err);
    if (code !== 'ENOENT') return { key: 'folder_missing', code, explanation: 'it cannot be reached' };
    // it does not exist yet: it can be made if its nearest existing ancestor is writable
    const ancestor = existingAncestor(dir);
    try {
      accessSync(ancestor, fsConstants.W_OK);
      return null;
    } catch (e) {
      const c = codeOf(e);
      return {
        key: c === 'EROFS' ? 'read_only' : 'folder_missing',
        code: c,
        explanation: `it does not exist and cannot be created in ${ancestor}; is the data disk mounted?`,
      };
    }
  }
  if (!stat.isDirectory()) return { key: 'folder_missing', code: 'ENOTDIR', explanation: 'it is not a folder' };
  try {
    accessSync(dir, fsConstants.W_OK);
    return null;
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EROFS') {
      return {
        key: 'read_only',
        code,
        explanation:
          'its file system is read-only: the disk may have failed (check the system log) or is mounted read-only; the kiosk checks again by itself',
      };
    }
    return { key: 'folder_read_only', code, explanation: 'the kiosk may not write to it: check its owner and mode' };
  }
}

/** Why the kiosk cannot create or write files in `dir`, or null. The data folder is named by its config key. */
function folderProblem(dir: string, what: string): StorageProblem | null {
  const f = folderFault(dir);
  if (!f) return null;
  const reason =
    what === DATA_FOLDER
      ? `dataDir is "${dir}"; expected a folder the kiosk can write to (${f.code}: ${f.explanation}).`
      : `${what} ${dir} cannot be used (${f.code}): ${f.explanation}.`;
  return { key: f.key, severity: 'fail', reason };
}

/** Free bytes on the disk of `dir` (or its nearest existing ancestor); null when it cannot be read. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(existingAncestor(dir));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function diskProblem(dir: string): StorageProblem | null {
  const free = freeBytes(dir);
  if (free === null || free >= MIN_FREE_BYTES) return null;
  return {
    key: 'disk_full',
    severity: 'fail',
    reason: `The disk of ${dir} is full (${Math.floor(free / 1024)} kB free): no case can be stored until space is freed.`,
  };
}

/** Whether encrypted cases exist that need the current key (the database or journal records). */
export function describeExistingCases(paths: Pick<StoragePaths, 'databaseFile' | 'journalDir'>): string | null {
  const parts: string[] = [];
  if (existsSync(paths.databaseFile)) parts.push(`the case database ${paths.databaseFile}`);
  let journalled = 0;
  try {
    journalled = new CaseJournal(paths.journalDir).references().length;
  } catch {
    // an unreadable journal folder is reported by the folder check
  }
  if (journalled > 0) parts.push(`${journalled} case(s) in the case journal ${paths.journalDir}`);
  return parts.length > 0 ? parts.join(' and ') : null;
}

function keyFileProblem(paths: StoragePaths): StorageProblem | null {
  if (!paths.keyFile) return null;
  const file = paths.keyFile;
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    if (codeOf(err) !== 'ENOENT') {
      return { key: 'key_missing', severity: 'fail', reason: `The key file ${file} cannot be read (${codeOf(err)}).` };
    }
    const existing = describeExistingCases(paths);
    if (existing) {
      return {
        key: 'key_missing',
        severity: 'fail',
        reason: `The key file ${file} is missing, but ${existing} was encrypted with it. Restore that key file (from the backup made at installation); a new key cannot read those cases, so none is created.`,
      };
    }
    if (paths.createKeyFile) return null;
    return {
      key: 'key_missing',
      severity: 'fail',
      reason: `The key file ${file} is missing. IT must provision it (openssl rand -base64 32 > ${file}; chmod 600 ${file}).`,
    };
  }
  if (!stat.isFile())
    return { key: 'key_invalid', severity: 'fail', reason: `The key file ${file} is not a regular file.` };
  if (process.platform !== 'win32') {
    const problem = keyFileAccessProblem(stat);
    if (problem)
      return {
        key: 'key_unprotected',
        severity: 'fail',
        reason: `The key file ${file} ${problem}. Fix it with: chmod 600 ${file}`,
      };
  }
  try {
    createKeyFileWrapper({ file, create: false });
  } catch (err) {
    return describeStorageError(err, paths);
  }
  return null;
}

function writableFileProblem(file: string, key: 'audit_unwritable' | 'log_unwritable', what: string) {
  const target = existsSync(file) ? file : path.dirname(file);
  try {
    if (existsSync(target)) accessSync(target, fsConstants.W_OK);
    else return folderProblemAs(path.dirname(file), key, what);
    return null;
  } catch (err) {
    return {
      key,
      severity: 'warn' as const,
      reason: `${what} ${file} cannot be written (${codeOf(err)}).`,
    };
  }
}

function folderProblemAs(dir: string, key: 'audit_unwritable' | 'log_unwritable', what: string): StorageProblem | null {
  const p = folderProblem(dir, `The folder of ${what}`);
  return p ? { ...p, key, severity: 'warn' } : null;
}

/** Reads the database (read-only): damage, a newer schema, a data key the key store cannot unwrap. */
function databaseProblems(paths: StoragePaths, keyWrapper: KeyWrapper | null): StorageProblem[] {
  const file = paths.databaseFile;
  if (!existsSync(file)) return [];
  let damage: string | null;
  try {
    damage = databaseDamage(file);
  } catch (err) {
    return [describeStorageError(err, paths)];
  }
  if (damage) return [describeStorageError(new CaseDatabaseDamagedError(file, damage), paths)];
  const problems: StorageProblem[] = [];
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) throw new NewerDatabaseError(file, version, migrations.length);
    const hasKeyTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_key'").get();
    const wrapped = hasKeyTable
      ? (db.prepare('SELECT kind, wrapped FROM data_key WHERE id = 1').get() as WrappedDataKey | undefined)
      : undefined;
    if (wrapped && keyWrapper) unwrapDataKey(keyWrapper, wrapped, file).fill(0);
    // every journal record must be readable, or its case must be in the database
    const journal = new CaseJournal(paths.journalDir);
    const held = db.prepare('SELECT 1 FROM cases WHERE reference = ?');
    const unaccounted = journal
      .entries()
      .filter((e) => !e.ok && !held.get(e.reference))
      .map((e) => e.reference);
    if (unaccounted.length > 0) problems.push(unaccountedProblem(unaccounted, paths.journalDir));
  } catch (err) {
    problems.push(describeStorageError(err, paths));
  } finally {
    db?.close();
  }
  return problems;
}

export function unaccountedProblem(references: readonly string[], journalDir: string): StorageProblem {
  return {
    key: 'cases_unaccounted',
    severity: 'fail',
    needsRecovery: true,
    reason:
      `${references.length} receipted case(s) cannot be read from the case journal ${journalDir} and are not in the database ` +
      `(${references.slice(0, 10).join(', ')}${references.length > 10 ? ', …' : ''}). ${RECOVERY_ADVICE}; it lists them for follow-up.`,
  };
}

export interface StorageCheckOptions {
  /** Also open the database (read-only): integrity, schema version, data key, journal against database. */
  deep?: boolean;
  /** The key store to unwrap the database's key with in a deep check; default: the key file of `paths`. */
  keyWrapper?: KeyWrapper | undefined;
}

/** Every problem of the case storage (empty: all good). Synchronous and read-only: it writes nothing. */
export function checkCaseStorage(paths: StoragePaths, options: StorageCheckOptions = {}): StorageProblem[] {
  const problems: StorageProblem[] = [];
  const folders = new Map<string, string>([[path.resolve(paths.dataDir), DATA_FOLDER]]);
  const addFolder = (dir: string, what: string): void => {
    if (!folders.has(path.resolve(dir))) folders.set(path.resolve(dir), what);
  };
  addFolder(path.dirname(paths.databaseFile), 'The folder of the case database');
  addFolder(paths.journalDir, 'The case journal folder');
  for (const [dir, what] of folders) {
    const p = folderProblem(dir, what);
    if (p) problems.push(p);
  }
  const disk = diskProblem(paths.dataDir);
  if (disk) problems.push(disk);
  const key = keyFileProblem(paths);
  if (key) problems.push(key);
  if (paths.auditFile) {
    const p = writableFileProblem(paths.auditFile, 'audit_unwritable', 'the staff audit log');
    if (p) problems.push(p);
  }
  if (paths.logDir) {
    const p = existsSync(paths.logDir)
      ? writableFileProblem(path.join(paths.logDir, 'kiosk.log'), 'log_unwritable', 'the kiosk log')
      : folderProblemAs(paths.logDir, 'log_unwritable', 'the kiosk log');
    if (p) problems.push(p);
  }
  if (options.deep && !problems.some((p) => p.key === 'folder_missing')) {
    let wrapper: KeyWrapper | null = options.keyWrapper ?? null;
    if (!wrapper && paths.keyFile && !key && existsSync(paths.keyFile)) {
      wrapper = createKeyFileWrapper({ file: paths.keyFile, create: false });
    }
    problems.push(...databaseProblems(paths, wrapper));
  }
  return problems;
}

/** The kind of key store that wrapped the stored data key ('key-file', 'safeStorage:…'), or null when none is readable. */
export function storedKeyKind(paths: Pick<StoragePaths, 'databaseFile' | 'journalDir'>): string | null {
  if (existsSync(paths.databaseFile)) {
    try {
      const db = new Database(paths.databaseFile, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('SELECT kind FROM data_key WHERE id = 1').get() as { kind: string } | undefined;
        if (row) return row.kind;
      } finally {
        db.close();
      }
    } catch {
      // damaged: the journal may still say
    }
  }
  try {
    for (const entry of new CaseJournal(paths.journalDir).entries()) if (entry.ok) return entry.record.dataKey.kind;
  } catch {
    // no journal
  }
  return null;
}

/**
 * The storage check of `check-config`: the case storage of the kiosk this configuration describes, on
 * this machine, checked deeply (database integrity, data key, journal). A data folder that does not
 * exist here is not checked (the kiosk makes it at first start; the file may be checked elsewhere).
 */
export function checkConfiguredStorage(
  config: {
    dataDir?: string | null | undefined;
    cases: CasesConfigInput;
    log?: { dir?: string | null | undefined } | undefined;
  },
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const dataDir = config.dataDir ? resolveFrom(baseDir, config.dataDir) : defaultDataDir(env);
  if (!existsSync(dataDir)) return [];
  const cases = resolveCasesConfig(casesConfigSchema.parse(config.cases), dataDir);
  const kind = storedKeyKind(cases);
  const paths = storagePathsOf(cases, dataDir, {
    // a data key wrapped by the OS key store (Electron safeStorage) is not checked outside the app
    keyStore: kind !== null && kind !== 'key-file',
    auditFile: path.join(dataDir, AUDIT_FILE),
    logDir: config.log?.dir ? resolveFrom(baseDir, config.log.dir) : path.join(dataDir, 'logs'),
  });
  return checkCaseStorage(paths, { deep: true }).map((p) => `storage: ${p.reason}`);
}

/** Counts the journal's records, for messages ("N receipted cases are kept in the journal"). */
function journalCount(journalDir: string): number {
  try {
    return readdirSync(journalDir).filter((n) => n.endsWith('.case') && !n.startsWith('.')).length;
  } catch {
    return 0;
  }
}

/** An error from opening or using the case storage, as a problem for the out-of-order screen and health. */
export function describeStorageError(err: unknown, paths: StoragePaths): StorageProblem {
  const message = errorMessage(err);
  if (err instanceof KeyFileError) {
    const key =
      err.problem === 'missing' || err.problem === 'unreadable'
        ? 'key_missing'
        : err.problem === 'unprotected'
          ? 'key_unprotected'
          : err.problem === 'wrong_key'
            ? 'key_wrong'
            : 'key_invalid';
    return { key, severity: 'fail', reason: message };
  }
  if (err instanceof DataKeyError) {
    return { key: err.problem === 'unprotected' ? 'key_unprotected' : 'key_wrong', severity: 'fail', reason: message };
  }
  if (err instanceof NewerDatabaseError) return { key: 'database_newer', severity: 'fail', reason: message };
  const reason = storageReason(err);
  const where = paths.dataDir;
  switch (reason) {
    case 'corrupt': {
      const detail = err instanceof CaseDatabaseDamagedError ? err.detail : message.slice(0, 200);
      const kept = journalCount(paths.journalDir);
      return {
        key: 'database_damaged',
        severity: 'fail',
        needsRecovery: true,
        reason:
          `The case database ${paths.databaseFile} is damaged (${detail}). The kiosk takes no cases until it is recovered; ` +
          `${kept} waiting case(s) are kept in the case journal. ${RECOVERY_ADVICE}.`,
      };
    }
    case 'disk_full':
      return {
        key: 'disk_full',
        severity: 'fail',
        reason: `The disk of ${where} is full (${message.slice(0, 160)}): no case can be stored until space is freed.`,
      };
    case 'read_only':
      return {
        key: 'read_only',
        severity: 'fail',
        reason: `The data folder ${where} cannot be written: its file system is read-only (${message.slice(0, 160)}). The disk may have failed (check the system log); the kiosk tries again by itself.`,
      };
    case 'no_access':
      return {
        key: 'folder_read_only',
        severity: 'fail',
        reason: `The kiosk may not write to the data folder ${where} (${message.slice(0, 160)}): check its owner and mode.`,
      };
    case 'io_error':
      return {
        key: 'io_error',
        severity: 'fail',
        reason: `Reading or writing ${where} failed with an I/O error (${message.slice(0, 160)}): the disk may be failing (check the system log).`,
      };
    case 'missing':
      return {
        key: 'folder_missing',
        severity: 'fail',
        reason: `A file or folder of the case storage in ${where} is missing (${message.slice(0, 160)}). Is the data disk mounted?`,
      };
    default:
      return {
        key: 'storage_error',
        severity: 'fail',
        reason: `The case storage in ${where} cannot be used: ${message.slice(0, 240)}`,
      };
  }
}
