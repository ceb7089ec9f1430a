import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_ALPHABET,
  checkCharacter,
  generateReference,
  isValidReference,
  normalizeReference,
} from '../../../../src/core/cases/reference';

const dataChars = fc
  .array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 6, maxLength: 6 })
  .map((a) => a.join(''));

describe('case reference', () => {
  it('looks like K7-4F9Q-2 and uses no look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const ref = generateReference();
      expect(ref).toMatch(/^[2-9A-HJ-NP-Z]{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/);
      expect(ref).not.toMatch(/[01OI]/);
      expect(isValidReference(ref)).toBe(true);
    }
  });

  it('accepts what a person types: lower case, spaces, no dashes', () => {
    const ref = generateReference();
    const typed = ref.toLowerCase().replace(/-/g, ' ');
    expect(normalizeReference(typed)).toBe(ref);
    expect(normalizeReference(ref.replace(/-/g, ''))).toBe(ref);
  });

  it('catches every single wrong character', () => {
    fc.assert(
      fc.property(dataChars, fc.nat(6), fc.constantFrom(...REFERENCE_ALPHABET), (data, pos, replacement) => {
        const full = data + checkCharacter(data);
        fc.pre(full[pos] !== replacement);
        const typo = full.slice(0, pos) + replacement + full.slice(pos + 1);
        expect(normalizeReference(typo)).toBeNull();
      }),
    );
  });

  it('catches every swap of two different neighbours', () => {
    fc.assert(
      fc.property(dataChars, fc.nat(5), (data, pos) => {
        const full = data + checkCharacter(data);
        fc.pre(full[pos] !== full[pos + 1]);
        const swapped = full.slice(0, pos) + full[pos + 1] + full[pos] + full.slice(pos + 2);
        expect(normalizeReference(swapped)).toBeNull();
      }),
    );
  });

  it('catches every neighbour swap exhaustively, the check character included', () => {
    const base = [...'3456789'.slice(0, 6)];
    let tried = 0;
    for (const a of REFERENCE_ALPHABET) {
      for (const b of REFERENCE_ALPHABET) {
        if (a === b) continue;
        for (let pos = 0; pos < 6; pos++) {
          const data = [...base];
          data[pos] = a;
          if (pos + 1 < 6) data[pos + 1] = b;
          const full = data.join('') + checkCharacter(data.join(''));
          if (full[pos] === full[pos + 1]) continue;
          const swapped = full.slice(0, pos) + full[pos + 1] + full[pos] + full.slice(pos + 2);
          expect(normalizeReference(swapped), swapped).toBeNull();
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(5000);
  });

  it('refuses characters outside the alphabet and wrong lengths', () => {
    expect(normalizeReference('K0-4F9Q-2')).toBeNull();
    expect(normalizeReference('KI-4F9Q-2')).toBeNull();
    expect(normalizeReference('K7-4F9Q')).toBeNull();
    expect(normalizeReference('')).toBeNull();
    expect(normalizeReference('x'.repeat(100))).toBeNull();
  });
});
