/**
 * Case queue benchmarks, on real SQLite in a temp folder and the real receiver simulator:
 *
 *  - cases.enqueue_p50 / cases.enqueue_p99: latency of `queue.submit` (encrypt + one transaction,
 *    synchronous=FULL, WAL) for a case with a 30 kB PDF (ms);
 *  - cases.drain_rate: cases per second the worker delivers to the local HTTP receiver (which
 *    fsyncs each case before acknowledging);
 *  - cases.enqueue_p50_empty / cases.enqueue_p50_100k / cases.enqueue_ratio_100k: submit latency with
 *    an empty queue and with 100 000 cases waiting, and their ratio (should stay near 1).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateReference } from '../src/core/cases/reference';
import { createCaseService, type CaseService } from '../src/core/cases/service';
import { createLogger } from '../src/core/log/logger';
import { startReceiver } from '../src/simulators/receiver/server';
import { draft, pdf } from './case-drafts';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const ENQUEUE_RUNS = 500;
const DRAIN_CASES = 500;
const BACKLOG = 100_000;
const RATIO_RUNS = 300;

function submitLatencies(service: CaseService, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const d = draft();
    const t0 = process.hrtime.bigint();
    service.queue.submit(d);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

function openService(
  dataDir: string,
  config: Parameters<typeof createCaseService>[0]['config'] = {},
  startWorker = false,
): CaseService {
  return createCaseService({
    dataDir,
    config,
    logger: createLogger({ level: 'silent' }).logger,
    emit: () => {},
    startWorker,
  });
}

/** 100 000 waiting cases written straight into the table in one transaction (random ciphertext). */
function fillBacklog(file: string, count: number): void {
  const db = new Database(file);
  const insertCase = db.prepare(
    `INSERT INTO cases (id, reference, idempotency_key, flow_id, delivery_target, status, submitted_at, stored_at, next_attempt_at)
     VALUES (?, ?, ?, 'bygglov', 'local', 'stored', ?, ?, ?)`,
  );
  const insertPayload = db.prepare('INSERT INTO case_payloads (case_seq, blob) VALUES (?, ?)');
  const references = new Set<string>();
  const blob = randomBytes(2_000);
  db.transaction(() => {
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      let ref = generateReference();
      while (references.has(ref)) ref = generateReference();
      references.add(ref);
      const info = insertCase.run(randomUUID(), ref, randomUUID(), now, now, now);
      insertPayload.run(info.lastInsertRowid, blob);
    }
  })();
  db.close();
}

export async function run(): Promise<Figure[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'kk-bench-cases-'));
  const figures: Figure[] = [];
  try {
    // enqueue latency
    const a = openService(path.join(work, 'enqueue'));
    submitLatencies(a, 20); // warm-up
    const lat = submitLatencies(a, ENQUEUE_RUNS);
    await a.close();
    figures.push({
      bench: 'cases.enqueue_p50',
      value: round(quantile(lat, 0.5), 3),
      unit: 'ms',
      target: 20,
      runs: ENQUEUE_RUNS,
      synchronous: 'FULL',
      pdfBytes: pdf.length,
    });
    figures.push({
      bench: 'cases.enqueue_p99',
      value: round(quantile(lat, 0.99), 3),
      unit: 'ms',
      target: 100,
      runs: ENQUEUE_RUNS,
      synchronous: 'FULL',
      pdfBytes: pdf.length,
    });

    // drain rate to the local HTTP receiver
    const receiver = await startReceiver({ dir: path.join(work, 'received') });
    const drainDir = path.join(work, 'drain');
    const config = {
      delivery: { concurrency: 2, targets: { kommun: { type: 'https' as const, url: receiver.casesUrl } } },
    };
    const filler = openService(drainDir, config);
    for (let i = 0; i < DRAIN_CASES; i++) filler.queue.submit(draft());
    await filler.close();
    const t0 = process.hrtime.bigint();
    const drainer = openService(drainDir, config, true);
    for (let i = 0; i < 60_000 && drainer.queue.stats().waiting > 0; i++) await new Promise((r) => setTimeout(r, 5));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const delivered = drainer.queue.stats().counts.delivered;
    await drainer.close();
    await receiver.close();
    figures.push({
      bench: 'cases.drain_rate',
      value: round(delivered / seconds, 1),
      unit: 'cases/s',
      target: 20,
      cases: delivered,
      concurrency: 2,
      receiver: 'http, fsync before ack',
    });

    // enqueue latency with an empty queue vs 100 000 waiting cases: both queues open at once and
    // submitted to in turn, so the machine's background noise (fsync latency) hits both alike
    const backlogDir = path.join(work, 'backlog');
    await openService(backlogDir).close(); // creates the schema
    fillBacklog(path.join(backlogDir, 'cases.sqlite'), BACKLOG);
    const empty = openService(path.join(work, 'empty'));
    const full = openService(backlogDir);
    const waiting = full.queue.stats().waiting;
    submitLatencies(empty, 20);
    submitLatencies(full, 20);
    const emptyLat: number[] = [];
    const fullLat: number[] = [];
    for (let i = 0; i < RATIO_RUNS; i++) {
      emptyLat.push(...submitLatencies(empty, 1));
      fullLat.push(...submitLatencies(full, 1));
    }
    await empty.close();
    await full.close();
    const p50Empty = quantile(
      emptyLat.sort((x, y) => x - y),
      0.5,
    );
    const p50Full = quantile(
      fullLat.sort((x, y) => x - y),
      0.5,
    );
    figures.push({ bench: 'cases.enqueue_p50_empty', value: round(p50Empty, 3), unit: 'ms', runs: RATIO_RUNS });
    figures.push({ bench: 'cases.enqueue_p50_100k', value: round(p50Full, 3), unit: 'ms', runs: RATIO_RUNS, waiting });
    figures.push({
      bench: 'cases.enqueue_ratio_100k',
      value: round(p50Full / p50Empty, 2),
      unit: 'ratio',
      target: 1.5,
      waiting,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}
