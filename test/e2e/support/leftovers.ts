/**
 * Searches folders for what a visitor typed: every file (logs, SQLite databases with their -wal and
 * -shm files, anything else), read as bytes, for each needle in UTF-8 and UTF-16LE. Used to prove that
 * the paper route leaves nothing about the visitor on the kiosk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Leftover {
  file: string;
  needle: string;
}

const MAX_FILES = 5000;

/** Every regular file under the folders (symbolic links are not followed). */
export function filesUnder(...dirs: string[]): string[] {
  const out: string[] = [];
  const queue = [...dirs];
  while (queue.length > 0 && out.length < MAX_FILES) {
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) queue.push(full);
      else if (e.isFile()) out.push(full);
    }
  }
  return out;
}

/** Where any of the needles occurs in any file under the folders. */
export function findLeftovers(dirs: string[], needles: string[]): Leftover[] {
  const patterns = needles.flatMap((needle) => [
    { needle, bytes: Buffer.from(needle, 'utf8') },
    { needle, bytes: Buffer.from(needle, 'utf16le') },
  ]);
  const found: Leftover[] = [];
  for (const file of filesUnder(...dirs)) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    for (const p of patterns) {
      if (data.includes(p.bytes) && !found.some((f) => f.file === file && f.needle === p.needle))
        found.push({ file, needle: p.needle });
    }
  }
  return found;
}
