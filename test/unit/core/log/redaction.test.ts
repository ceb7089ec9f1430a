import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/core/log/logger';
import { Redactor } from '../../../../src/core/log/redaction';

/** Values a visitor might type or BankID might return; none may ever reach a log line. */
const PERSONAL = {
  personnummer12: '199001012384',
  personnummer10: '900101-2384',
  samordningsnummer: '701063-2391',
  email: 'anna.svensson@example.se',
  mobile: '070-123 45 67',
  intlPhone: '+46 70 123 45 67',
  landline: '08-746 10 00',
  street: 'Storgatan 12',
  postalCode: '123 45',
  name: 'Anna Svensson',
};

function capture(): { logger: ReturnType<typeof createLogger>['logger']; redactor: Redactor; lines: () => string } {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const { logger, redactor } = createLogger({ destination, level: 'trace' });
  return { logger, redactor, lines: () => out };
}

function expectClean(text: string): void {
  for (const [kind, value] of Object.entries(PERSONAL)) expect(text, kind).not.toContain(value);
  expect(text).not.toContain('Anna');
  expect(text).not.toContain('Svensson');
}

describe('redaction of logs and error messages', () => {
  it('removes personal data from messages, objects, nested values and errors', () => {
    const { logger, redactor, lines } = capture();
    redactor.remember(PERSONAL.name);
    logger.info(`visitor ${PERSONAL.personnummer12} wrote ${PERSONAL.email} and ${PERSONAL.mobile}`);
    logger.warn({ person: { name: PERSONAL.name }, answers: { a: PERSONAL.street } }, 'submission');
    logger.info(
      {
        detail: `lives at ${PERSONAL.street}, ${PERSONAL.postalCode}`,
        note: `call ${PERSONAL.intlPhone} or ${PERSONAL.landline}`,
      },
      'free text',
    );
    logger.error({ err: new Error(`lookup failed for ${PERSONAL.personnummer10} (${PERSONAL.name})`) }, 'register');
    logger.error(new Error(`coordination number ${PERSONAL.samordningsnummer} rejected`));
    logger.debug({ list: [PERSONAL.email, { deep: { deeper: PERSONAL.personnummer12 } }] }, 'arrays');
    logger.info('%s signed in', PERSONAL.name);
    const text = lines();
    expectClean(text);
    expect(text).toContain('[redacted]');
    // the operational content survives
    expect(text).toContain('register');
    expect(text).toContain('lookup failed for');
    expect(text.trim().split('\n')).toHaveLength(7);
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('keeps case references, counts and times readable', () => {
    const { logger, lines } = capture();
    logger.info(
      { reference: 'K7-4F9Q-2', attempts: 3, flowId: 'forskoleplats', at: '2026-11-27T08:00:00.000Z' },
      'delivered',
    );
    const line = JSON.parse(lines()) as Record<string, unknown>;
    expect(line).toMatchObject({
      reference: 'K7-4F9Q-2',
      attempts: 3,
      flowId: 'forskoleplats',
      at: '2026-11-27T08:00:00.000Z',
      msg: 'delivered',
    });
  });

  it('forgets remembered values when the visit ends', () => {
    const r = new Redactor();
    r.remember('Zlatan Example');
    expect(r.text('hello Zlatan')).toBe('hello [redacted]');
    r.forget();
    expect(r.text('hello Zlatan')).toBe('hello Zlatan');
  });

  it('survives cycles, buffers and deep objects', () => {
    const r = new Redactor();
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(r.value(a)).toEqual({ x: 1, self: '[cycle]' });
    expect(r.value({ b: Buffer.from('abc') })).toEqual({ b: '[3 bytes]' });
    let deep: Record<string, unknown> = { v: PERSONAL.email };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(r.value(deep))).not.toContain(PERSONAL.email);
  });
});
