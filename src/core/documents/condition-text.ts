/**
 * A `visibleIf` condition in words, for the blank blankett: "Fyll i om du har svarat "Ja" på frågan
 * "Vill du att vi hör av oss?"". Returns null when the sentence would be too long or too nested to
 * help a reader; the caller then prints a shorter hint.
 */
import type { Condition, ConditionValue, FieldDefinition, FlowDefinition } from '../../contract/flows/definition';
import { flowFields } from '../../contract/flows/definition';
import { localise } from '../../contract/flows/localise';
import type { DocumentLanguage } from './document-texts';

const MAX_LENGTH = 400;
const MAX_DEPTH = 3;

interface Words {
  answered: (value: string, question: string) => string;
  answeredOneOf: (values: string[], question: string) => string;
  notAnswered: (value: string, question: string) => string;
  isSet: (question: string) => string;
  isNotSet: (question: string) => string;
  ticked: (value: string, question: string) => string;
  notTicked: (value: string, question: string) => string;
  boxTicked: (question: string) => string;
  boxNotTicked: (question: string) => string;
  and: string;
  or: string;
  not: (inner: string) => string;
  yes: string;
  no: string;
}

const quote = (s: string) => `"${s}"`;

const WORDS: Record<DocumentLanguage, Words> = {
  sv: {
    answered: (v, q) => `du har svarat ${quote(v)} på frågan ${quote(q)}`,
    answeredOneOf: (vs, q) => `du har svarat ${vs.map(quote).join(' eller ')} på frågan ${quote(q)}`,
    notAnswered: (v, q) => `du inte har svarat ${quote(v)} på frågan ${quote(q)}`,
    isSet: (q) => `du har svarat på frågan ${quote(q)}`,
    isNotSet: (q) => `du inte har svarat på frågan ${quote(q)}`,
    ticked: (v, q) => `du har kryssat för ${quote(v)} på frågan ${quote(q)}`,
    notTicked: (v, q) => `du inte har kryssat för ${quote(v)} på frågan ${quote(q)}`,
    boxTicked: (q) => `du har kryssat i rutan ${quote(q)}`,
    boxNotTicked: (q) => `du inte har kryssat i rutan ${quote(q)}`,
    and: ' och ',
    or: ' eller ',
    not: (inner) => `det inte gäller att ${inner}`,
    yes: 'Ja',
    no: 'Nej',
  },
  en: {
    answered: (v, q) => `you answered ${quote(v)} to ${quote(q)}`,
    answeredOneOf: (vs, q) => `you answered ${vs.map(quote).join(' or ')} to ${quote(q)}`,
    notAnswered: (v, q) => `you did not answer ${quote(v)} to ${quote(q)}`,
    isSet: (q) => `you answered ${quote(q)}`,
    isNotSet: (q) => `you did not answer ${quote(q)}`,
    ticked: (v, q) => `you ticked ${quote(v)} for ${quote(q)}`,
    notTicked: (v, q) => `you did not tick ${quote(v)} for ${quote(q)}`,
    boxTicked: (q) => `you ticked ${quote(q)}`,
    boxNotTicked: (q) => `you did not tick ${quote(q)}`,
    and: ' and ',
    or: ' or ',
    not: (inner) => `it is not the case that ${inner}`,
    yes: 'Yes',
    no: 'No',
  },
};

function valueWords(
  field: FieldDefinition | undefined,
  value: ConditionValue,
  lang: DocumentLanguage,
  words: Words,
): string {
  if (!field) return String(value);
  switch (field.type) {
    case 'yesno':
      if (value === 'yes') return localise(field.yesLabel, lang) || words.yes;
      if (value === 'no') return localise(field.noLabel, lang) || words.no;
      return String(value);
    case 'radio':
    case 'select':
    case 'checkboxes': {
      const option = field.options.find((o) => o.value === value);
      return option ? localise(option.label, lang) : String(value);
    }
    default:
      return String(value);
  }
}

function question(field: FieldDefinition | undefined, id: string, lang: DocumentLanguage): string {
  const label = field && 'label' in field ? localise(field.label, lang) : '';
  return label !== '' ? label : id;
}

function describe(
  condition: Condition,
  byId: Map<string, FieldDefinition>,
  lang: DocumentLanguage,
  depth: number,
): string | null {
  if (depth > MAX_DEPTH) return null;
  const words = WORDS[lang];
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    const described = parts.map((c) => describe(c, byId, lang, depth + 1));
    if (described.some((d) => d === null)) return null;
    return described.join('all' in condition ? words.and : words.or);
  }
  if ('not' in condition) {
    const inner = condition.not;
    if ('field' in inner) {
      const field = byId.get(inner.field);
      const q = question(field, inner.field, lang);
      if ('equals' in inner) return words.notAnswered(valueWords(field, inner.equals, lang, words), q);
      if ('isSet' in inner) return inner.isSet ? words.isNotSet(q) : words.isSet(q);
      if ('includes' in inner) return words.notTicked(valueWords(field, inner.includes, lang, words), q);
    }
    const described = describe(inner, byId, lang, depth + 1);
    return described === null ? null : words.not(described);
  }
  const field = byId.get(condition.field);
  const q = question(field, condition.field, lang);
  if ('equals' in condition) {
    if (field?.type === 'consent') return condition.equals === true ? words.boxTicked(q) : words.boxNotTicked(q);
    return words.answered(valueWords(field, condition.equals, lang, words), q);
  }
  if ('in' in condition)
    return words.answeredOneOf(
      condition.in.map((v) => valueWords(field, v, lang, words)),
      q,
    );
  if ('isSet' in condition) return condition.isSet ? words.isSet(q) : words.isNotSet(q);
  if ('includes' in condition) return words.ticked(valueWords(field, condition.includes, lang, words), q);
  return null;
}

export function describeCondition(condition: Condition, flow: FlowDefinition, lang: DocumentLanguage): string | null {
  const byId = new Map(flowFields(flow).map(({ field }) => [field.id, field] as const));
  const text = describe(condition, byId, lang, 0);
  return text !== null && text.length <= MAX_LENGTH ? text : null;
}
