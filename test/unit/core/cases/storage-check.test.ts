/**
 * The one storage check (start-up, health, check-config): each fault a precise line for IT — what,
 * where, what to do — never a stack trace, and a fresh machine is no problem.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { casesConfigSchema, resolveCasesConfig } from '../../../../src/core/cases/config';
import { createCaseService } from '../../../../src/core/cases/service';
import { checkCaseStorage, storagePathsOf, type StoragePaths } from '../../../../src/core/cases/storage-check';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { makeDraft, silentLogger, tempDir } from './case-fixtures';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function dir(): string {
  const t = tempDir('kk-storage-');
  cleanup.push(t.remove);
  return t.dir;
}

function pathsIn(dataDir: string, cases: object = {}): StoragePaths {
  return storagePathsOf(resolveCasesConfig(casesConfigSchema.parse(cases), dataDir), dataDir);
}

function withCases(dataDir: string): void {
  const s = createCaseService({ config: {}, dataDir, logger: silentLogger(), emit: () => {}, startWorker: false });
  s.queue.submit(makeDraft());
  s.queue.close();
}

const noStack = /\n\s+at /;

describe('case storage check', () => {
  it('a fresh machine (nothing there yet, the folder can be made) has no problem', () => {
    expect(checkCaseStorage(pathsIn(path.join(dir(), 'data')), { deep: true })).toEqual([]);
  });

  it('a data folder that is a file names dataDir, the path and the error', () => {
    const blocker = path.join(dir(), 'blocker');
    writeFileSync(blocker, 'x');
    const problems = checkCaseStorage(pathsIn(path.join(blocker, 'data')));
    expect(problems[0]).toMatchObject({ key: 'folder_missing', severity: 'fail' });
    expect(problems[0]!.reason).toMatch(
      /^dataDir is ".*blocker\/data"; expected a folder the kiosk can write to \(ENOTDIR/,
    );
  });

  it('a missing key file beside an existing database: "is missing, but the case database … was encrypted with it"', () => {
    const d = dir();
    withCases(d);
    rmSync(path.join(d, 'cases.key'));
    const problems = checkCaseStorage(pathsIn(d));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'key_missing', severity: 'fail' });
    expect(problems[0]!.reason).toContain(
      `The key file ${path.join(d, 'cases.key')} is missing, but the case database ${path.join(d, 'cases.sqlite')} and 1 case(s) in the case journal`,
    );
    expect(problems[0]!.reason).toContain('a new key cannot read those cases, so none is created');
  });

  it('an IT-provisioned key file that is missing, with no cases yet: IT must provision it', () => {
    const problems = checkCaseStorage(pathsIn(dir(), { createKeyFile: false }));
    expect(problems[0]!.reason).toMatch(/key file .*cases\.key is missing\. IT must provision it \(openssl rand/);
  });

  it('deep: a wrong key, a damaged database, an unreadable journal record — each named, none a stack trace', () => {
    const d = dir();
    withCases(d);
    const keyFile = path.join(d, 'cases.key');
    const key = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const wrong = checkCaseStorage(pathsIn(d), { deep: true });
    expect(wrong).toEqual([expect.objectContaining({ key: 'key_wrong', severity: 'fail' })]);
    expect(wrong[0]!.reason).toMatch(/is not the key this database was created with/);
    writeFileSync(keyFile, key, { mode: 0o600 });

    const journal = path.join(d, 'cases-journal');
    const [record] = readdirSync(journal);
    writeFileSync(path.join(d, 'cases.sqlite'), Buffer.alloc(8192, 0x42));
    rmSync(path.join(d, 'cases.sqlite-wal'), { force: true });
    const damaged = checkCaseStorage(pathsIn(d), { deep: true });
    expect(damaged).toEqual([expect.objectContaining({ key: 'database_damaged', needsRecovery: true })]);
    expect(damaged[0]!.reason).toMatch(
      /is damaged .* 1 waiting case\(s\) are kept in the case journal\. Stop the kiosk and run the recovery: kommunkiosk --recover-cases/,
    );
    for (const p of [...wrong, ...damaged]) expect(p.reason).not.toMatch(noStack);
    expect(record).toMatch(/\.case$/);
  });

  it('check-config reports the storage of the kiosk it describes, and skips a data folder not on this machine', () => {
    const d = dir();
    withCases(d);
    writeFileSync(path.join(d, 'cases.sqlite'), Buffer.alloc(8192, 0x42));
    const config = path.join(d, 'config.yaml');
    writeFileSync(config, `mode: demo\ndataDir: ${JSON.stringify(d)}\n`);
    const bad = checkConfigFile(config);
    expect(bad.ok).toBe(false);
    expect(bad.lines.join('\n')).toMatch(/storage: The case database .*cases\.sqlite is damaged/);

    const elsewhere = path.join(dir(), 'elsewhere.yaml');
    mkdirSync(path.join(path.dirname(elsewhere), 'x'));
    writeFileSync(elsewhere, `mode: demo\ndataDir: /nonexistent/kommunkiosk-${process.pid}\n`);
    expect(checkConfigFile(elsewhere)).toMatchObject({ ok: true });
  });
});
