/** The case PDF is rendered before the commit, so it can carry a reference reserved in advance. */
import { afterEach, describe, expect, it } from 'vitest';
import { isValidReference } from '../../../../src/core/cases/reference';
import { makeDraft, openTestQueue, type TestQueue } from './case-fixtures';

let t: TestQueue;
afterEach(() => t.cleanup());

describe('reserved case references', () => {
  it('a reserved reference is valid, never handed out twice, and becomes the case reference', () => {
    t = openTestQueue();
    const refs = new Set(Array.from({ length: 200 }, () => t.queue.reserveReference()));
    expect(refs.size).toBe(200);
    const ref = t.queue.reserveReference();
    expect(isValidReference(ref)).toBe(true);
    const stored = t.queue.submit(makeDraft({ reference: ref }));
    expect(stored.reference).toBe(ref);
    expect(t.queue.status(ref)).toBe('stored');
  });

  it('a reference that is already taken, or one with a wrong check character, stores nothing', () => {
    t = openTestQueue();
    const first = t.queue.submit(makeDraft());
    expect(() => t.queue.submit(makeDraft({ reference: first.reference }))).toThrow(
      expect.objectContaining({ code: 'storage_failed' }),
    );
    const bad = `${first.reference.slice(0, -1)}${first.reference.endsWith('2') ? '3' : '2'}`;
    expect(() => t.queue.submit(makeDraft({ reference: bad }))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(t.queue.stats().waiting).toBe(1);
  });
});
