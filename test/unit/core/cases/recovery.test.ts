/**
 * The recovery on real SQLite files damaged the ways disks damage them: every case that can be read
 * (from the journal or what is left of the database) goes back in line, the rest is listed by
 * reference, the damaged file is kept, and nothing about a visitor is written in the report.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveCasesConfig, casesConfigSchema } from '../../../../src/core/cases/config';
import { createKeyFileWrapper } from '../../../../src/core/cases/key-file-wrapper';
import { recoverCases } from '../../../../src/core/cases/recovery';
import { runCaseRecovery } from '../../../../src/core/cases/recovery-command';
import { createCaseService } from '../../../../src/core/cases/service';
import { parseConfig } from '../../../../src/core/config/load-config';
import { makeDraft, silentLogger, tempDir } from './case-fixtures';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const PAGE = 4096;

/** A data folder with `n` waiting cases, closed again. */
function kioskWith(n: number): { dataDir: string; refs: string[]; db: string; journalDir: string } {
  const t = tempDir('kk-recovery-');
  cleanup.push(t.remove);
  const s = createCaseService({
    config: {},
    dataDir: t.dir,
    logger: silentLogger(),
    emit: () => {},
    startWorker: false,
  });
  const refs = Array.from({ length: n }, () => s.queue.submit(makeDraft()).reference);
  s.queue.close();
  return { dataDir: t.dir, refs, db: path.join(t.dir, 'cases.sqlite'), journalDir: path.join(t.dir, 'cases-journal') };
}

function recover(dataDir: string): ReturnType<typeof recoverCases> {
  const config = resolveCasesConfig(casesConfigSchema.parse({}), dataDir);
  return recoverCases({
    config,
    dataDir,
    keyWrapper: createKeyFileWrapper({ file: config.keyFile, create: false }),
    logger: silentLogger(),
  });
}

function statusAfter(dataDir: string, refs: string[]): string[] {
  const s = createCaseService({ config: {}, dataDir, logger: silentLogger(), emit: () => {}, startWorker: false });
  try {
    return refs.map((r) => s.queue.status(r));
  } finally {
    s.queue.close();
  }
}

/** The page number of a table's or index's root, so a test can damage exactly that structure. */
function rootPage(file: string, name: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number }).rootpage;
  } finally {
    db.close();
  }
}

function damagePages(file: string, from: number, to = Infinity): void {
  const bytes = readFileSync(file);
  for (let p = from; p < Math.min(to, bytes.length / PAGE); p++) bytes.fill(0x5a, (p - 1) * PAGE, p * PAGE);
  writeFileSync(file, bytes);
}

describe('recovery', () => {
  it('a truncated database: every case comes back from the journal, the damaged file is kept aside', () => {
    const k = kioskWith(12);
    const bytes = readFileSync(k.db);
    writeFileSync(k.db, bytes.subarray(0, Math.floor(bytes.length / PAGE / 2) * PAGE));
    const report = recover(k.dataDir);
    expect(report.database).toBe('damaged');
    expect(report.movedTo).toMatch(/cases\.sqlite\.damaged-\d{8}T\d{6}Z$/);
    expect(existsSync(report.movedTo!)).toBe(true);
    expect(report.recovered.map((r) => r.reference).sort()).toEqual([...k.refs].sort());
    expect(report.unrecoverable).toEqual([]);
    expect(statusAfter(k.dataDir, k.refs)).toEqual(k.refs.map(() => 'stored'));
  });

  it('cases without journal records are salvaged from what is left of the database', () => {
    const k = kioskWith(8);
    for (const f of readdirSync(k.journalDir)) if (f.endsWith('.case')) writeFileSync(path.join(k.journalDir, f), '');
    // an index page is damaged: integrity_check fails, the table itself can still be read
    damagePages(k.db, rootPage(k.db, 'cases_by_status_next'), rootPage(k.db, 'cases_by_status_next') + 1);
    const report = recover(k.dataDir);
    expect(report.database).toBe('damaged');
    expect(report.recovered).toHaveLength(8);
    expect(report.recovered.every((r) => r.from === 'database')).toBe(true);
    expect(report.unrecoverable).toEqual([]);
    expect(statusAfter(k.dataDir, k.refs)).toEqual(k.refs.map(() => 'stored'));
  });

  it('a case neither copy can give back is listed by reference, its record set aside; exit code 3', async () => {
    const k = kioskWith(5);
    damagePages(k.db, 2); // every page but the header: nothing can be salvaged from the database
    const lost = k.refs[2]!;
    writeFileSync(path.join(k.journalDir, `${lost}.case`), 'not a record any more');
    const lines: string[] = [];
    const code = await runCaseRecovery({
      config: parseConfig(`dataDir: ${JSON.stringify(k.dataDir)}\n`, null),
      defaultDataDir: k.dataDir,
      deliver: false,
      logger: silentLogger(),
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(3);
    const text = lines.join('\n');
    expect(text).toContain('recovered and queued for delivery: 4 (4 from the journal, 0 from the damaged database)');
    expect(text).toContain('unrecoverable: 1');
    expect(text).toMatch(
      new RegExp(`^  ${lost}  its journal record checksum mismatch|^  ${lost}  its journal record`, 'm'),
    );
    expect(existsSync(path.join(k.journalDir, 'unreadable', `${lost}.case`))).toBe(true);
    const reportFile = readdirSync(k.dataDir).find((f) => f.startsWith('recovery-'))!;
    const written = readFileSync(path.join(k.dataDir, reportFile), 'utf8');
    expect(written).toContain(lost);
    // references and reasons only: nothing about a visitor
    expect(written).not.toMatch(/Astrid|19811218|Storgatan/);
    expect(statusAfter(k.dataDir, k.refs)).toEqual(k.refs.map((r) => (r === lost ? 'unknown' : 'stored')));
  });

  it('a missing key file is named and nothing is changed', async () => {
    const k = kioskWith(2);
    const keyFile = path.join(k.dataDir, 'cases.key');
    const key = readFileSync(keyFile);
    writeFileSync(keyFile, ''); // emptied by mistake
    const before = readdirSync(k.dataDir).sort();
    const errors: string[] = [];
    const code = await runCaseRecovery({
      config: parseConfig(`dataDir: ${JSON.stringify(k.dataDir)}\n`, null),
      defaultDataDir: k.dataDir,
      deliver: false,
      logger: silentLogger(),
      out: () => {},
      err: (l) => errors.push(l),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/key file .*cases\.key does not hold a 32-byte key/);
    expect(errors.join('\n')).toContain('Nothing was deleted.');
    expect(readdirSync(k.dataDir).sort()).toEqual(before);
    writeFileSync(keyFile, key);
  });

  it('recovered cases are delivered by the command', async () => {
    const k = kioskWith(3);
    damagePages(k.db, 2);
    const lines: string[] = [];
    const code = await runCaseRecovery({
      config: parseConfig(`dataDir: ${JSON.stringify(k.dataDir)}\n`, null),
      defaultDataDir: k.dataDir,
      deliverTimeoutMs: 20_000,
      logger: silentLogger(),
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('delivered: 3; still waiting: 0');
    expect(readdirSync(path.join(k.dataDir, 'outbox')).filter((f) => !f.startsWith('.'))).toHaveLength(3);
    expect(statusAfter(k.dataDir, k.refs)).toEqual(k.refs.map(() => 'delivered'));
  });
});
