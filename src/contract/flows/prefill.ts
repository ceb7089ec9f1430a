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

/**
 * The starting answers after login: every field with `prefill` whose register value exists. Answers the
 * visitor already gave are kept (pass them as `current`), except for non-editable fields.
 */
export function prefillAnswers(flow: FlowDefinition, person: PrefillValues, current: Answers = {}): Answers {
  const out: Answers = { ...current };
  for (const { field } of flowFields(flow)) {
    if (!('prefill' in field) || field.prefill === undefined) continue;
    const value = prefillValue(field.prefill, person);
    if (value === undefined) continue;
    if (!field.editable || !Object.hasOwn(current, field.id)) out[field.id] = value;
  }
  return out;
}
