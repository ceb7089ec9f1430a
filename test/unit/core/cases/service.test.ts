import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { casesEvents, casesMethods } from '../../../../src/contract/namespaces/cases';
import { DataKeyError } from '../../../../src/core/cases/data-key';
import { createCaseService, type CaseService, type CaseServiceOptions } from '../../../../src/core/cases/service';
import { startReceiver, type Receiver } from '../../../../src/simulators/receiver/server';
import { makeDraft, silentLogger, tempDir } from './case-fixtures';

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

function dataDir(): string {
  const t = tempDir('kk-service-');
  open.push({ close: t.remove });
  return t.dir;
}

interface Event {
  event: string;
  payload: unknown;
}

function service(options: Partial<CaseServiceOptions> & { dataDir: string }): { s: CaseService; events: Event[] } {
  const events: Event[] = [];
  const s = createCaseService({
    config: {},
    logger: silentLogger(),
    emit: (event, payload) => {
      // every event must satisfy the contract
      casesEvents[event].parse(payload);
      events.push({ event, payload });
    },
    ...options,
  });
  open.push(s);
  return { s, events };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function call<M extends keyof typeof casesMethods>(s: CaseService, m: M, input: unknown): Promise<unknown> {
  const spec = casesMethods[m];
  const handler = s.handlers[m] as (i: unknown) => Promise<unknown>;
  return spec.output.parse(await handler(spec.input.parse(input)));
}

describe('case service', () => {
  it('works with an empty config: key file 0600, cases delivered into <dataDir>/outbox, events sent', async () => {
    const dir = dataDir();
    const { s, events } = service({ dataDir: dir });
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'cases.key')).mode & 0o777).toBe(0o600);
    const receipt = s.queue.submit(makeDraft());
    await until(() => s.queue.status(receipt.reference) === 'delivered', 'delivered into the outbox');
    expect(readdirSync(path.join(dir, 'outbox'))).toEqual([receipt.reference]);
    expect(events).toEqual([
      { event: 'cases.changed', payload: { reference: receipt.reference, status: 'stored' } },
      { event: 'cases.changed', payload: { reference: receipt.reference, status: 'delivered' } },
    ]);
    expect(await call(s, 'cases.status', { reference: receipt.reference.toLowerCase() })).toEqual({
      status: 'delivered',
    });
    expect(await call(s, 'cases.stats', {})).toMatchObject({
      counts: { delivered: 1, stored: 0 },
      waiting: 0,
      oldestWaiting: null,
      targets: { local: true },
    });
  });

  it('staff see a refused case as a dead letter, retry it once the receiver is fixed, or discard it', async () => {
    const dir = dataDir();
    const receiver: Receiver = await startReceiver({
      dir: path.join(dir, 'received'),
      faults: [{ kind: 'status', status: 422 }],
    });
    open.push(receiver);
    const { s } = service({
      dataDir: dir,
      config: { delivery: { targets: { kommun: { type: 'https', url: receiver.casesUrl } } } },
    });
    const a = s.queue.submit(makeDraft({ deliveryTarget: 'kommun' }));
    const b = s.queue.submit(makeDraft());
    await until(() => s.queue.stats().deadLetters === 2, 'two dead letters');
    // staff reach these through staff mode (staff.overview / staff.retry / staff.discard), on the queue
    const dead = s.queue.deadLetters();
    expect(dead.map((d) => d.reference)).toEqual([a.reference, b.reference]);
    expect(dead[0]?.reason).toBe('receiver refused the case: HTTP 422 (injected_fault)');
    expect(await call(s, 'cases.status', { reference: a.reference })).toEqual({ status: 'dead_letter' });

    receiver.setFaults([]);
    expect(s.queue.retry(a.reference, 'staff-anna')).toBe('stored');
    await until(() => s.queue.status(a.reference) === 'delivered', 'delivered after retry');
    expect(s.queue.discard(b.reference, 'staff-anna')).toBe('unknown');
    expect(receiver.stored().map((r) => r.reference)).toEqual([a.reference]);
    expect(() => s.queue.discard(a.reference, 'staff-anna')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('refuses a key store that does not protect, and a key file that is not this database’s', async () => {
    const dir = dataDir();
    expect(() =>
      service({
        dataDir: dir,
        keyWrapper: { kind: 'safeStorage:basic_text', protects: false, wrap: (k) => k, unwrap: (b) => b },
      }),
    ).toThrow(/does not protect/);

    const first = service({ dataDir: dir });
    const ref = first.s.queue.submit(makeDraft({ deliveryTarget: 'local' })).reference;
    await first.s.close();
    const keyFile = path.join(dir, 'cases.key');
    const original = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const dbBefore = readFileSync(path.join(dir, 'cases.sqlite'));
    expect(() => service({ dataDir: dir })).toThrow(DataKeyError);
    expect(readFileSync(path.join(dir, 'cases.sqlite')).equals(dbBefore)).toBe(true);
    writeFileSync(keyFile, original, { mode: 0o600 });
    expect(service({ dataDir: dir, startWorker: false }).s.queue.status(ref)).not.toBe('unknown');
  });

  it('an IT-provisioned key file must exist (createKeyFile: false)', () => {
    const dir = dataDir();
    expect(() => service({ dataDir: dir, config: { createKeyFile: false } })).toThrow(
      /key file .*cases\.key is missing/,
    );
    expect(existsSync(path.join(dir, 'cases.sqlite'))).toBe(false);
  });

  it('a database that is not a database: no fresh one is made; tolerant start is out of order with the reason and the recovery', () => {
    const dir = dataDir();
    const file = path.join(dir, 'cases.sqlite');
    service({ dataDir: dir, startWorker: false }).s.queue.close();
    for (const f of readdirSync(dir).filter((n) => n.startsWith('cases.sqlite'))) rmSync(path.join(dir, f));
    writeFileSync(file, Buffer.alloc(8192, 0x42));
    expect(() => service({ dataDir: dir, startWorker: false })).toThrow(/damaged/);
    const { s } = service({ dataDir: dir, startWorker: false, tolerateStorageFaults: true });
    expect(s.queue.isOpen).toBe(false);
    const problems = s.storage.problems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'database_damaged', severity: 'fail', needsRecovery: true });
    expect(problems[0]!.reason).toContain(`The case database ${file} is damaged`);
    expect(problems[0]!.reason).toMatch(/--recover-cases/);
    expect(problems[0]!.reason).not.toMatch(/\n\s+at /); // no stack trace
    // nothing moved aside, nothing created in its place
    expect(readFileSync(file).equals(Buffer.alloc(8192, 0x42))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('cases.sqlite'))).toEqual(['cases.sqlite']);
    expect(() => s.queue.submit(makeDraft())).toThrow(expect.objectContaining({ code: 'storage_failed' }));
  });

  it('a missing key file beside an existing database: "the key file is missing", and no new key is written', () => {
    const dir = dataDir();
    const first = service({ dataDir: dir, startWorker: false }).s;
    const ref = first.queue.submit(makeDraft()).reference;
    first.queue.close();
    const keyFile = path.join(dir, 'cases.key');
    const key = readFileSync(keyFile);
    rmSync(keyFile);
    expect(() => service({ dataDir: dir, startWorker: false })).toThrow(
      new RegExp(`key file ${keyFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is missing, but the case database`),
    );
    expect(existsSync(keyFile)).toBe(false);
    const { s } = service({ dataDir: dir, startWorker: false, tolerateStorageFaults: true });
    expect(s.storage.problems()).toEqual([expect.objectContaining({ key: 'key_missing' })]);
    expect(existsSync(keyFile)).toBe(false);
    // IT restores the key file: the next check connects, nothing was lost
    writeFileSync(keyFile, key, { mode: 0o600 });
    s.storage.check();
    expect(s.storage.problems()).toEqual([]);
    expect(s.queue.status(ref)).toBe('stored');
  });

  it('a case that lost its database row (a deleted WAL) is restored from the journal at the next start', () => {
    const dir = dataDir();
    const first = service({ dataDir: dir, startWorker: false }).s;
    const kept = first.queue.submit(makeDraft()).reference;
    const lost = first.queue.submit(makeDraft()).reference;
    first.queue.close();
    // the database forgets the second case, as if the WAL holding it had been deleted
    const db = new Database(path.join(dir, 'cases.sqlite'));
    db.prepare('DELETE FROM cases WHERE reference = ?').run(lost);
    db.close();
    const { s } = service({ dataDir: dir, startWorker: false });
    expect(s.reconciled?.restored).toEqual([lost]);
    expect(s.queue.status(lost)).toBe('stored');
    expect(s.queue.status(kept)).toBe('stored');
    expect(s.storage.notices()).toEqual([expect.objectContaining({ key: 'cases_restored' })]);
    expect(s.storage.problems()).toEqual([]);
  });
});
