import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaseDatabase } from '../../../../src/core/cases/database';
import { migrations, NewerDatabaseError } from '../../../../src/core/cases/migrations';
import { makeDraft, openTestQueue, recordingLogger, silentLogger, tempDir } from './case-fixtures';

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
    const { db, alerts } = openCaseDatabase({ file, logger: silentLogger() });
    expect(alerts).toEqual([]);
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
    openCaseDatabase({ file, logger: silentLogger() }).db.close();
    // a second open finds user_version current and changes nothing
    const { db } = openCaseDatabase({ file, logger: silentLogger() });
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
    expect(() => openCaseDatabase({ file, logger: silentLogger() })).toThrow(NewerDatabaseError);
    expect(existsSync(file)).toBe(true);
  });

  it('moves a file that is not a database aside (with -wal/-shm), alerts staff and starts fresh', () => {
    const d = dir();
    const file = path.join(d, 'cases.sqlite');
    writeFileSync(file, 'this is not a database, it is a text file that someone copied here by mistake'.repeat(100));
    writeFileSync(`${file}-wal`, 'junk wal');
    writeFileSync(`${file}-shm`, 'junk shm');
    const { logger, lines } = recordingLogger();
    const { db, alerts } = openCaseDatabase({ file, logger, now: () => Date.parse('2025-03-01T10:20:30Z') });
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.kind).toBe('database_corrupt');
    expect(alert?.movedTo).toBe(`${file}.corrupt-20250301T102030Z`);
    expect(readFileSync(alert?.movedTo ?? '', 'utf8')).toMatch(/^this is not a database/);
    expect(readFileSync(`${alert?.movedTo}-wal`, 'utf8')).toBe('junk wal');
    expect(existsSync(`${alert?.movedTo}-shm`)).toBe(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(lines()).toMatch(/corrupt/);
    db.close();
  });

  it('moves aside a database whose integrity_check fails, keeping the damaged file for IT', () => {
    const t = openTestQueue();
    cleanup.push(() => t.cleanup());
    for (let i = 0; i < 200; i++) t.queue.submit(makeDraft());
    t.queue.close();
    // damage pages in the middle of the file (not the header)
    const bytes = readFileSync(t.file);
    expect(bytes.length).toBeGreaterThan(16 * 4096);
    for (let p = 3; p < Math.floor(bytes.length / 4096) - 1; p += 2) bytes.fill(0x41, p * 4096 + 100, p * 4096 + 3000);
    writeFileSync(t.file, bytes);
    const { db, alerts } = openCaseDatabase({ file: t.file, logger: silentLogger() });
    expect(alerts[0]?.kind).toBe('database_corrupt');
    expect(readdirSync(t.dir).some((f) => f.startsWith('cases.sqlite.corrupt-'))).toBe(true);
    expect((db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n).toBe(0);
    db.close();
  });
});
