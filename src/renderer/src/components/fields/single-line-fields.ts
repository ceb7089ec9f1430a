import { localise, type FieldDefinition, type FieldType } from '../../../../contract/flows';

/** The field types answered on one line, all shown by SingleLineField (a date has its own, DateField). */
export type SingleLineType = Extract<FieldType, 'text' | 'number' | 'email' | 'phone' | 'personnummer' | 'postalCode'>;
export type SingleLineFieldDefinition = Extract<FieldDefinition, { type: SingleLineType }>;

/** The input's `type` (never the browser's date input: see DateField). */
export type SingleLineInputType = 'text' | 'tel';
/** The input's `inputmode`: the on-screen keyboard picks its layout by it (keyboard-layouts.ts `modeOf`). */
export type SingleLineInputMode = 'text' | 'numeric' | 'decimal' | 'tel' | 'email';

/** How one field type's input looks to the browser and the keyboards. */
interface SingleLineLook {
  type: SingleLineInputType;
  inputmode: SingleLineInputMode;
  /** The autocomplete token. */
  autocomplete: string;
  /** A field filled from the register (`prefill`) takes its source's token instead (given-name, tel …). */
  autocompleteFromPrefill: boolean;
  spellcheck: boolean;
}

/** Each one-line field type's input. A number allowing only whole numbers gets the numeric keypad (see `singleLineInputOf`). */
export const SINGLE_LINE_FIELDS: Readonly<Record<SingleLineType, SingleLineLook>> = {
  text: { type: 'text', inputmode: 'text', autocomplete: 'off', autocompleteFromPrefill: true, spellcheck: true },
  number: {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    autocompleteFromPrefill: false,
    spellcheck: false,
  },
  email: { type: 'text', inputmode: 'email', autocomplete: 'email', autocompleteFromPrefill: true, spellcheck: false },
  phone: { type: 'tel', inputmode: 'tel', autocomplete: 'tel', autocompleteFromPrefill: true, spellcheck: false },
  personnummer: {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    autocompleteFromPrefill: false,
    spellcheck: false,
  },
  postalCode: {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'postal-code',
    autocompleteFromPrefill: false,
    spellcheck: false,
  },
};

/** What SingleLineInput gets for a field besides its texts: the look and a number's unit. */
export interface SingleLineInputProps {
  type: SingleLineInputType;
  inputmode: SingleLineInputMode;
  autocomplete: string;
  spellcheck: boolean;
  unit?: string;
}

/**
 * The input of a one-line field in the visitor's language. `prefillToken` gives the token of the
 * field's register source, or the fallback when it has none (useFieldTexts `autocomplete`).
 */
export function singleLineInputOf(
  field: SingleLineFieldDefinition,
  language: string,
  prefillToken: (fallback: string) => string,
): SingleLineInputProps {
  const look = SINGLE_LINE_FIELDS[field.type];
  const input: SingleLineInputProps = {
    type: look.type,
    inputmode: field.type === 'number' && field.integer ? 'numeric' : look.inputmode,
    autocomplete: look.autocompleteFromPrefill ? prefillToken(look.autocomplete) : look.autocomplete,
    spellcheck: look.spellcheck,
  };
  if (field.type === 'number' && field.unit) input.unit = localise(field.unit, language);
  return input;
}
