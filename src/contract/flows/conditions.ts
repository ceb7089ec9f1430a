/**
 * The `visibleIf` data language: evaluated by walking the data, never by running code. Conditions see
 * only valid, normalised answers of visible fields; a hidden or invalid answer counts as unanswered.
 */
import type { Condition, ConditionValue } from './definition';
import type { AnswerValue } from './validation-context';

/** Bounds evaluation of a condition that did not come through the schema (which allows 8 levels). */
const MAX_DEPTH = 32;

export type AnswerLookup = (fieldId: string) => AnswerValue | undefined;

export function evaluateCondition(condition: Condition, lookup: AnswerLookup, depth = 0): boolean {
  if (depth > MAX_DEPTH || condition === null || typeof condition !== 'object') return false;
  if ('not' in condition) return !evaluateCondition(condition.not, lookup, depth + 1);
  if ('all' in condition)
    return Array.isArray(condition.all) && condition.all.every((c) => evaluateCondition(c, lookup, depth + 1));
  if ('any' in condition)
    return Array.isArray(condition.any) && condition.any.some((c) => evaluateCondition(c, lookup, depth + 1));
  if (!('field' in condition) || typeof condition.field !== 'string') return false;
  const value = lookup(condition.field);
  if ('equals' in condition) return matches(value, condition.equals);
  if ('in' in condition)
    return (
      Array.isArray(condition.in) &&
      condition.in.some((v) => (Array.isArray(value) ? value.includes(v as string) : value === v))
    );
  if ('isSet' in condition) return (value !== undefined) === condition.isSet;
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  return false;
}

function matches(value: AnswerValue | undefined, expected: ConditionValue): boolean {
  if (Array.isArray(value)) return value.length === 1 && value[0] === expected;
  return value === expected;
}

/** The field ids a condition reads (for a renderer that wants to know what to watch). */
export function conditionFields(condition: Condition, depth = 0): string[] {
  if (depth > MAX_DEPTH || condition === null || typeof condition !== 'object') return [];
  if ('not' in condition) return conditionFields(condition.not, depth + 1);
  if ('all' in condition) return condition.all.flatMap((c) => conditionFields(c, depth + 1));
  if ('any' in condition) return condition.any.flatMap((c) => conditionFields(c, depth + 1));
  return [condition.field];
}
