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
    const cancelled = await v.reset('inactivity');
    expect(calls.sort()).toEqual(['bankid', 'print']);
    expect(cancelled).toBe(2);
    expect(v.state).toEqual({ person: null, paperRoute: null, assistedBy: null });
    expect(v.id).toBe(before + 1);
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
