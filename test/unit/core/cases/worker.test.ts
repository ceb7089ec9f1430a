import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryAdapter, DeliveryItem, DeliveryOutcome } from '../../../../src/core/cases/delivery/adapter';
import { backoffDelay } from '../../../../src/core/cases/delivery/backoff';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../../../src/core/cases/delivery/worker';
import { makeDraft, openTestQueue, silentLogger, type TestQueue } from './case-fixtures';

/** A target whose answers the test scripts; records what it was sent. */
class ScriptedTarget implements DeliveryAdapter {
  readonly type = 'https' as const;
  readonly sent: DeliveryItem[] = [];
  inFlight = new Map<string, number>();
  maxInFlightPerCase = 0;
  reachable = true;
  probes = 0;
  answer: (item: DeliveryItem, n: number) => DeliveryOutcome | Promise<DeliveryOutcome> = () => ({
    kind: 'delivered',
    receiverReference: 'R',
    duplicate: false,
  });

  async deliver(item: DeliveryItem, signal: AbortSignal): Promise<DeliveryOutcome> {
    this.sent.push(item);
    const n = (this.inFlight.get(item.reference) ?? 0) + 1;
    this.inFlight.set(item.reference, n);
    this.maxInFlightPerCase = Math.max(this.maxInFlightPerCase, n);
    try {
      const outcome = await Promise.race([
        Promise.resolve(this.answer(item, this.sent.filter((s) => s.reference === item.reference).length)),
        new Promise<DeliveryOutcome>((resolve) =>
          signal.addEventListener('abort', () => resolve({ kind: 'retry', offline: false, reason: 'stopped' })),
        ),
      ]);
      return outcome;
    } finally {
      this.inFlight.set(item.reference, (this.inFlight.get(item.reference) ?? 1) - 1);
    }
  }
  probe(): Promise<boolean> {
    this.probes += 1;
    return Promise.resolve(this.reachable);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

let t: TestQueue | undefined;
const workers: DeliveryWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  t?.cleanup();
  t = undefined;
});

function worker(
  q: TestQueue,
  targets: Record<string, ScriptedTarget>,
  extra: Partial<DeliveryWorkerOptions> = {},
): DeliveryWorker {
  const w = new DeliveryWorker({
    queue: q.queue,
    adapters: new Map(Object.entries(targets)),
    backoff: { baseMs: 20, capMs: 100 },
    logger: silentLogger(),
    concurrency: 1,
    probeIntervalMs: 60_000,
    ...extra,
  });
  workers.push(w);
  return w;
}

/** Waits (bounded) until the condition holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('backoff', () => {
  it('grows exponentially with full jitter and stays under the cap', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelay(30, policy, () => 0.999)).toBe(59_940);
    expect(backoffDelay(1, policy, () => 0)).toBe(0);
    for (let attempt = 1; attempt < 100; attempt++) expect(backoffDelay(attempt, policy)).toBeLessThan(60_000);
  });
});

describe('delivery worker', () => {
  it('delivers waiting cases oldest first and erases each payload', async () => {
    t = openTestQueue();
    const refs = Array.from({ length: 5 }, () => t!.queue.submit(makeDraft()).reference);
    const target = new ScriptedTarget();
    const w = worker(t, { local: target });
    w.start();
    await until(() => t!.queue.stats().counts.delivered === 5, 'all delivered');
    expect(target.sent.map((s) => s.reference)).toEqual(refs);
    for (const ref of refs) expect(t.queue.status(ref)).toBe('delivered');
    expect(t.changes.filter((c) => c.status === 'delivered').map((c) => c.reference)).toEqual(refs);
    const db = new Database(t.file, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM case_payloads').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('retries a failing case with back-off until the receiver takes it', async () => {
    t = openTestQueue();
    const ref = t.queue.submit(makeDraft()).reference;
    const target = new ScriptedTarget();
    target.answer = (_item, n) =>
      n < 3
        ? { kind: 'retry', offline: false, reason: 'receiver answered 503' }
        : { kind: 'delivered', receiverReference: 'R-3', duplicate: false };
    worker(t, { local: target }).start();
    await until(() => t!.queue.status(ref) === 'delivered', 'delivered');
    expect(target.sent).toHaveLength(3);
  });

  it('never has two attempts of one case in flight, however often it is nudged', async () => {
    t = openTestQueue();
    t.queue.submit(makeDraft());
    const target = new ScriptedTarget();
    let release: () => void = () => {};
    target.answer = () =>
      new Promise(
        (resolve) => (release = () => resolve({ kind: 'delivered', receiverReference: null, duplicate: false })),
      );
    const w = worker(t, { local: target }, { concurrency: 4 });
    w.start();
    await until(() => target.sent.length === 1, 'first attempt started');
    for (let i = 0; i < 20; i++) w.nudge();
    await w.probe();
    expect(target.sent).toHaveLength(1);
    release();
    await until(() => t!.queue.stats().counts.delivered === 1, 'delivered');
    expect(target.maxInFlightPerCase).toBe(1);
  });

  it('pauses an unreachable target without burning attempts, keeps other targets going, resumes on nudge', async () => {
    t = openTestQueue();
    const kommun = new ScriptedTarget();
    const local = new ScriptedTarget();
    kommun.reachable = false;
    kommun.answer = () =>
      kommun.reachable
        ? { kind: 'delivered', receiverReference: 'K', duplicate: false }
        : { kind: 'retry', offline: true, reason: 'receiver unreachable: ECONNREFUSED' };
    const first = t.queue.submit(makeDraft({ deliveryTarget: 'municipality' })).reference;
    const w = worker(t, { municipality: kommun, local }, { backoff: { baseMs: 10, capMs: 10 } });
    w.start();
    await until(() => kommun.sent.length === 1, 'first attempt');
    await until(() => w.state().targets.municipality === false, 'target paused');
    const more = Array.from(
      { length: 3 },
      () => t!.queue.submit(makeDraft({ deliveryTarget: 'municipality' })).reference,
    );
    const other = t.queue.submit(makeDraft()).reference;
    w.nudge(); // what the service's onWork does after a submission: the paused target is probed, still down
    await until(() => t!.queue.status(other) === 'delivered', 'the other target delivers');
    await w.whenIdle();
    expect(kommun.sent).toHaveLength(1); // nothing was attempted while paused
    expect(t.queue.stats().counts.stored).toBe(4);

    kommun.reachable = true; // the network is back; the OS tells the kiosk
    w.nudge();
    await until(() => [first, ...more].every((r) => t!.queue.status(r) === 'delivered'), 'resumed and delivered');
    expect(w.state().targets.municipality).toBe(true);
    expect(kommun.sent.map((s) => s.reference)).toEqual([first, first, ...more]);
  });

  it('finds a paused target reachable again by probing on its own', async () => {
    t = openTestQueue();
    const target = new ScriptedTarget();
    target.reachable = false;
    target.answer = () =>
      target.reachable
        ? { kind: 'delivered', receiverReference: null, duplicate: false }
        : { kind: 'retry', offline: true, reason: 'unreachable' };
    const ref = t.queue.submit(makeDraft()).reference;
    const w = worker(t, { local: target }, { probeIntervalMs: 50 });
    w.start();
    await until(() => target.probes >= 2, 'probed twice');
    target.reachable = true;
    await until(() => t!.queue.status(ref) === 'delivered', 'delivered after the probe');
  });

  it('turns a refusal into a dead letter, and a case for an unconfigured target too', async () => {
    t = openTestQueue();
    const target = new ScriptedTarget();
    target.answer = () => ({
      kind: 'rejected',
      reason: 'receiver refused the case: HTTP 422 (unsupported_envelope_version)',
    });
    const refused = t.queue.submit(makeDraft()).reference;
    const orphan = t.queue.submit(makeDraft({ deliveryTarget: 'municipality' })).reference;
    worker(t, { local: target }).start();
    await until(() => t!.queue.stats().deadLetters === 2, 'two dead letters');
    const dead = t.queue.deadLetters();
    expect(dead.find((d) => d.reference === refused)?.reason).toMatch(/HTTP 422/);
    expect(dead.find((d) => d.reference === orphan)?.reason).toMatch(/no delivery target named "municipality"/);
  });

  it('makes a case whose payload cannot be decrypted a dead letter instead of sending garbage', async () => {
    t = openTestQueue();
    const ref = t.queue.submit(makeDraft()).reference;
    const db = new Database(t.file);
    const row = db.prepare('SELECT case_seq, blob FROM case_payloads').get() as { case_seq: number; blob: Buffer };
    row.blob[30] = (row.blob[30] ?? 0) ^ 0xff;
    db.prepare('UPDATE case_payloads SET blob = ? WHERE case_seq = ?').run(row.blob, row.case_seq);
    db.close();
    const target = new ScriptedTarget();
    worker(t, { local: target }).start();
    await until(() => t!.queue.status(ref) === 'dead_letter', 'dead letter');
    expect(target.sent).toHaveLength(0);
    expect(t.queue.deadLetters()[0]?.reason).toMatch(/payload unreadable/);
  });

  it('treats an adapter that throws as a failed attempt to retry', async () => {
    t = openTestQueue();
    const ref = t.queue.submit(makeDraft()).reference;
    const target = new ScriptedTarget();
    target.answer = (_i, n) => {
      if (n === 1) throw new Error('boom');
      return { kind: 'delivered', receiverReference: null, duplicate: false };
    };
    worker(t, { local: target }).start();
    await until(() => t!.queue.status(ref) === 'delivered', 'delivered');
  });

  it('on stop, aborts the attempt in flight and puts the case back without counting it; a restart sends it', async () => {
    t = openTestQueue();
    const ref = t.queue.submit(makeDraft()).reference;
    const hanging = new ScriptedTarget();
    hanging.answer = () => new Promise(() => {});
    const w = worker(t, { local: hanging });
    w.start();
    await until(() => hanging.sent.length === 1, 'attempt started');
    await w.stop();
    expect(t.queue.stats().counts.stored).toBe(1);
    expect(t.queue.stats().oldestWaiting?.attempts).toBe(0);

    t.reopen();
    const fresh = new ScriptedTarget();
    worker(t, { local: fresh }).start();
    await until(() => t!.queue.status(ref) === 'delivered', 'delivered after restart');
    expect(fresh.sent[0]?.reference).toBe(ref);
  });
});
