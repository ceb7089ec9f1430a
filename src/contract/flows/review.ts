/** The review screen (and the BankID signing summary): every visible answer as the visitor reads it. */
import { analyseAnswers } from './answers-schema';
import { attachmentsDisplay } from './attachment-answer';
import type { AnswerableField, FlowDefinition } from './definition';
import { isAnswerable } from './definition';
import { localise } from './localise';
import { formatPersonnummer } from './personnummer';
import { formatPhone } from './phone-number';
import { childNumber } from './field-validation';
import { resolveContext, type AnswerValue, type ValidationContext } from './validation-context';
import { numberFormat } from '../intl-formats';

export interface ReviewItem {
  stepId: string;
  stepTitle: string;
  fieldId: string;
  label: string;
  /** The answer as text; '' when the visitor left an optional field empty (or its answer is invalid). */
  displayValue: string;
  answered: boolean;
}

const YES = { sv: 'Ja', en: 'Yes' };
const NO = { sv: 'Nej', en: 'No' };

/** Never throws, whatever `answers` holds. `ctx.children` lets a chosen child show by name. */
export function reviewItems(
  flow: FlowDefinition,
  answers: unknown,
  lang: string,
  ctx?: ValidationContext,
): ReviewItem[] {
  const { fields, clean } = analyseAnswers(flow, answers, ctx);
  const items: ReviewItem[] = [];
  for (const { step, field } of fields) {
    if (!isAnswerable(field)) continue;
    const value = Object.hasOwn(clean, field.id) ? clean[field.id] : undefined;
    items.push({
      stepId: step.id,
      stepTitle: localise(step.title, lang),
      fieldId: field.id,
      label: localise(field.label, lang),
      displayValue: value === undefined ? '' : safeDisplayValue(field, value, lang, ctx),
      answered: value !== undefined,
    });
  }
  return items;
}

function safeDisplayValue(field: AnswerableField, value: AnswerValue, lang: string, ctx?: ValidationContext): string {
  try {
    return displayValue(field, value, lang, ctx);
  } catch {
    return typeof value === 'object' ? '' : String(value);
  }
}

/** One normalised answer as text in the visitor's language. */
export function displayValue(
  field: AnswerableField,
  value: AnswerValue,
  lang: string,
  ctx?: ValidationContext,
): string {
  switch (field.type) {
    case 'radio':
    case 'select': {
      const option = field.options.find((o) => o.value === value);
      return option ? localise(option.label, lang) : String(value);
    }
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : [];
      return field.options
        .filter((o) => chosen.includes(o.value))
        .map((o) => localise(o.label, lang))
        .join(', ');
    }
    case 'yesno':
      return value === 'yes' ? localise(field.yesLabel ?? YES, lang) : localise(field.noLabel ?? NO, lang);
    case 'consent':
      return localise(YES, lang);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      const text = numberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 10 }).format(n);
      return field.unit ? `${text} ${localise(field.unit, lang)}` : text;
    }
    case 'address': {
      if (typeof value !== 'object' || Array.isArray(value)) return String(value);
      return `${value.street}, ${value.postalCode} ${value.city}`;
    }
    case 'personnummer':
      return formatPersonnummer(String(value));
    case 'phone':
      return formatPhone(String(value));
    case 'attachment':
      return attachmentsDisplay(field, Array.isArray(value) ? value : [], resolveContext(ctx).attachments, lang);
    case 'childSelect': {
      const pnr = String(value);
      const today = resolveContext(ctx).today;
      const child = Array.isArray(ctx?.children)
        ? ctx.children.find((c) => childNumber(c?.personnummer, today) === pnr)
        : undefined;
      return child ? `${child.name} (${formatPersonnummer(pnr)})` : formatPersonnummer(pnr);
    }
    default:
      return String(value);
  }
}
