import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { DataKeyError } from '../../../../src/core/cases/data-key';
import { createKeyFileWrapper } from '../../../../src/core/cases/key-file-wrapper';
import { CaseQueue } from '../../../../src/core/cases/queue';
import { isValidReference } from '../../../../src/core/cases/reference';
import { answerOf, makeDraft, openTestQueue, recordingLogger, silentLogger, type TestQueue } from './case-fixtures';

let t: TestQueue | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function queue(options: Parameters<typeof openTestQueue>[0] = {}): TestQueue {
  t = openTestQueue(options);
  return t;
}

function failureOf(fn: () => unknown): KioskFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof KioskFailure) return err;
    throw err;
  }
  throw new Error('expected a KioskFailure');
}

/** Every distinctive string of a draft made by makeDraft, as it could appear in a file. */
function secretsOf(draft: ReturnType<typeof makeDraft>): string[] {
  return [
    answerOf(draft, 'namn'),
    answerOf(draft, 'personnummer'),
    answerOf(draft, 'adress'),
    answerOf(draft, 'beskrivning'),
    '198112189876',
    'Astrid Lindqvist',
    '192.0.2.10',
    'PHNpZ25hdHVyZT5zZWNyZXQ8L3NpZ25hdHVyZT4=',
    '%PDF-1.7 Astrid',
  ].filter((s): s is string => typeof s === 'string');
}

function filesOf(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith('cases.sqlite'))
      .map((f) => readFileSync(path.join(dir, f))),
  );
}

describe('case queue: submit', () => {
  it('commits a case and answers with a readable reference, a UUID idempotency key and status stored', () => {
    const q = queue();
    const result = q.queue.submit(makeDraft());
    expect(isValidReference(result.reference)).toBe(true);
    expect(result.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.status).toBe('stored');
    expect(q.queue.status(result.reference)).toBe('stored');
    expect(q.queue.status(result.reference.toLowerCase().replace(/-/g, ' '))).toBe('stored');
    expect(q.changes).toEqual([{ reference: result.reference, status: 'stored' }]);
    // durable: a new connection sees it
    expect(q.reopen().status(result.reference)).toBe('stored');
  });

  it('gives every case its own reference', () => {
    const q = queue();
    const refs = new Set<string>();
    for (let i = 0; i < 500; i++) refs.add(q.queue.submit(makeDraft({ documents: [] })).reference);
    expect(refs.size).toBe(500);
  });

  it('answers unknown for a reference it does not hold or that is not valid', () => {
    const q = queue();
    expect(q.queue.status('K7-4F9Q-2')).toBe('unknown');
    expect(q.queue.status('not a reference')).toBe('unknown');
  });

  it('refuses an invalid draft with field paths only (no values)', () => {
    const q = queue();
    const err = failureOf(() => q.queue.submit({ ...makeDraft(), flowId: 'Astrid Lindqvist 19811218-9876' }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues?.[0]?.path).toBe('flowId');
    expect(JSON.stringify(err.toError())).not.toMatch(/Astrid|9876/);
  });

  it('refuses a draft for a delivery target that is not configured (no receipt)', () => {
    const q = queue();
    const err = failureOf(() => q.queue.submit(makeDraft({ deliveryTarget: 'nowhere' })));
    expect(err.code).toBe('storage_failed');
    expect(err.extra.reason).toBe('unknown_delivery_target');
    expect(q.queue.stats().waiting).toBe(0);
  });

  it('keeps no answer, identification, signature or PDF text in clear in the database or its WAL', () => {
    const q = queue();
    const drafts = Array.from({ length: 20 }, () => makeDraft());
    for (const d of drafts) q.queue.submit(d);
    const secrets = drafts.flatMap(secretsOf);
    // while open: the WAL holds the fresh pages
    const open = filesOf(q.dir);
    expect(open.length).toBeGreaterThan(0);
    for (const s of secrets) expect(open.includes(Buffer.from(s, 'utf8')), s).toBe(false);
    q.queue.close();
    const closed = filesOf(q.dir);
    for (const s of secrets) expect(closed.includes(Buffer.from(s, 'utf8')), s).toBe(false);
  });

  it('fails with storage_failed/disk_full when the disk (database cap) is full, and half-writes nothing', () => {
    const q = queue({ maxDatabaseBytes: 256 * 1024 });
    const big = () =>
      makeDraft({
        documents: [{ name: 'a.pdf', kind: 'case', mediaType: 'application/pdf', bytes: randomBytes(20_000) }],
      });
    const stored: string[] = [];
    let failure: KioskFailure | undefined;
    for (let i = 0; i < 100 && !failure; i++) {
      try {
        stored.push(q.queue.submit(big()).reference);
      } catch (err) {
        failure = err as KioskFailure;
      }
    }
    expect(failure).toBeInstanceOf(KioskFailure);
    expect(failure?.code).toBe('storage_failed');
    expect(failure?.extra.reason).toBe('disk_full');
    expect(failure?.message).not.toMatch(/Astrid|9876/);
    expect(q.queue.stats().waiting).toBe(stored.length);
    expect(q.queue.integrityCheck()).toBe('ok');
    // everything acknowledged before is intact and readable
    for (const ref of stored) expect(q.queue.status(ref)).toBe('stored');
    let n = 0;
    for (let c = q.queue.claimNextDue(Date.now()); c; c = q.queue.claimNextDue(Date.now())) {
      expect(q.queue.loadForDelivery(c).payload.documents[0]?.bytes.length).toBe(20_000);
      // delivering frees the payload's space
      q.queue.markDelivered(c, null);
      n++;
    }
    expect(n).toBe(stored.length);
    expect(q.queue.submit(big()).status).toBe('stored');
  });

  it('does not log personal data when storing or failing', () => {
    const { logger, lines } = recordingLogger();
    const q = queue({ logger, maxDatabaseBytes: 128 * 1024 });
    const drafts = Array.from({ length: 40 }, () =>
      makeDraft({
        documents: [{ name: 'a.pdf', kind: 'case', mediaType: 'application/pdf', bytes: randomBytes(10_000) }],
      }),
    );
    for (const d of drafts) {
      try {
        q.queue.submit(d);
      } catch {
        // the cap is reached on purpose
      }
    }
    expect(lines()).toMatch(/case stored/);
    expect(lines()).toMatch(/case could not be stored/);
    for (const s of drafts.flatMap(secretsOf)) expect(lines().includes(s), s).toBe(false);
  });
});

describe('case queue: key handling', () => {
  it('refuses to open with a different key file, with a clear error, deleting nothing', () => {
    const q = queue();
    const ref = q.queue.submit(makeDraft()).reference;
    q.queue.close();
    const before = readFileSync(q.file);
    const wrongKey = path.join(q.dir, 'other.key');
    writeFileSync(wrongKey, randomBytes(32).toString('base64'), { mode: 0o600 });
    const open = () =>
      CaseQueue.open({
        file: q.file,
        keyWrapper: createKeyFileWrapper({ file: wrongKey, create: false }),
        logger: silentLogger(),
        retentionDays: 30,
        targets: ['local'],
        defaultTarget: 'local',
      });
    expect(open).toThrow(DataKeyError);
    expect(open).toThrow(/other\.key is not the key this database was created with.*Nothing was deleted/s);
    expect(readFileSync(q.file).equals(before)).toBe(true);
    // the right key still opens everything
    expect(q.reopen().status(ref)).toBe('stored');
  });
});

describe('case queue: the worker side', () => {
  it('hands out the oldest due case first, one claim per case, skipping paused targets', () => {
    let now = 1_000_000;
    const q = queue({ now: () => now });
    const a = q.queue.submit(makeDraft({ deliveryTarget: 'municipality' }));
    now += 10;
    const b = q.queue.submit(makeDraft());
    now += 10;
    const c = q.queue.submit(makeDraft());
    expect(q.queue.claimNextDue(now, ['municipality'])?.reference).toBe(b.reference);
    const first = q.queue.claimNextDue(now);
    expect(first?.reference).toBe(a.reference);
    expect(q.queue.claimNextDue(now)?.reference).toBe(c.reference);
    expect(q.queue.claimNextDue(now)).toBeNull();
    expect(q.queue.stats().counts.in_flight).toBe(3);
  });

  it('waits out the back-off, then retries; decrypts the payload exactly', () => {
    const now = 1_000_000;
    const q = queue({ now: () => now });
    const draft = makeDraft();
    const s = q.queue.submit(draft);
    const c = q.queue.claimNextDue(now);
    expect(c?.attempts).toBe(1);
    const item = q.queue.loadForDelivery(c!);
    expect(item.payload.answers).toEqual(draft.answers);
    expect(item.payload.signing).toEqual(draft.signing);
    expect(item.idempotencyKey).toBe(s.idempotencyKey);
    q.queue.markRetry(c!, now + 5000, 'receiver answered 503', 'transient');
    expect(q.queue.claimNextDue(now + 4999)).toBeNull();
    expect(q.queue.nextAttemptAt()).toBe(now + 5000);
    expect(q.queue.stats().oldestWaiting?.lastError).toBe('receiver answered 503');
    expect(q.queue.claimNextDue(now + 5000)?.attempts).toBe(2);
  });

  it('erases the payload once delivered and reports it delivered', () => {
    const q = queue();
    const s = q.queue.submit(makeDraft());
    const c = q.queue.claimNextDue(Date.now())!;
    q.queue.markDelivered(c, 'MOTT-000001');
    expect(q.queue.status(s.reference)).toBe('delivered');
    expect(() => q.queue.loadForDelivery(c)).toThrow(/missing/);
    expect(q.changes.at(-1)).toEqual({ reference: s.reference, status: 'delivered' });
    expect(q.queue.stats().lastDeliveryAt).not.toBeNull();
  });

  it('puts a case that was in flight when the process died back in line at the next open', () => {
    const q = queue();
    const s = q.queue.submit(makeDraft());
    expect(q.queue.claimNextDue(Date.now())?.reference).toBe(s.reference);
    // the process dies here: no outcome was written
    const reopened = q.reopen();
    expect(reopened.stats().counts.in_flight).toBe(0);
    expect(reopened.claimNextDue(Date.now())?.reference).toBe(s.reference);
  });
});

describe('case queue: staff and retention', () => {
  it('lists dead letters without personal data; retry sends again; discard erases and is audited', () => {
    const { logger, lines } = recordingLogger();
    let now = Date.parse('2025-03-01T10:00:00Z');
    const q = queue({ logger, now: () => now });
    const draft = makeDraft();
    const s = q.queue.submit(draft);
    const c = q.queue.claimNextDue(now)!;
    q.queue.markDeadLetter(c, 'receiver refused the case: HTTP 422 (unsupported_envelope_version)', 'rejected');
    expect(q.queue.status(s.reference)).toBe('dead_letter');
    const dead = q.queue.deadLetters();
    expect(dead).toEqual([
      {
        reference: s.reference,
        flowId: 'bygglov',
        deliveryTarget: 'local',
        reason: 'receiver refused the case: HTTP 422 (unsupported_envelope_version)',
        attempts: 1,
        submittedAt: '2025-03-01T09:30:00.000Z',
        storedAt: '2025-03-01T10:00:00.000Z',
        deadAt: '2025-03-01T10:00:00.000Z',
      },
    ]);
    for (const secret of secretsOf(draft)) expect(JSON.stringify(dead)).not.toContain(secret);
    expect(q.queue.stats().deadLetters).toBe(1);

    expect(q.queue.retry(s.reference, 'staff-anna')).toBe('stored');
    const again = q.queue.claimNextDue(now)!;
    expect(again.attempts).toBe(1);
    q.queue.markDeadLetter(again, 'HTTP 422', 'rejected');

    now += 1000;
    expect(q.queue.discard(s.reference.toLowerCase(), 'staff-anna')).toBe('unknown');
    expect(q.queue.status(s.reference)).toBe('unknown');
    expect(() => q.queue.loadForDelivery(again)).toThrow(/missing/);
    expect(lines()).toMatch(/"action":"retry".*"staffId":"staff-anna"/);
    expect(lines()).toMatch(/"action":"discard".*"staffId":"staff-anna"/);
    expect(q.changes.map((x) => x.status)).toEqual(['stored', 'dead_letter', 'stored', 'dead_letter', 'unknown']);
  });

  it('only discards dead letters, and says so for anything else', () => {
    const q = queue();
    const s = q.queue.submit(makeDraft());
    expect(failureOf(() => q.queue.discard(s.reference, 'staff')).code).toBe('conflict');
    expect(failureOf(() => q.queue.retry('K7-4F9Q-2', 'staff')).code).toBe('not_found');
    const c = q.queue.claimNextDue(Date.now())!;
    q.queue.markDelivered(c, null);
    expect(failureOf(() => q.queue.retry(s.reference, 'staff')).code).toBe('conflict');
  });

  it('retry of a waiting case sends it now instead of after its back-off', () => {
    const now = 1_000_000;
    const q = queue({ now: () => now });
    const s = q.queue.submit(makeDraft());
    q.queue.markRetry(q.queue.claimNextDue(now)!, now + 3_600_000, 'receiver answered 500', 'transient');
    expect(q.queue.claimNextDue(now)).toBeNull();
    q.queue.retry(s.reference, 'staff');
    expect(q.queue.claimNextDue(now)?.reference).toBe(s.reference);
  });

  it('purges metadata of delivered cases after the retention, never waiting cases or dead letters', () => {
    let now = Date.parse('2025-03-01T10:00:00Z');
    const q = queue({ now: () => now, retentionDays: 30 });
    const delivered = q.queue.submit(makeDraft());
    const waiting = q.queue.submit(makeDraft());
    const dead = q.queue.submit(makeDraft());
    q.queue.markDelivered(q.queue.claimNextDue(now)!, null);
    q.queue.claimNextDue(now);
    q.queue.markDeadLetter(q.queue.claimNextDue(now)!, 'HTTP 400', 'rejected');
    q.queue.recoverInFlight([]);
    now += 29 * 86_400_000;
    expect(q.queue.purgeExpired(now).cases).toBe(0);
    now += 2 * 86_400_000;
    expect(q.queue.purgeExpired(now).cases).toBe(1);
    expect(q.queue.status(delivered.reference)).toBe('unknown');
    expect(q.queue.status(waiting.reference)).toBe('stored');
    expect(q.queue.status(dead.reference)).toBe('dead_letter');
    expect(q.queue.stats().oldestWaiting?.ageSeconds).toBe(31 * 86_400);
  });
});
