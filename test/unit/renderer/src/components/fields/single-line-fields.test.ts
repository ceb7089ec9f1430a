/**
 * Every field answered on one line is one component; the field type decides which keyboard the visitor
 * gets (inputmode, which the on-screen keyboard follows too), what the browser may autofill and whether
 * spelling is checked. A number shows its unit. (A date is not one of them: date-entry.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { fieldSchema } from '../../../../../../src/contract/flows/definition';
import {
  singleLineInputOf,
  type SingleLineFieldDefinition,
} from '../../../../../../src/renderer/src/components/fields/single-line-fields';

function field(def: Record<string, unknown>): SingleLineFieldDefinition {
  return fieldSchema.parse({ id: 'f', label: { sv: 'Fråga', en: 'Question' }, ...def }) as SingleLineFieldDefinition;
}

/** What useFieldTexts' `autocomplete` answers for a field without a register source: the fallback. */
const noPrefill = (fallback: string): string => fallback;

describe('the input of a one-line field', () => {
  it.each([
    ['text', 'text', 'text', 'off', true],
    ['email', 'text', 'email', 'email', false],
    ['phone', 'tel', 'tel', 'tel', false],
    ['personnummer', 'text', 'numeric', 'off', false],
    ['postalCode', 'text', 'numeric', 'postal-code', false],
    ['number', 'text', 'decimal', 'off', false],
  ])(
    '%s: type %s, keyboard %s, autocomplete %s, spellcheck %s',
    (type, inputType, inputmode, autocomplete, spellcheck) => {
      expect(singleLineInputOf(field({ type }), 'sv', noPrefill)).toEqual({
        type: inputType,
        inputmode,
        autocomplete,
        spellcheck,
      });
    },
  );

  it('whole numbers get the numeric keypad, numbers with decimals the one with a decimal comma', () => {
    expect(singleLineInputOf(field({ type: 'number', integer: true }), 'sv', noPrefill).inputmode).toBe('numeric');
    expect(singleLineInputOf(field({ type: 'number', integer: false }), 'sv', noPrefill).inputmode).toBe('decimal');
  });

  it('a field filled from the register lets the browser know what it holds; personnummer and postal code keep their own', () => {
    const register = (): string => 'given-name';
    expect(singleLineInputOf(field({ type: 'text', prefill: 'person.givenName' }), 'sv', register).autocomplete).toBe(
      'given-name',
    );
    expect(singleLineInputOf(field({ type: 'email', prefill: 'person.email' }), 'sv', () => 'email').autocomplete).toBe(
      'email',
    );
    expect(
      singleLineInputOf(field({ type: 'personnummer', prefill: 'person.personnummer' }), 'sv', register).autocomplete,
    ).toBe('off');
    expect(singleLineInputOf(field({ type: 'postalCode' }), 'sv', register).autocomplete).toBe('postal-code');
  });

  it("a number's unit is shown in the visitor's language", () => {
    const kronor = field({ type: 'number', unit: { sv: 'kr', en: 'SEK' } });
    expect(singleLineInputOf(kronor, 'sv', noPrefill).unit).toBe('kr');
    expect(singleLineInputOf(kronor, 'en', noPrefill).unit).toBe('SEK');
    expect(singleLineInputOf(kronor, 'ar', noPrefill).unit).toBe('SEK');
    expect(singleLineInputOf(field({ type: 'number' }), 'sv', noPrefill).unit).toBeUndefined();
  });
});
