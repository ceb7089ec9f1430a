import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CaseDatabaseDamagedError,
  databaseDamage,
  moveDatabaseAside,
  openCaseDatabase,
} from '../../../../src/core/cases/database';
import { migrations, NewerDatabaseError } from '../../../../src/core/cases/migrations';
import { makeDraft, openTestQueue, tempDir } from './case-fixtures';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function dir(): string {
  const t = tempDir();
  cleanup.push(t.remove);
  return t.dir;
}

describe('case database', () => {
  it('opens with WAL, synchronous=FULL, secure_delete, foreign keys and the latest schema', () => {
    const file = path.join(dir(), 'cases.sqlite');
    const db = openCaseDatabase({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('runs only the migrations a database has not had', () => {
    const file = path.join(dir(), 'cases.sqlite');
    openCaseDatabase({ file }).close();
    // a second open finds user_version current and changes nothing
    const db = openCaseDatabase({ file });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect((db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'cases'").get() as { n: number }).n).toBe(
      1,
    );
    db.close();
  });

  it('refuses a database from a newer kiosk version instead of touching it', () => {
    const file = path.join(dir(), 'cases.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openCaseDatabase({ file })).toThrow(NewerDatabaseError);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a file that is not a database, changing nothing (no fresh database over it)', () => {
    const d = dir();
    const file = path.join(d, 'cases.sqlite');
    writeFileSync(file, 'this is not a database, it is a text file that someone copied here by mistake'.repeat(100));
    writeFileSync(`${file}-wal`, 'junk wal');
    writeFileSync(`${file}-shm`, 'junk shm');
    expect(() => openCaseDatabase({ file })).toThrow(CaseDatabaseDamagedError);
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
    expect(readFileSync(`${file}-wal`, 'utf8')).toBe('junk wal');
    expect(readdirSync(d).sort()).toEqual(['cases.sqlite', 'cases.sqlite-shm', 'cases.sqlite-wal']);
    expect(databaseDamage(file)).toMatch(/not a database|malformed/);
  });

  it('refuses a database whose integrity_check fails, and moveDatabaseAside keeps the damaged file for IT', () => {
    const t = openTestQueue();
    cleanup.push(() => t.cleanup());
    for (let i = 0; i < 200; i++) t.queue.submit(makeDraft());
    t.queue.close();
    // damage pages in the middle of the file (not the header)
    const bytes = readFileSync(t.file);
    expect(bytes.length).toBeGreaterThan(16 * 4096);
    for (let p = 3; p < Math.floor(bytes.length / 4096) - 1; p += 2) bytes.fill(0x41, p * 4096 + 100, p * 4096 + 3000);
    writeFileSync(t.file, bytes);
    let error: unknown;
    try {
      openCaseDatabase({ file: t.file });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CaseDatabaseDamagedError);
    expect((error as CaseDatabaseDamagedError).detail).toMatch(/integrity_check|malformed/);
    expect(readFileSync(t.file).equals(bytes)).toBe(true);
    const movedTo = moveDatabaseAside(t.file, new Date('2025-03-01T10:20:30Z'));
    expect(movedTo).toBe(`${t.file}.damaged-20250301T102030Z`);
    expect(readFileSync(movedTo).equals(bytes)).toBe(true);
    expect(existsSync(t.file)).toBe(false);
  });
});
