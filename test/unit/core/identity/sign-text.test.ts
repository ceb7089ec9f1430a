import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSignText,
  documentHash,
  escapeSimpleMarkdown,
  SIGN_TEXT_MAX_BASE64,
  summaryDocument,
  swedishDate,
  toBase64,
} from '../../../../src/core/identity/bankid/sign-text';
import { checkSimpleMarkdown } from '../../../../src/simulators/bankid/simple-markdown';

const date = new Date('2025-06-01T22:30:00Z'); // already 2 June in Sweden

describe('sign text (userVisibleData, simpleMarkdownV1)', () => {
  it('shows the service as a heading, the answers as a list and the Swedish date', () => {
    const text = buildSignText(
      {
        service: 'Ansökan om parkeringstillstånd',
        items: [
          { label: 'Namn', value: 'Anna Andersson' },
          { label: 'Registreringsnummer', value: 'ABC 123' },
        ],
      },
      date,
    );
    expect(text).toBe(
      [
        '# Ansökan om parkeringstillstånd',
        '+ *Namn:* Anna Andersson',
        '+ *Registreringsnummer:* ABC 123',
        '',
        'Datum: 2025-06-02',
      ].join('\n'),
    );
    expect(checkSimpleMarkdown(text)).toEqual({ ok: true });
  });

  it("escapes markdown characters in the visitor's answers and keeps them on one line", () => {
    expect(escapeSimpleMarkdown('5 * 3 # a|b + c - d_e \\ f')).toBe('5 \\* 3 \\# a\\|b \\+ c \\- d\\_e \\\\ f');
    const text = buildSignText(
      { service: '# Not a heading *', items: [{ label: 'Fritext', value: 'rad 1\nrad 2\r\n* punkt' }] },
      date,
    );
    expect(text.split('\n')).toHaveLength(4);
    expect(checkSimpleMarkdown(text)).toEqual({ ok: true });
  });

  it('shows an empty answer as a dash', () => {
    expect(buildSignText({ service: 'X', items: [{ label: 'Telefon', value: '' }] }, date)).toContain('+ *Telefon:* –');
  });

  it("any summary gives valid simpleMarkdownV1 within BankID's size limit", () => {
    fc.assert(
      fc.property(
        fc.record({
          service: fc.string({ minLength: 1, maxLength: 200 }),
          items: fc.array(
            fc.record({ label: fc.string({ minLength: 1, maxLength: 200 }), value: fc.string({ maxLength: 2000 }) }),
            { maxLength: 60 },
          ),
        }),
        (summary) => {
          const text = buildSignText(summary, date);
          expect(checkSimpleMarkdown(text)).toEqual({ ok: true });
          expect(toBase64(text).length).toBeLessThanOrEqual(SIGN_TEXT_MAX_BASE64);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves out trailing answers (and says so) rather than exceed the limit', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ label: `Fråga ${i}`, value: 'å'.repeat(2000) }));
    const text = buildSignText({ service: 'Lång ansökan', items }, date);
    expect(toBase64(text).length).toBeLessThanOrEqual(SIGN_TEXT_MAX_BASE64);
    expect(text).toMatch(/\+ … \d+ fler uppgifter finns i ärendet/);
    expect(text.endsWith('Datum: 2025-06-02')).toBe(true);
  });

  it('hashes the document as base64 SHA-256', () => {
    expect(documentHash(Buffer.from('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(documentHash(summaryDocument({ service: 'X', items: [] }, date))).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('writes the date in Swedish time', () => {
    expect(swedishDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(swedishDate(new Date('2025-07-01T10:00:00Z'))).toBe('2025-07-01');
  });
});
