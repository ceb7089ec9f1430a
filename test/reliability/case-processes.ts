/** Real processes for the reliability tests: the receiver simulator and the queue owner. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ReceiverProcess {
  url: string;
  base: string;
  child: ChildProcess;
  setFaults(faults: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `src/simulators/receiver/cli.ts` as a child process and waits for its URL. */
export async function startReceiverProcess(dir: string, args: string[] = []): Promise<ReceiverProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/simulators/receiver/cli.ts', '--dir', dir, '--quiet', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const base = url.replace(/\/cases$/, '');
  return {
    url,
    base,
    child,
    async setFaults(faults) {
      const res = await fetch(`${base}/_control/faults`, { method: 'POST', body: JSON.stringify({ faults }) });
      if (!res.ok) throw new Error(`setting faults failed: ${res.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface OwnerRun {
  child: ChildProcess;
  ready: Promise<void>;
  /** Lines `ACK <reference> <key> <seq>` seen so far (complete lines only). */
  acks: Array<{ reference: string; idempotencyKey: string; seq: number }>;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startQueueOwner(options: Record<string, unknown>): OwnerRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/reliability/queue-owner-process.ts', JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acks: OwnerRun['acks'] = [];
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  lines.on('line', (line) => {
    if (line === 'READY') markReady();
    const m = /^ACK (\S+) (\S+) (\d+)$/.exec(line);
    if (m) acks.push({ reference: m[1]!, idempotencyKey: m[2]!, seq: Number(m[3]) });
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      markReady();
      // let readline deliver what was already read
      setImmediate(() => resolve(code));
    });
  });
  return { child, ready, acks, stderr: () => err, exited };
}

/** What the receiver has on disk: one receipt per stored case. */
export function receivedCases(dir: string): Array<{ reference: string; idempotencyKey: string }> {
  const out: Array<{ reference: string; idempotencyKey: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const receipt = JSON.parse(readFileSync(path.join(dir, entry.name, 'receipt.json'), 'utf8')) as {
      reference: string;
      idempotencyKey: string;
    };
    out.push({ reference: receipt.reference, idempotencyKey: receipt.idempotencyKey });
  }
  return out;
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  tries = 1000,
  stepMs = 20,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out waiting until ${what}`);
}
