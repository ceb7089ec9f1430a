import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateReference } from '../../../../src/core/cases/reference';
import { englishNumber, spokenText, swedishNumber } from '../../../../src/core/speech/spoken-values';

describe('values spoken the way a Swede reads them', () => {
  it('a personnummer in pairs: year, month, day, the last four — never one long number', () => {
    expect(spokenText('Personnummer 19900101-2385.', 'sv')).toBe(
      'Personnummer nitton nittio, noll ett, noll ett, tjugotre åttiofem.',
    );
    expect(spokenText('199001012385', 'sv')).toBe('nitton nittio, noll ett, noll ett, tjugotre åttiofem');
    expect(spokenText('900101-2385', 'sv')).toBe('nittio, noll ett, noll ett, tjugotre åttiofem');
    expect(spokenText('19900101-2385', 'en')).toBe('nineteen ninety, oh one, oh one, twenty-three eighty-five');
    expect(spokenText('19900101-2385', 'ar')).toBe('1990، صفر واحد، صفر واحد، اثنان ثلاثة ثمانية خمسة');
    // a samordningsnummer (day + 60) is read the same way; a number that is no date is left alone
    expect(spokenText('19900161-2385', 'sv')).toBe('nitton nittio, noll ett, sextioett, tjugotre åttiofem');
    expect(spokenText('19901301-2385', 'sv')).toBe('19901301-2385');
  });

  it('a date with its ordinal day and month name, the year as it is said', () => {
    expect(spokenText('Datum: 2026-12-05', 'sv')).toBe('Datum: femte december tjugo tjugosex');
    expect(spokenText('5 december 2026', 'sv')).toBe('femte december tjugo tjugosex');
    expect(spokenText('2005-03-21', 'sv')).toBe('tjugoförsta mars två tusen fem');
    expect(spokenText('1900-01-31', 'sv')).toBe('trettioförsta januari nittonhundra');
    expect(spokenText('2026-12-05', 'en')).toBe('the fifth of December twenty twenty-six');
    expect(spokenText('30 December 2026', 'en')).toBe('the thirtieth of December twenty twenty-six');
    expect(spokenText('2026-12-05', 'ar')).toBe('5 ديسمبر 2026');
    expect(spokenText('2026-13-05', 'sv')).toBe('2026-13-05');
  });

  it('a case reference character by character, with a pause between its groups', () => {
    expect(spokenText('Ditt ärendenummer är K7-4F9Q-2.', 'sv')).toBe('Ditt ärendenummer är K sju, fyra F nio Q, två.');
    expect(spokenText('K7-4F9Q-2', 'en')).toBe('K seven, four F nine Q, two');
    expect(spokenText('K7-4F9Q-2', 'ar')).toBe('K سبعة، أربعة F تسعة Q، اثنان');
    // every reference the queue can give out is spelt: no digit is left for the voice to read as a number
    for (let i = 0; i < 50; i++) expect(spokenText(generateReference(), 'sv')).not.toMatch(/\d/);
  });

  it('an amount in kronor and öre', () => {
    expect(spokenText('Avgift 1 234,50 kr', 'sv')).toBe('Avgift ett tusen tvåhundra trettiofyra kronor och femtio öre');
    expect(spokenText('1 kr', 'sv')).toBe('en krona');
    expect(spokenText('250 SEK', 'en')).toBe('two hundred and fifty kronor');
    expect(spokenText('1 234 kr', 'ar')).toBe('1234 كرونات');
  });

  it('a phone number: the area code digit by digit, then its groups', () => {
    expect(spokenText('Ring 08-123 45 00', 'sv')).toBe('Ring noll åtta, ett tjugotre, fyrtiofem, noll noll');
    expect(spokenText('070-765 43 21', 'en')).toBe('zero seven zero, seven sixty-five, forty-three, twenty-one');
  });

  it('leaves text without such values as it is', () => {
    expect(spokenText('Stolpens nummer B-1234, Storgatan 12', 'sv')).toBe('Stolpens nummer B-1234, Storgatan 12');
  });

  it('number words in Swedish and English', () => {
    expect(swedishNumber(0)).toBe('noll');
    expect(swedishNumber(17)).toBe('sjutton');
    expect(swedishNumber(101)).toBe('etthundra ett');
    expect(swedishNumber(2_000_021)).toBe('två miljoner tjugoett');
    expect(englishNumber(1_001)).toBe('one thousand one');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        expect(swedishNumber(n)).toMatch(/^[a-zåäö ]+$/);
        expect(englishNumber(n)).toMatch(/^[a-z -]+$/);
      }),
    );
  });
});
