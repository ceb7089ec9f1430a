/**
 * Bad input from the outside world, with real parts: a receiver process that fails in every way it
 * can, a receiver that goes away and comes back, a wrong key file, a disk that fills up.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../src/contract/errors';
import type { CaseDraft } from '../../src/core/cases/case-draft';
import { createCaseService, type CaseService, type CaseServiceOptions } from '../../src/core/cases/service';
import { createLogger } from '../../src/core/log/logger';
import { startReceiver } from '../../src/simulators/receiver/server';
import { answer } from '../unit/core/cases/case-fixtures';
import { receivedCases, startQueueOwner, startReceiverProcess, until, type ReceiverProcess } from './case-processes';

const work = mkdtempSync(path.join(tmpdir(), 'kk-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

let n = 0;
function draft(extra: Partial<CaseDraft> = {}): CaseDraft {
  n += 1;
  return {
    flowId: 'felanmalan',
    flowVersion: 2,
    flowTitle: { sv: 'Felanmälan', en: 'Report a fault' },
    classification: null,
    startedAt: null,
    submittedAt: new Date(),
    language: 'sv',
    kioskId: 'kiosk-faults',
    answers: [answer('text', `Trasig gatlykta nummer ${n}`)],
    identification: null,
    assistedBy: null,
    documents: [],
    ...extra,
  };
}

function service(dataDir: string, url: string, extra: Partial<CaseServiceOptions> = {}): CaseService {
  const s = createCaseService({
    dataDir,
    config: {
      backoff: { baseMs: 100, capMs: 300 },
      delivery: { probeIntervalMs: 500, targets: { kommun: { type: 'https', url, timeoutMs: 1000 } } },
    },
    logger: createLogger({ level: 'silent' }).logger,
    emit: () => {},
    ...extra,
  });
  cleanups.push(() => s.close());
  return s;
}

async function receiverProcess(dir: string, args: string[] = []): Promise<ReceiverProcess> {
  const r = await startReceiverProcess(dir, args);
  cleanups.push(() => r.stop());
  return r;
}

describe('delivery through a receiver process that fails in every way', () => {
  it('500s, 503 with Retry-After, a reset, a hang, garbage, a captive portal, lost acks, slow answers: each case arrives once', async () => {
    const dir = path.join(work, 'every-fault');
    const faults = [
      { kind: 'status', status: 500, times: 2 },
      { kind: 'reset', times: 1 },
      { kind: 'hang', times: 1 },
      { kind: 'garbage', times: 1 },
      { kind: 'wrong_content_type', times: 1 },
      { kind: 'ack_lost', times: 2 },
      { kind: 'status', status: 503, retryAfter: '1', times: 1 },
      { kind: 'slow', delayMs: 300, times: 2 },
    ].map((f) => JSON.stringify(f));
    const receiver = await receiverProcess(
      path.join(dir, 'received'),
      faults.flatMap((f) => ['--fault', f]),
    );
    const s = service(path.join(dir, 'kiosk'), receiver.url);
    const refs = Array.from({ length: 8 }, () => s.queue.submit(draft()).reference);
    await until(() => refs.every((r) => s.queue.status(r) === 'delivered'), 'all delivered', 1000);
    const received = receivedCases(path.join(dir, 'received'));
    expect(received.map((r) => r.reference).sort()).toEqual([...refs].sort());
    const stats = (await (await fetch(`${receiver.base}/_control/stats`)).json()) as {
      counters: { faults: number; duplicates: number };
    };
    expect(stats.counters.faults).toBe(11);
    expect(stats.counters.duplicates).toBeGreaterThanOrEqual(2); // the lost acknowledgements were sent again
  });

  it('a receiver that only ever answers a captive-portal page: the case stays stored with a clear reason, nothing is lost', async () => {
    const dir = path.join(work, 'portal');
    const receiver = await receiverProcess(path.join(dir, 'received'), ['--fault', '{"kind":"wrong_content_type"}']);
    const s = service(path.join(dir, 'kiosk'), receiver.url);
    const ref = s.queue.submit(draft()).reference;
    await until(() => (s.queue.stats().oldestWaiting?.attempts ?? 0) >= 3, 'three attempts');
    expect(s.queue.status(ref)).toBe('stored');
    expect(s.queue.stats().oldestWaiting?.lastError).toMatch(
      /content type "text\/html.*not taken as an acknowledgement/,
    );
    await receiver.setFaults([]);
    await until(() => s.queue.status(ref) === 'delivered', 'delivered once the portal is gone', 1000);
  });

  it('a receiver that refuses a case (HTTP 422) makes it a dead letter, kept encrypted for staff', async () => {
    const dir = path.join(work, 'refused');
    const receiver = await receiverProcess(path.join(dir, 'received'), [
      '--fault',
      '{"kind":"status","status":422,"times":1}',
    ]);
    const s = service(path.join(dir, 'kiosk'), receiver.url);
    const ref = s.queue.submit(draft()).reference;
    await until(() => s.queue.status(ref) === 'dead_letter', 'dead letter');
    expect(s.queue.deadLetters()[0]).toMatchObject({
      reference: ref,
      reason: 'receiver refused the case: HTTP 422 (injected_fault)',
    });
    s.queue.retry(ref, 'staff-1');
    await until(() => s.queue.status(ref) === 'delivered', 'delivered after the retry');
  });

  it('the receiver goes away: the target is paused; it comes back on the same port: delivery resumes promptly', async () => {
    const dir = path.join(work, 'away');
    const first = await receiverProcess(path.join(dir, 'received'));
    const port = new URL(first.url).port;
    await first.stop();
    const s = service(path.join(dir, 'kiosk'), first.url);
    const refs = Array.from({ length: 3 }, () => s.queue.submit(draft()).reference);
    await until(() => s.worker.state().targets.kommun === false, 'target paused');
    const attemptsWhilePaused = s.queue.stats().oldestWaiting?.attempts;
    await receiverProcess(path.join(dir, 'received'), ['--port', port]);
    s.worker.nudge(); // the OS reports the network back
    await until(
      () => refs.every((r) => s.queue.status(r) === 'delivered'),
      'delivered after the receiver came back',
      1000,
    );
    expect(attemptsWhilePaused).toBe(1);
    expect(receivedCases(path.join(dir, 'received'))).toHaveLength(3);
  });
});

describe('a wrong key', () => {
  it('the queue owner refuses to start with a clear error naming the key file, and nothing is lost', async () => {
    const dir = path.join(work, 'wrong-key');
    const dataDir = path.join(dir, 'kiosk');
    const receiver = await receiverProcess(path.join(dir, 'received'), ['--fault', '{"kind":"hang"}']);
    const run = startQueueOwner({
      dataDir,
      receiverUrl: receiver.url,
      enqueue: true,
      seqStart: 0,
      pauseMs: 5,
      maxMs: 20_000,
    });
    await run.ready;
    await until(() => run.acks.length >= 5, 'five cases acknowledged');
    run.child.kill('SIGKILL');
    await run.exited;
    const acked = [...run.acks];

    const keyFile = path.join(dataDir, 'cases.key');
    const original = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    const files = () => readdirSync(dataDir).sort();
    const before = files();
    const refused = startQueueOwner({
      dataDir,
      receiverUrl: receiver.url,
      enqueue: false,
      seqStart: 0,
      pauseMs: 5,
      maxMs: 5000,
    });
    expect(await refused.exited).toBe(3);
    expect(refused.stderr()).toMatch(
      new RegExp(`${keyFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not the key this database was created with`),
    );
    expect(refused.stderr()).toMatch(/Nothing was deleted/);
    expect(files()).toEqual(before);

    writeFileSync(keyFile, original, { mode: 0o600 });
    await receiver.setFaults([]);
    const s = service(dataDir, receiver.url);
    await until(
      () => acked.every((a) => s.queue.status(a.reference) === 'delivered'),
      'all delivered with the right key',
      1000,
    );
  });
});

/** Whether this machine lets the test mount a small tmpfs (root on Linux); otherwise the test is skipped. */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'kk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMountTmpfs())('a real full disk and a read-only disk (a small tmpfs; needs root)', () => {
  it('a submission on a full disk fails with storage_failed, nothing half-written, every acknowledged case survives', async () => {
    const mountPoint = path.join(work, 'small-disk');
    mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', mountPoint]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mountPoint]);
    });
    const dataDir = path.join(mountPoint, 'kiosk');
    const receiverDir = path.join(work, 'small-disk-received');
    const receiver = await startReceiver({ dir: receiverDir });
    cleanups.push(() => receiver.close());

    const s = createCaseService({
      dataDir,
      config: { delivery: { targets: { kommun: { type: 'https', url: receiver.casesUrl, timeoutMs: 1000 } } } },
      logger: createLogger({ level: 'silent' }).logger,
      emit: () => {},
      startWorker: false,
    });
    const acked: string[] = [];
    let failure: unknown;
    for (let i = 0; i < 200 && failure === undefined; i++) {
      try {
        acked.push(
          s.queue.submit(
            draft({
              documents: [{ name: 'a.pdf', kind: 'case', mediaType: 'application/pdf', bytes: randomBytes(60_000) }],
            }),
          ).reference,
        );
      } catch (err) {
        failure = err;
      }
    }
    expect(failure).toBeInstanceOf(KioskFailure);
    expect((failure as KioskFailure).code).toBe('storage_failed');
    expect((failure as KioskFailure).extra.reason).toBe('disk_full');
    expect(acked.length).toBeGreaterThan(5);
    expect(s.queue.stats().waiting).toBe(acked.length);
    expect(s.queue.integrityCheck()).toBe('ok');
    // a second try on the still-full disk fails the same clean way
    expect(() =>
      s.queue.submit(
        draft({
          documents: [{ name: 'a.pdf', kind: 'case', mediaType: 'application/pdf', bytes: randomBytes(60_000) }],
        }),
      ),
    ).toThrow(KioskFailure);
    await s.close();

    // read-only at start: a clear error, nothing moved aside
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const filesBefore = readdirSync(dataDir).sort();
    expect(() =>
      createCaseService({
        dataDir,
        config: {},
        logger: createLogger({ level: 'silent' }).logger,
        emit: () => {},
        startWorker: false,
      }),
    ).toThrow();
    expect(readdirSync(dataDir).sort()).toEqual(filesBefore);

    // space again: everything acknowledged is there and goes out
    execFileSync('mount', ['-o', 'remount,rw,size=32m', mountPoint]);
    const again = createCaseService({
      dataDir,
      config: {
        backoff: { baseMs: 100, capMs: 300 },
        delivery: { targets: { kommun: { type: 'https', url: receiver.casesUrl, timeoutMs: 1000 } } },
      },
      logger: createLogger({ level: 'silent' }).logger,
      emit: () => {},
    });
    cleanups.push(() => again.close());
    expect(again.storage.problems()).toEqual([]);
    await until(() => acked.every((r) => again.queue.status(r) === 'delivered'), 'all delivered', 1000);
    expect(receiver.stored()).toHaveLength(acked.length);
    const db = new Database(path.join(dataDir, 'cases.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
