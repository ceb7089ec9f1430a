import { describe, expect, it } from 'vitest';
import { StaffSession, type StaffEndReason } from '../../../../src/core/staff/staff-session';
import { ManualClock } from './staff-fixtures';

function setup() {
  const clock = new ManualClock();
  const ended: Array<[string, StaffEndReason]> = [];
  const session = new StaffSession({
    timeoutSeconds: 120,
    now: clock.now,
    schedule: clock.schedule,
    onEnd: (id, r) => ended.push([id, r]),
  });
  return { clock, ended, session };
}

describe('staff session', () => {
  it('ends by itself after the timeout without activity', () => {
    const { clock, ended, session } = setup();
    session.start('reception-1');
    clock.advance(119_000);
    expect(session.current()).toMatchObject({ staffId: 'reception-1', secondsLeft: 1 });
    expect(ended).toEqual([]);
    clock.advance(1_000);
    expect(ended).toEqual([['reception-1', 'timeout']]);
    expect(session.current()).toBeNull();
    expect(clock.pending).toBe(0);
  });

  it('activity moves the deadline; the timer re-arms instead of ending early', () => {
    const { clock, ended, session } = setup();
    session.start('reception-1');
    clock.advance(100_000);
    expect(session.touch()?.secondsLeft).toBe(120);
    clock.advance(100_000); // the first timer fires at 120 s and re-arms for the rest
    expect(ended).toEqual([]);
    expect(session.current()?.secondsLeft).toBe(20);
    clock.advance(20_000);
    expect(ended).toEqual([['reception-1', 'timeout']]);
  });

  it('one staff member at a time: a new entry replaces the session', () => {
    const { ended, session } = setup();
    session.start('reception-1');
    session.start('reception-2');
    expect(ended).toEqual([['reception-1', 'replaced']]);
    expect(session.current()?.staffId).toBe('reception-2');
    expect(session.end('left')).toBe('reception-2');
    expect(session.end('left')).toBeNull();
    expect(ended).toEqual([
      ['reception-1', 'replaced'],
      ['reception-2', 'left'],
    ]);
  });

  it('a late timer does not keep an overdue session alive', () => {
    const clock = new ManualClock();
    const ended: string[] = [];
    // a scheduler that never fires (a suspended machine)
    const session = new StaffSession({
      timeoutSeconds: 120,
      now: clock.now,
      schedule: () => () => undefined,
      onEnd: (_id, r) => ended.push(r),
    });
    session.start('reception-1');
    clock.advance(500_000);
    expect(session.touch()).toBeNull();
    expect(ended).toEqual(['timeout']);
  });
});
