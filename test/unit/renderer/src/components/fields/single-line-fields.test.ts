/**
 * Every field answered on one line is one component; the field type decides which keyboard the visitor
 * gets (inputmode, which the on-screen keyboard follows too) and whether spelling is checked; none names
 * an autocomplete purpose. A number shows its unit. (A date is not one of them: date-entry.test.ts.)
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

describe('the input of a one-line field', () => {
  it.each([
    ['text', 'text', 'text', true],
    ['email', 'text', 'email', false],
    ['phone', 'tel', 'tel', false],
    ['personnummer', 'text', 'numeric', false],
    ['postalCode', 'text', 'numeric', false],
    ['number', 'text', 'decimal', false],
  ])('%s: type %s, keyboard %s, spellcheck %s', (type, inputType, inputmode, spellcheck) => {
    // no autocomplete purpose at all: every visitor input is autocomplete="off" (useShellInput)
    expect(singleLineInputOf(field({ type }), 'sv')).toEqual({ type: inputType, inputmode, spellcheck });
  });

  it('whole numbers get the numeric keypad, numbers with decimals the one with a decimal comma', () => {
    expect(singleLineInputOf(field({ type: 'number', integer: true }), 'sv').inputmode).toBe('numeric');
    expect(singleLineInputOf(field({ type: 'number', integer: false }), 'sv').inputmode).toBe('decimal');
  });

  it('a field filled from the register names no autocomplete purpose either: the browser keeps nothing', () => {
    for (const def of [
      { type: 'text', prefill: 'person.givenName' },
      { type: 'email', prefill: 'person.email' },
      { type: 'phone', prefill: 'person.phone' },
      { type: 'personnummer', prefill: 'person.personnummer' },
    ]) {
      expect(singleLineInputOf(field(def), 'sv')).not.toHaveProperty('autocomplete');
    }
  });

  it("a number's unit is shown in the visitor's language", () => {
    const kronor = field({ type: 'number', unit: { sv: 'kr', en: 'SEK' } });
    expect(singleLineInputOf(kronor, 'sv').unit).toBe('kr');
    expect(singleLineInputOf(kronor, 'en').unit).toBe('SEK');
    expect(singleLineInputOf(kronor, 'ar').unit).toBe('SEK');
    expect(singleLineInputOf(field({ type: 'number' }), 'sv').unit).toBeUndefined();
  });
});
