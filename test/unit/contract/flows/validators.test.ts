import { describe, expect, it } from 'vitest';
import {
  addToDate,
  parseDateLimit,
  parseIsoDate,
  resolveToday,
  todayInSweden,
} from '../../../../src/contract/flows/dates';
import { parseEmail } from '../../../../src/contract/flows/email-address';
import { formatPhone, parsePhone } from '../../../../src/contract/flows/phone-number';
import { parsePostalCode } from '../../../../src/contract/flows/postal-code';

describe('postal codes', () => {
  it.each([
    ['123 45', '123 45'],
    ['12345', '123 45'],
    [' 981 31 ', '981 31'],
    ['SE-123 45', '123 45'],
    ['se 12345', '123 45'],
  ])('%s → %s', (input, value) => {
    expect(parsePostalCode(input)).toEqual({ ok: true, value });
  });

  it.each(['', '1234', '123456', '012 34', '123-45', 'abc de', '123  45', '12 345'])('%s is refused', (input) => {
    expect(parsePostalCode(input)).toEqual({ ok: false, code: 'postalCode.format' });
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['anna@example.se', 'anna@example.se'],
    ['Anna.Svensson@Kommun.SE', 'Anna.Svensson@kommun.se'],
    [' a.b+kiosk@mail.example.com ', 'a.b+kiosk@mail.example.com'],
    ['o_brien@sub-domain.example.org', 'o_brien@sub-domain.example.org'],
    ['kalle@åäö.se', 'kalle@åäö.se'],
    ['x@xn--exmpel-wxa.se', 'x@xn--exmpel-wxa.se'],
  ])('%s → %s', (input, value) => {
    expect(parseEmail(input)).toEqual({ ok: true, value });
  });

  it.each([
    '',
    'anna',
    'anna@',
    '@example.se',
    'anna@example',
    'anna@@example.se',
    'an na@example.se',
    'anna@exa mple.se',
    'anna@example.s',
    'anna@-example.se',
    'anna@example-.se',
    'anna..svensson@example.se',
    '.anna@example.se',
    'anna@example..se',
    'anna@example.123',
    `${'a'.repeat(65)}@example.se`,
    `a@${'b'.repeat(250)}.se`,
  ])('%s is refused', (input) => {
    expect(parseEmail(input)).toEqual({ ok: false, code: 'email.format' });
  });
});

describe('phone numbers', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['+46 (0)70-123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['08-746 10 00', '+4687461000'],
    ['(08) 746 10 00', '+4687461000'],
    ['0470-12 34 56', '+46470123456'],
    ['031-123456', '+4631123456'],
    ['+358 40 123 4567', '+358401234567'],
    ['+47 22 12 34 56', '+4722123456'],
  ])('%s → %s', (input, value) => {
    expect(parsePhone(input)).toEqual({ ok: true, value });
  });

  it.each([
    '',
    '12345',
    '070-123',
    '7012345678',
    '070 123 45 67 89 0',
    '+46 0 70 123 45 67',
    'tel 0701234567',
    '070-12a 45 67',
    '+1 23',
    '+4670123456789',
    '++46701234567',
  ])('%s is refused', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'phone.format' });
  });

  it('shows Swedish numbers the way Swedes write them', () => {
    expect(formatPhone('+46701234567')).toBe('070-123 45 67');
    expect(formatPhone('+4687461000')).toBe('08-7461000');
    expect(formatPhone('+46470123456')).toBe('0470123456');
    expect(formatPhone('+358401234567')).toBe('+358401234567');
  });
});

describe('dates', () => {
  it.each([
    ['2025-06-15', '2025-06-15'],
    ['20250615', '2025-06-15'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('%s → %s', (input, date) => {
    expect(parseIsoDate(input)).toEqual({ ok: true, date });
  });

  it.each([
    ['2025-6-15', 'date.format'],
    ['15/06/2025', 'date.format'],
    ['', 'date.format'],
    ['2025-13-01', 'date.invalid'],
    ['2025-02-29', 'date.invalid'],
    ['1900-02-29', 'date.invalid'],
    ['2025-04-31', 'date.invalid'],
    ['2025-01-00', 'date.invalid'],
  ])('%s → %s', (input, code) => {
    expect(parseIsoDate(input)).toEqual({ ok: false, code });
  });

  it('parses limits: absolute dates and today with an offset', () => {
    expect(parseDateLimit('today')).toEqual({ kind: 'relative', amount: 0, unit: 'd' });
    expect(parseDateLimit('today+14d')).toEqual({ kind: 'relative', amount: 14, unit: 'd' });
    expect(parseDateLimit('today-18y')).toEqual({ kind: 'relative', amount: -18, unit: 'y' });
    expect(parseDateLimit('2025-01-31')).toEqual({ kind: 'absolute', date: '2025-01-31' });
    expect(parseDateLimit('2025-02-30')).toBeNull();
    expect(parseDateLimit('tomorrow')).toBeNull();
  });

  it('adds days, weeks, months and years, clamping to the end of the month', () => {
    expect(addToDate('2025-06-15', 14, 'd')).toBe('2025-06-29');
    expect(addToDate('2025-12-31', 1, 'd')).toBe('2026-01-01');
    expect(addToDate('2025-06-15', 2, 'w')).toBe('2025-06-29');
    expect(addToDate('2025-01-31', 1, 'm')).toBe('2025-02-28');
    expect(addToDate('2024-01-31', 1, 'm')).toBe('2024-02-29');
    expect(addToDate('2024-02-29', 1, 'y')).toBe('2025-02-28');
    expect(addToDate('2025-06-15', -18, 'y')).toBe('2007-06-15');
    expect(addToDate('2025-03-31', -1, 'm')).toBe('2025-02-28');
  });

  it("takes today in Sweden, not in the machine's time zone", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm
    expect(todayInSweden(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(todayInSweden(new Date('2025-06-15T21:59:00Z'))).toBe('2025-06-15');
    expect(todayInSweden(new Date('2025-06-15T22:00:00Z'))).toBe('2025-06-16');
    expect(resolveToday('2025-06-15')).toBe('2025-06-15');
    expect(resolveToday(new Date('invalid'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
