/** Answers taken from the population register after login (fields with `prefill`). */
import { flowFields, type FlowDefinition, type PrefillSource } from './definition';
import type { AnswerValue, Answers, PrefillValues } from './validation-context';

/** The register value a prefill source names, or undefined when the register has none. */
export function prefillValue(source: PrefillSource, person: PrefillValues): AnswerValue | undefined {
  switch (source) {
    case 'person.name':
      return person.name;
    case 'person.givenName':
      return person.givenName;
    case 'person.surname':
      return person.surname;
    case 'person.personnummer':
      return person.personnummer;
    case 'person.email':
      return person.email;
    case 'person.phone':
      return person.phone;
    case 'person.address':
      return person.address ? { ...person.address } : undefined;
  }
}

/** An answer the visitor has not given: missing, or a text left empty. */
function unanswered(value: unknown): boolean {
  return value === undefined || value === '';
}

/**
 * Register values (`prefilled`, by field id) merged into the visitor's `current` answers: a field that
 * may not be edited always takes the register's value and is `locked`; an editable one only when the
 * visitor has not answered it. The one rule for core and the renderer.
 */
export function mergePrefill(
  flow: FlowDefinition,
  prefilled: Answers,
  current: Answers = {},
): { answers: Answers; locked: string[] } {
  const answers: Answers = { ...current };
  const locked: string[] = [];
  for (const { field } of flowFields(flow)) {
    if (!('prefill' in field) || field.prefill === undefined || !Object.hasOwn(prefilled, field.id)) continue;
    const value = prefilled[field.id];
    if (value === undefined || value === null) continue;
    if (!field.editable) locked.push(field.id);
    if (!field.editable || unanswered(answers[field.id])) answers[field.id] = value;
  }
  return { answers, locked };
}

/**
 * The starting answers after login: every field with `prefill` whose register value exists. Answers the
 * visitor already gave are kept (pass them as `current`), except for non-editable fields.
 */
export function prefillAnswers(flow: FlowDefinition, person: PrefillValues, current: Answers = {}): Answers {
  const values: Answers = {};
  for (const { field } of flowFields(flow)) {
    if (!('prefill' in field) || field.prefill === undefined) continue;
    const value = prefillValue(field.prefill, person);
    if (value !== undefined) values[field.id] = value;
  }
  return mergePrefill(flow, values, current).answers;
}
