import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseJournal, type JournalRecord } from '../../../../src/core/cases/case-journal';
import { makeDraft, openTestQueue, tempDir, type TestQueue } from './case-fixtures';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function journal(): CaseJournal {
  const t = tempDir('kk-journal-');
  cleanup.push(t.remove);
  const j = new CaseJournal(path.join(t.dir, 'cases-journal'));
  j.prepare();
  return j;
}

function record(reference = 'K7-4F9Q-2'): JournalRecord {
  return {
    id: 'b8f7e1c2-0000-4000-8000-000000000001',
    reference,
    idempotencyKey: 'c1d2e3f4-0000-4000-8000-000000000002',
    flowId: 'felanmalan',
    deliveryTarget: 'local',
    submittedAt: Date.parse('2025-03-01T09:30:00Z'),
    storedAt: Date.parse('2025-03-01T09:30:01Z'),
    dataKey: { kind: 'key-file', wrapped: randomBytes(61) },
    blob: randomBytes(2000),
  };
}

function queue(): TestQueue {
  const t = openTestQueue();
  cleanup.push(() => t.cleanup());
  return t;
}

describe('case journal', () => {
  it('writes a record atomically (0600, no temporary file left) and reads it back whole', () => {
    const j = journal();
    const r = record();
    j.write(r);
    const file = j.fileOf(r.reference);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(j.dir)).toEqual(['K7-4F9Q-2.case']);
    const read = j.read(r.reference);
    expect(read.ok && read.record).toEqual(r);
    expect(j.references()).toEqual(['K7-4F9Q-2']);
  });

  it('a changed byte, a truncation or a record under the wrong name is unreadable, never half-read', () => {
    const j = journal();
    const r = record();
    j.write(r);
    const file = j.fileOf(r.reference);
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 100]! ^= 0x01;
    writeFileSync(file, flipped);
    expect(j.read(r.reference)).toMatchObject({ ok: false, problem: 'checksum mismatch' });
    writeFileSync(file, bytes.subarray(0, 20));
    expect(j.read(r.reference)).toMatchObject({ ok: false, problem: 'truncated (20 bytes)' });
    writeFileSync(j.fileOf('M3-ABCD-5'), bytes);
    expect(j.read('M3-ABCD-5')).toMatchObject({ ok: false, problem: 'holds case K7-4F9Q-2, not M3-ABCD-5' });
  });

  it('prepare() clears temporary files a crash left; setAside() keeps an unreadable record for IT', () => {
    const j = journal();
    writeFileSync(path.join(j.dir, '.K7-4F9Q-2.case.123.tmp'), 'half');
    j.write(record());
    j.prepare();
    expect(readdirSync(j.dir)).toEqual(['K7-4F9Q-2.case']);
    const moved = j.setAside('K7-4F9Q-2');
    expect(moved).toBe(path.join(j.dir, 'unreadable', 'K7-4F9Q-2.case'));
    expect(j.references()).toEqual([]);
    expect(existsSync(moved)).toBe(true);
  });
});

describe('the queue keeps the journal', () => {
  it('a stored case has its record before submit returns; delivery and discard remove it', () => {
    const t = queue();
    const a = t.queue.submit(makeDraft());
    const b = t.queue.submit(makeDraft({ deliveryTarget: 'municipality' }));
    expect(t.queue.journal.references().sort()).toEqual([a.reference, b.reference].sort());
    // the record holds the payload encrypted, never the answers in clear
    const raw = readFileSync(t.queue.journal.fileOf(a.reference));
    expect(raw.includes(Buffer.from('Astrid'))).toBe(false);
    expect(raw.includes(Buffer.from('19811218'))).toBe(false);

    const claimed = t.queue.claimNextDue(Date.now() + 1000, ['municipality'])!;
    t.queue.markDelivered(claimed, null);
    expect(t.queue.journal.has(a.reference)).toBe(false);
    const other = t.queue.claimNextDue(Date.now() + 1000)!;
    t.queue.markDeadLetter(other, 'refused', 'rejected');
    expect(t.queue.journal.has(b.reference)).toBe(true); // a dead letter may still be sent
    t.queue.discard(b.reference, 'reception-1');
    expect(t.queue.journal.references()).toEqual([]);
  });

  it('a commit that fails takes its journal record back: no receipt, no record', () => {
    const t = queue();
    const first = t.queue.submit(makeDraft());
    expect(() => t.queue.submit(makeDraft({ reference: first.reference }))).toThrow(
      expect.objectContaining({ code: 'storage_failed' }),
    );
    expect(t.queue.journal.references()).toEqual([first.reference]);
  });

  it('waiting cases without a record (from before the journal) get one when the queue opens', () => {
    const t = queue();
    const refs = [1, 2, 3].map(() => t.queue.submit(makeDraft()).reference);
    for (const r of refs) t.queue.journal.remove(r);
    t.reopen();
    expect(t.queue.journal.references().sort()).toEqual([...refs].sort());
    for (const r of refs) expect(t.queue.journal.read(r).ok).toBe(true);
  });

  it('a damaged record of a case the database holds is written again from the database', () => {
    const t = queue();
    const ref = t.queue.submit(makeDraft()).reference;
    writeFileSync(t.queue.journal.fileOf(ref), 'garbage');
    t.reopen();
    expect(t.queue.journal.read(ref).ok).toBe(true);
  });
});
