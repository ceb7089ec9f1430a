import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/core/log/logger';
import { Visit } from '../../../../src/core/session/visit';

function visit(): Visit {
  const { logger, redactor } = createLogger({ level: 'silent' });
  return new Visit(logger, redactor);
}

describe('the visit reset', () => {
  it('runs every hook, forgets the visitor and starts a new visit id', async () => {
    const v = visit();
    const calls: string[] = [];
    v.onReset('bankid', () => void calls.push('bankid'));
    v.onReset('print', async () => void calls.push('print'));
    v.signIn({ personalNumber: '199001012384', name: 'Anna Svensson', givenName: 'Anna', surname: 'Svensson' });
    v.state.paperRoute = { reason: 'no_bankid' };
    const before = v.id;
    const generation = v.generation;
    const cancelled = await v.reset('inactivity');
    expect(calls.sort()).toEqual(['bankid', 'print']);
    expect(cancelled).toBe(2);
    expect(v.state).toEqual({ person: null, paperRoute: null, assistedBy: null });
    expect(v.generation).toBe(generation + 1);
    // core creates the ids: random, never one seen before
    expect(v.id).not.toBe(before);
    expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a failing hook does not stop the others or the reset', async () => {
    const v = visit();
    const calls: string[] = [];
    v.onReset('broken', () => {
      throw new Error('BankID unreachable');
    });
    v.onReset('after', () => void calls.push('after'));
    v.signIn({ personalNumber: '199001012384', name: 'A B', givenName: 'A', surname: 'B' });
    await expect(v.reset('finished')).resolves.toBe(1);
    expect(calls).toEqual(['after']);
    expect(v.state.person).toBeNull();
  });
});

describe("core's deadline for a visit", () => {
  /** A manual clock: `advance` runs what falls due. */
  function manualClock() {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
    return {
      now: () => now,
      schedule: (ms: number, fn: () => void) => {
        const t = { at: now + ms, fn, live: true };
        timers.push(t);
        return () => void (t.live = false);
      },
      advance(ms: number) {
        const end = now + ms;
        for (;;) {
          const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
          if (!due) break;
          now = due.at;
          due.live = false;
          due.fn();
        }
        now = end;
      },
    };
  }

  function visitWithDeadline() {
    const clock = manualClock();
    const v = visit();
    const expired: number[] = [];
    v.enableDeadline({
      limits: () => ({ idleSeconds: 60, warningSeconds: 20, extendSteps: [120] }),
      graceSeconds: 15,
      onExpired: () => expired.push(clock.now()),
      now: clock.now,
      schedule: clock.schedule,
    });
    return { v, clock, expired };
  }

  it('ends the visit idle + warning + grace after the last activity, however busy the visitor was before', () => {
    const { v, clock, expired } = visitWithDeadline();
    expect(v.deadlineLeft()).toBeNull();
    v.touch();
    clock.advance(50_000);
    v.touch(); // activity moves the deadline
    clock.advance(94_000);
    expect(expired).toEqual([]);
    clock.advance(1_000);
    expect(expired).toEqual([145_000]);
  });

  it('an extension the visitor asked for is added; one not configured is refused', () => {
    const { v, clock, expired } = visitWithDeadline();
    v.touch(120);
    clock.advance((60 + 120 + 20 + 15) * 1000 - 1);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toHaveLength(1);
    expect(() => v.touch(45)).toThrow(/extendSteps/);
  });

  it('a reset stops the deadline: a fresh visit has none until something happens in it', async () => {
    const { v, clock, expired } = visitWithDeadline();
    v.touch();
    await v.reset('finished');
    expect(v.deadlineLeft()).toBeNull();
    clock.advance(10 * 60_000);
    expect(expired).toEqual([]);
  });
});
