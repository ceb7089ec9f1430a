/**
 * Small JSON state files of the staff capability in the data folder (the PIN lockout, the
 * out-of-order switch). Written atomically — a temporary file beside the target, flushed, then
 * renamed over it — so a power cut leaves the old state or the new, never half a file. Mode 0600.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../contract/errors';

export type StateRead =
  { found: false } | { found: true; value: unknown } | { found: true; corrupt: true; error: string };

/** Reads and parses the file; a missing file is `found: false`, unreadable or invalid JSON is `corrupt`. */
export function readStateFile(file: string): StateRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { found: false };
    return { found: true, corrupt: true, error: code ?? String(err) };
  }
  try {
    return { found: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { found: true, corrupt: true, error: errorMessage(err) };
  }
}

/** Replaces the file with `value` as JSON, atomically. Throws when the folder cannot be written. */
export function writeStateFile(file: string, value: unknown): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(value)}\n`);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
