/**
 * Network return: 1,000 cases wait in the queue (real SQLite, WAL, synchronous=FULL) while the
 * receiver is down, so the worker has found the target unreachable and paused it. Then the receiver
 * (the real receiver simulator in a process of its own, as a server is: `npm run sim:receiver`, HTTP,
 * fsync before it answers) comes back on the same port:
 *
 *  - network_return.first_delivered: receiver listening → the first case marked delivered (< 2 s);
 *  - network_return.all_delivered: receiver listening → all 1,000 delivered (< 10 s).
 *
 * The kiosk's default delivery settings (probe interval, concurrency, back-off): what a kiosk with no
 * tuning does. `BENCH_RETURN_CASES` changes the number of cases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaseService } from '../src/core/cases/service';
import { createLogger } from '../src/core/log/logger';
import { freePort } from '../test/reliability/kiosk-process';
import { draft } from './case-drafts';
import type { Figure } from './run';
import { round } from './statistics';

const CASES = Number(process.env.BENCH_RETURN_CASES ?? 1000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `npm run sim:receiver` on `port`; resolves once it listens (its first line on stdout is its URL). */
function startReceiverProcess(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts/cli.mjs'), 'sim-receiver', '--dir', dir, '--port', String(port), '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('/cases')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited ${code}`)));
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

export async function run(): Promise<Figure[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'kk-bench-return-'));
  const port = await freePort();
  const config = {
    delivery: {
      ...(process.env.BENCH_RETURN_CONCURRENCY ? { concurrency: Number(process.env.BENCH_RETURN_CONCURRENCY) } : {}),
      targets: { kommun: { type: 'https' as const, url: `http://127.0.0.1:${port}/cases` } },
    },
  };
  let delivered = 0;
  const service = createCaseService({
    dataDir: path.join(work, 'kiosk'),
    config,
    logger: createLogger({ level: 'silent' }).logger,
    // counts deliveries as the kiosk's screens learn of them, without querying the queue
    emit: (event, payload) => {
      if (event === 'cases.changed' && (payload as { status?: string }).status === 'delivered') delivered += 1;
    },
    startWorker: true,
  });
  let receiver: ChildProcess | null = null;
  try {
    for (let i = 0; i < CASES; i++) service.queue.submit(draft());
    service.worker.nudge();
    // the first attempt finds the port closed and pauses the target
    if (!(await until(() => service.worker.state().targets.kommun === false, 30_000)))
      throw new Error('the worker never paused the unreachable target');
    // down for a while, as a real outage is: the probe has run at least once in vain
    await new Promise((r) => setTimeout(r, 1_500));
    receiver = await startReceiverProcess(path.join(work, 'received'), port);
    const back = performance.now();
    await until(() => delivered >= 1, 60_000);
    const first = performance.now() - back;
    const allIn = await until(() => delivered >= CASES, 120_000);
    const all = performance.now() - back;
    return [
      {
        bench: 'network_return.first_delivered',
        value: round(first, 0),
        unit: 'ms',
        target: 2000,
        cases: CASES,
        note: 'receiver back on its port → first waiting case delivered (default probe interval and concurrency)',
      },
      {
        bench: 'network_return.all_delivered',
        value: allIn ? round(all, 0) : Number.NaN,
        unit: 'ms',
        target: 10_000,
        cases: CASES,
        delivered,
        note: `receiver back on its port → all ${CASES} waiting cases delivered (HTTP receiver, fsync before ack)`,
      },
    ];
  } finally {
    await service.close();
    if (receiver && receiver.exitCode === null) {
      const gone = new Promise((r) => receiver?.once('exit', r));
      receiver.kill('SIGTERM');
      await gone;
    }
    rmSync(work, { recursive: true, force: true });
  }
}
