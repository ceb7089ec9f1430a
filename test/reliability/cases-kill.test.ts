/**
 * kill -9 of the process that owns the case queue, at random moments during enqueue and delivery,
 * 50 times in a row, against a real receiver process: no case whose receipt was shown is lost, none
 * is stored twice at the receiver, and the database stays intact and encrypted.
 *
 * The kill moments come from a seeded PRNG (seed in KK_KILL_SEED, printed on failure).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../../src/core/cases/service';
import { createLogger } from '../../src/core/log/logger';
import {
  receivedCases,
  seededRandom,
  startQueueOwner,
  startReceiverProcess,
  until,
  type ReceiverProcess,
} from './case-processes';

const KILLS = 50;
const seed = Number(process.env.KK_KILL_SEED ?? 20_250_301);

const work = mkdtempSync(path.join(tmpdir(), 'kk-kill-'));
const dataDir = path.join(work, 'kiosk');
const receiverDir = path.join(work, 'received');
const databaseFile = path.join(dataDir, 'cases.sqlite');
let receiver: ReceiverProcess | undefined;

afterAll(async () => {
  await receiver?.stop();
  rmSync(work, { recursive: true, force: true });
});

function checkDatabase(): { integrity: string; references: Set<string> } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const references = new Set(
      (db.prepare('SELECT reference FROM cases').all() as Array<{ reference: string }>).map((r) => r.reference),
    );
    return { integrity, references };
  } finally {
    db.close();
  }
}

describe(`kill -9 of the queue owner (seed ${seed})`, () => {
  it(`${KILLS} kills during enqueue and delivery: nothing acknowledged is lost, nothing stored twice, database intact`, async () => {
    const random = seededRandom(seed);
    // every request is a little slow, so kills often land while deliveries are in flight; the first
    // acknowledgements are lost after storing, as if the network dropped them
    receiver = await startReceiverProcess(receiverDir, [
      '--fault',
      '{"kind":"ack_lost","times":5}',
      '--fault',
      '{"kind":"slow","delayMs":15}',
    ]);
    const acked = new Map<string, { idempotencyKey: string; seq: number }>();
    let seq = 0;
    let killsDuringEnqueue = 0;

    for (let i = 0; i < KILLS; i++) {
      const enqueue = i % 5 !== 4; // every fifth run only delivers
      const run = startQueueOwner({
        dataDir,
        receiverUrl: receiver.url,
        enqueue,
        seqStart: seq,
        pauseMs: 8,
        maxMs: 20_000,
      });
      await run.ready;
      await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 280)));
      run.child.kill('SIGKILL');
      const code = await run.exited;
      expect(run.stderr(), `run ${i} (seed ${seed})`).toBe('');
      expect(code, `run ${i} was killed, not ended`).toBeNull();
      if (enqueue && run.acks.length > 0) killsDuringEnqueue += 1;
      for (const a of run.acks) {
        acked.set(a.reference, { idempotencyKey: a.idempotencyKey, seq: a.seq });
        seq = Math.max(seq, a.seq);
      }
      const { integrity, references } = checkDatabase();
      expect(integrity, `integrity after kill ${i} (seed ${seed})`).toBe('ok');
      const lost = [...acked.keys()].filter((r) => !references.has(r));
      expect(lost, `acknowledged cases missing after kill ${i} (seed ${seed})`).toEqual([]);
    }
    expect(killsDuringEnqueue).toBeGreaterThan(KILLS / 2);
    expect(acked.size).toBeGreaterThan(100);

    // after all those crashes the WAL is full of fresh pages: none holds an answer in clear
    const disk = Buffer.concat(
      readdirSync(dataDir)
        .filter((f) => f.startsWith('cases.sqlite'))
        .map((f) => readFileSync(path.join(dataDir, f))),
    );
    expect(disk.includes(Buffer.from('hemlig-'))).toBe(false);
    expect(disk.includes(Buffer.from('Testperson'))).toBe(false);

    // a last, orderly run drains the queue
    const { logger } = createLogger({ level: 'silent' });
    const service = createCaseService({
      dataDir,
      config: {
        backoff: { baseMs: 100, capMs: 400 },
        delivery: { targets: { kommun: { type: 'https', url: receiver.url, timeoutMs: 2000 } } },
      },
      logger,
      emit: () => {},
    });
    try {
      await until(() => service.queue.stats().waiting === 0, 'the queue is drained', 1500);
      for (const ref of acked.keys()) expect(service.queue.status(ref), ref).toBe('delivered');
      expect(service.queue.integrityCheck()).toBe('ok');
      const deliveredInKiosk = service.queue.stats().counts.delivered;

      const received = receivedCases(receiverDir);
      const byKey = new Map<string, number>();
      const byReference = new Map<string, number>();
      for (const r of received) {
        byKey.set(r.idempotencyKey, (byKey.get(r.idempotencyKey) ?? 0) + 1);
        byReference.set(r.reference, (byReference.get(r.reference) ?? 0) + 1);
      }
      expect(
        [...byKey.values()].filter((n) => n > 1),
        'cases stored twice at the receiver',
      ).toEqual([]);
      expect([...byReference.values()].filter((n) => n > 1)).toEqual([]);
      for (const [ref, a] of acked) expect(byKey.get(a.idempotencyKey), `case ${ref} at the receiver`).toBe(1);
      // every case the kiosk holds as delivered is at the receiver, exactly once, and nothing else is
      expect(received.length).toBe(deliveredInKiosk);
    } finally {
      await service.close();
    }
  }, 180_000);
});
