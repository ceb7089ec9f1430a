/**
 * The paper route leaves no log line per visit (it may be that of a person with protected identity):
 * visits are counted per day, and the day's count is logged once that day is over — date and number only.
 */
import { describe, expect, it } from 'vitest';
import { PaperRouteTally } from '../../../../src/core/paper/paper-route-tally';
import { captureLogger } from '../identity/support/log-capture';

describe('the paper-route tally', () => {
  it('logs nothing while the day runs, then "paper route used" with the date and the count only', () => {
    const log = captureLogger();
    let now = new Date(2026, 2, 10, 9, 30);
    const tally = new PaperRouteTally(log.logger, () => now, null);
    tally.add();
    now = new Date(2026, 2, 10, 16, 5);
    tally.add();
    tally.rollOver();
    expect(log.lines()).toEqual([]);
    now = new Date(2026, 2, 11, 0, 20);
    tally.rollOver();
    const lines = log.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'paper route used', day: '2026-03-10', count: 2 });
    // nothing about the visits themselves: no reason, no time of a visit, no order reference
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(['app', 'count', 'day', 'level', 'msg', 'time']);
    tally.rollOver();
    expect(log.lines()).toHaveLength(1);
  });

  it('a day without paper-route visits logs nothing', () => {
    const log = captureLogger();
    let now = new Date(2026, 2, 10, 9, 30);
    const tally = new PaperRouteTally(log.logger, () => now, null);
    now = new Date(2026, 2, 12, 9, 30);
    tally.rollOver();
    expect(log.lines()).toEqual([]);
  });
});
