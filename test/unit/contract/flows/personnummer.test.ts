import { describe, expect, it } from 'vitest';
import { formatPersonnummer, luhnCheckDigit, parsePersonnummer } from '../../../../src/contract/flows/personnummer';

const today = '2025-06-15';

describe('parsePersonnummer: valid numbers are normalised to 12 digits', () => {
  it.each([
    ['811218-9876', '198112189876', 'personnummer', '1981-12-18'],
    ['8112189876', '198112189876', 'personnummer', '1981-12-18'],
    ['19811218-9876', '198112189876', 'personnummer', '1981-12-18'],
    ['198112189876', '198112189876', 'personnummer', '1981-12-18'],
    ['811218 9876', '198112189876', 'personnummer', '1981-12-18'],
    ['  811218-9876 ', '198112189876', 'personnummer', '1981-12-18'],
    // Skatteverket's classic test number, as a child born 2012 and (with +) as a person born 1912
    ['121212-1212', '201212121212', 'personnummer', '2012-12-12'],
    ['121212+1212', '191212121212', 'personnummer', '1912-12-12'],
    ['19121212+1212', '191212121212', 'personnummer', '1912-12-12'],
    ['19121212-1212', '191212121212', 'personnummer', '1912-12-12'],
    // samordningsnummer: day + 60
    ['701063-2391', '197010632391', 'samordningsnummer', '1970-10-03'],
    ['197010632391', '197010632391', 'samordningsnummer', '1970-10-03'],
    ['010161-1234', '200101611234', 'samordningsnummer', '2001-01-01'],
    // leap days
    ['000229-1235', '200002291235', 'personnummer', '2000-02-29'],
    ['040229-1231', '200402291231', 'personnummer', '2004-02-29'],
    // century from today's year: "-" means at most 99 this year; "+" 100 or more
    ['260101-1238', '192601011238', 'personnummer', '1926-01-01'],
    ['250601+1234', '192506011234', 'personnummer', '1925-06-01'],
    ['250601-1234', '202506011234', 'personnummer', '2025-06-01'],
    ['250615-1238', '202506151238', 'personnummer', '2025-06-15'],
  ])('%s → %s', (input, normalised, kind, birthDate) => {
    const r = parsePersonnummer(input, { today });
    expect(r).toEqual({ ok: true, value: { normalised, kind, birthDate } });
  });
});

describe('parsePersonnummer: invalid input names the problem', () => {
  it.each([
    ['', 'pnr.format'],
    ['abc', 'pnr.format'],
    ['81121-9876', 'pnr.format'],
    ['81121898765', 'pnr.format'],
    ['1981121898765', 'pnr.format'],
    ['811218--9876', 'pnr.format'],
    ['811218-98 76', 'pnr.format'],
    ['811218*9876', 'pnr.format'],
    ['８１１２１８-９８７６', 'pnr.format'],
    // a "+" with a four-digit year must mean 100 or older
    ['19811218+9876', 'pnr.format'],
    ['811218-9875', 'pnr.checksum'],
    ['8112189870', 'pnr.checksum'],
    ['701063-2392', 'pnr.checksum'],
    ['811318-9876', 'pnr.date'],
    ['811200-9876', 'pnr.date'],
    ['811232-9876', 'pnr.date'],
    ['701093-2395', 'pnr.date'], // samordningsnummer day 33
    ['190229-1234', 'pnr.date'], // 2019 is not a leap year
    ['000229+1235', 'pnr.date'], // 1900 was not a leap year
    ['250616-1237', 'pnr.date'], // tomorrow
    ['20251231-1230', 'pnr.date'], // later this year
  ])('%s → %s', (input, code) => {
    expect(parsePersonnummer(input, { today })).toEqual({ ok: false, code });
  });

  it('refuses a samordningsnummer where only personnummer are allowed, after the other checks', () => {
    expect(parsePersonnummer('701063-2391', { today, allowSamordningsnummer: false })).toEqual({
      ok: false,
      code: 'pnr.samordningsnummer',
    });
    expect(parsePersonnummer('701063-2392', { today, allowSamordningsnummer: false })).toEqual({
      ok: false,
      code: 'pnr.checksum',
    });
    expect(parsePersonnummer('811218-9876', { today, allowSamordningsnummer: false }).ok).toBe(true);
  });

  it('reads the century from the given today: the same number is a child in 2025 and unborn in 2011', () => {
    expect(parsePersonnummer('121212-1212', { today: '2011-01-01' })).toEqual({
      ok: true,
      value: { normalised: '191212121212', kind: 'personnummer', birthDate: '1912-12-12' },
    });
    expect(parsePersonnummer('121212-1212', { today: new Date('2025-06-15T12:00:00Z') }).ok).toBe(true);
  });

  it('never throws on non-strings', () => {
    for (const v of [null, undefined, 42, {}, [], true]) {
      expect(parsePersonnummer(v as unknown as string, { today })).toEqual({ ok: false, code: 'pnr.format' });
    }
  });
});

describe('luhnCheckDigit and formatting', () => {
  it.each([
    ['811218987', 6],
    ['121212121', 2],
    ['701063239', 1],
    ['000229123', 5],
  ])('check digit of %s is %i', (nine, digit) => {
    expect(luhnCheckDigit(nine)).toBe(digit);
  });

  it('formats 12 digits for display and leaves anything else alone', () => {
    expect(formatPersonnummer('198112189876')).toBe('19811218-9876');
    expect(formatPersonnummer('8112189876')).toBe('8112189876');
  });
});
