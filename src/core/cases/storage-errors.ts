/**
 * Which errors are the disk's fault (full, read-only, failing, damaged, gone) rather than the code's,
 * and the short reason the visitor's screen and the staff screen act on. SQLite result codes and Node's
 * errno codes both map here, so the database and the journal report the same way.
 */

export type StorageReason =
  'disk_full' | 'read_only' | 'no_access' | 'io_error' | 'corrupt' | 'missing' | 'busy' | 'closed' | 'storage_error';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function storageReason(err: unknown): StorageReason {
  const c = codeOf(err);
  if (c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT') return 'disk_full';
  if (c.startsWith('SQLITE_READONLY') || c === 'EROFS') return 'read_only';
  if (c === 'EACCES' || c === 'EPERM' || c === 'SQLITE_PERM' || c === 'SQLITE_AUTH') return 'no_access';
  if (c.startsWith('SQLITE_IOERR') || c === 'EIO') return 'io_error';
  if (c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB') return 'corrupt';
  if (c.startsWith('SQLITE_CANTOPEN') || c === 'ENOENT' || c === 'ENOTDIR') return 'missing';
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) return 'busy';
  if (err instanceof TypeError && /not open/.test(err.message)) return 'closed';
  return 'storage_error';
}

/** A failure of the disk or the files on it (as opposed to a bug or bad input). */
export function isStorageError(err: unknown): boolean {
  const reason = storageReason(err);
  return reason !== 'storage_error' && reason !== 'busy' && reason !== 'closed';
}
