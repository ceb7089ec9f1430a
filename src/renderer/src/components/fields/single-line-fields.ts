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
  spellcheck: boolean;
}

/** Each one-line field type's input. A number allowing only whole numbers gets the numeric keypad (see `singleLineInputOf`). */
export const SINGLE_LINE_FIELDS: Readonly<Record<SingleLineType, SingleLineLook>> = {
  text: { type: 'text', inputmode: 'text', spellcheck: true },
  number: { type: 'text', inputmode: 'decimal', spellcheck: false },
  email: { type: 'text', inputmode: 'email', spellcheck: false },
  phone: { type: 'tel', inputmode: 'tel', spellcheck: false },
  personnummer: { type: 'text', inputmode: 'numeric', spellcheck: false },
  postalCode: { type: 'text', inputmode: 'numeric', spellcheck: false },
};

/** What SingleLineInput gets for a field besides its texts: the look and a number's unit. */
export interface SingleLineInputProps {
  type: SingleLineInputType;
  inputmode: SingleLineInputMode;
  spellcheck: boolean;
  unit?: string;
}

/**
 * The input of a one-line field in the visitor's language. No field names an autocomplete purpose:
 * every visitor input is autocomplete="off" (useShellInput), so nothing typed is kept for the next visitor.
 */
export function singleLineInputOf(field: SingleLineFieldDefinition, language: string): SingleLineInputProps {
  const look = SINGLE_LINE_FIELDS[field.type];
  const input: SingleLineInputProps = {
    type: look.type,
    inputmode: field.type === 'number' && field.integer ? 'numeric' : look.inputmode,
    spellcheck: look.spellcheck,
  };
  if (field.type === 'number' && field.unit) input.unit = localise(field.unit, language);
  return input;
}
