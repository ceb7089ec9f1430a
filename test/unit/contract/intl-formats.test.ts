import { describe, expect, it } from 'vitest';
import { todayInSweden } from '../../../src/contract/flows/dates';
import { dateTimeFormat, numberFormat } from '../../../src/contract/intl-formats';

describe('Intl formatters made once per locale and options', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const a = dateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
    expect(dateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' })).toBe(a);
    expect(dateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Stockholm' })).not.toBe(a);
    expect(dateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: 'Europe/Stockholm' })).not.toBe(a);
    expect(numberFormat('sv-SE', { maximumFractionDigits: 10 }).format(1234.5)).toBe('1\u00a0234,5');
  });

  it('still gives the date in Sweden whatever the moment (the shared formatter keeps no state)', () => {
    // 23:30 UTC on 31 December is already 1 January in Stockholm (UTC+1)
    expect(todayInSweden(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInSweden(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(todayInSweden(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
