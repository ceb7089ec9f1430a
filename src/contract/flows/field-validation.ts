/**
 * One field's answer: is it acceptable, and what is it normalised to. Never throws: any value of any
 * type gives either a normalised value or issues with codes (see issues.ts).
 */
import { ATTACHMENT_ID_PATTERN } from './attachment-limits';
import type {
  AddressField,
  AnswerableField,
  AttachmentField,
  CheckboxesField,
  ConsentField,
  DateField,
  NumberField,
  TextField,
  TextareaField,
} from './definition';
import { parseDateLimit, parseIsoDate, resolveDateLimit } from './dates';
import { parseEmail } from './email-address';
import type { AnswerIssue, IssueCode, IssueParams } from './issues';
import { parsePersonnummer } from './personnummer';
import { parsePhone } from './phone-number';
import { parsePostalCode } from './postal-code';
import { prefillValue } from './prefill';
import type { AddressValue, AnswerValue, ResolvedContext } from './validation-context';
import { controlCharactersToSpace } from '../control-characters';

/** When a text field sets no maxLength. */
export const DEFAULT_MAX_LENGTH = { text: 200, textarea: 4000 } as const;
/** Parts of an address block and their longest answers. */
export const ADDRESS_LIMITS = { street: 100, postalCode: 10, city: 60 } as const;

export type FieldResult =
  | { ok: true; /** undefined: not answered (and not required) */ value: AnswerValue | undefined }
  | { ok: false; issues: AnswerIssue[] };

const answered = (value: AnswerValue | undefined): FieldResult => ({ ok: true, value });
const fail = (path: string, code: IssueCode, params?: IssueParams): FieldResult => ({
  ok: false,
  issues: [params ? { path, code, params } : { path, code }],
});

/** Is this raw value "nothing typed"? */
export function isEmptyAnswer(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return raw.length === 0;
  return false;
}

/** Single-line text: control characters (C0, DEL, C1) become spaces, runs of white space one space, NFC, trimmed. */
export function normaliseLine(s: string): string {
  return controlCharactersToSpace(s.normalize('NFC'))
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Multi-line text: CRLF → LF, control characters other than LF and TAB (incl. C1) dropped, NFC, trimmed. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
}

/** Length in characters as a visitor counts them (code points, not UTF-16 units). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export function validateField(field: AnswerableField, rawInput: unknown, ctx: ResolvedContext): FieldResult {
  try {
    let raw = rawInput;
    if ('prefill' in field && field.prefill !== undefined && !field.editable && ctx.prefill) {
      const fromRegister = prefillValue(field.prefill, ctx.prefill);
      if (fromRegister !== undefined) raw = fromRegister;
    }
    if (field.type === 'consent') return validateConsent(field, raw);
    if (field.type === 'address') return validateAddress(field, raw);
    if (isEmptyAnswer(raw)) return field.required ? fail(field.id, 'required') : answered(undefined);
    return validateGiven(field, raw, ctx);
  } catch {
    // only reachable with exotic objects (throwing getters, proxies); treat as a malformed answer
    return fail(field.id, 'type', { expected: 'value' });
  }
}

function validateGiven(field: AnswerableField, raw: unknown, ctx: ResolvedContext): FieldResult {
  const id = field.id;
  switch (field.type) {
    case 'consent':
      return validateConsent(field, raw);
    case 'address':
      return validateAddress(field, raw);
    case 'text':
    case 'textarea':
      return validateText(field, raw);
    case 'number':
      return validateNumber(field, raw);
    case 'date':
      return validateDate(field, raw, ctx);
    case 'email': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      const r = parseEmail(raw);
      return r.ok ? answered(r.value) : fail(id, r.code);
    }
    case 'phone': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      const r = parsePhone(raw);
      return r.ok ? answered(r.value) : fail(id, r.code);
    }
    case 'personnummer': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      const r = parsePersonnummer(raw, { today: ctx.today, allowSamordningsnummer: field.allowSamordningsnummer });
      return r.ok ? answered(r.value.normalised) : fail(id, r.code);
    }
    case 'postalCode': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      const r = parsePostalCode(raw);
      return r.ok ? answered(r.value) : fail(id, r.code);
    }
    case 'radio':
    case 'select': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      return field.options.some((o) => o.value === raw) ? answered(raw) : fail(id, 'choice.invalid');
    }
    case 'checkboxes':
      return validateCheckboxes(field, raw);
    case 'yesno': {
      if (raw === true || raw === 'yes') return answered('yes');
      if (raw === false || raw === 'no') return answered('no');
      return typeof raw === 'string' ? fail(id, 'choice.invalid') : fail(id, 'type', { expected: 'string' });
    }
    case 'attachment':
      return validateAttachments(field, raw, ctx);
    case 'childSelect': {
      if (typeof raw !== 'string') return fail(id, 'type', { expected: 'string' });
      const r = parsePersonnummer(raw, { today: ctx.today });
      if (!r.ok) return fail(id, 'child.unknown');
      if (ctx.children && !ctx.children.some((c) => childNumber(c?.personnummer, ctx.today) === r.value.normalised)) {
        return fail(id, 'child.unknown');
      }
      return answered(r.value.normalised);
    }
  }
}

/** A child's personnummer from the register, normalised to 12 digits (null if it is not one). */
export function childNumber(pnr: unknown, today: string): string | null {
  if (typeof pnr !== 'string') return null;
  const r = parsePersonnummer(pnr, { today });
  return r.ok ? r.value.normalised : null;
}

function validateConsent(field: ConsentField, raw: unknown): FieldResult {
  if (raw === true) return answered(true);
  if (raw === false || raw === undefined || raw === null) return fail(field.id, 'consent.required');
  return fail(field.id, 'type', { expected: 'boolean' });
}

function validateText(field: TextField | TextareaField, raw: unknown): FieldResult {
  if (typeof raw !== 'string') return fail(field.id, 'type', { expected: 'string' });
  const value = field.type === 'text' ? normaliseLine(raw) : normaliseText(raw);
  const length = textLength(value);
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
  if (length > max) return fail(field.id, 'text.tooLong', { max });
  if (field.minLength !== undefined && length < field.minLength)
    return fail(field.id, 'text.tooShort', { min: field.minLength });
  if (field.pattern !== undefined) {
    let matches: boolean;
    try {
      matches = new RegExp(`^(?:${field.pattern})$`, 'u').test(value);
    } catch {
      matches = false;
    }
    if (!matches) return fail(field.id, 'text.pattern');
  }
  return answered(value);
}

function validateNumber(field: NumberField, raw: unknown): FieldResult {
  let n: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(field.id, 'number.format');
    n = raw;
  } else if (typeof raw === 'string') {
    // "1 250,5" and "1250.5" — Swedish decimal comma and spaces between thousands are fine
    const s = raw
      .trim()
      .replace(/[\s\u00A0\u202F]/g, '')
      .replace(',', '.')
      .replace(/^\u2212/, '-');
    if (!/^[-+]?\d{1,15}(?:\.\d{1,10})?$/.test(s)) return fail(field.id, 'number.format');
    n = Number(s);
  } else {
    return fail(field.id, 'type', { expected: 'number' });
  }
  if (Object.is(n, -0)) n = 0;
  if (field.integer && !Number.isInteger(n)) return fail(field.id, 'number.integer');
  if (field.min !== undefined && n < field.min) return fail(field.id, 'number.tooSmall', { min: field.min });
  if (field.max !== undefined && n > field.max) return fail(field.id, 'number.tooLarge', { max: field.max });
  return answered(n);
}

function validateDate(field: DateField, raw: unknown, ctx: ResolvedContext): FieldResult {
  if (typeof raw !== 'string') return fail(field.id, 'type', { expected: 'string' });
  const r = parseIsoDate(raw);
  if (!r.ok) return fail(field.id, r.code);
  const min = field.min === undefined ? null : parseDateLimit(field.min);
  const max = field.max === undefined ? null : parseDateLimit(field.max);
  if (min) {
    const limit = resolveDateLimit(min, ctx.today);
    if (r.date < limit) return fail(field.id, 'date.tooEarly', { min: limit });
  }
  if (max) {
    const limit = resolveDateLimit(max, ctx.today);
    if (r.date > limit) return fail(field.id, 'date.tooLate', { max: limit });
  }
  return answered(r.date);
}

function validateCheckboxes(field: CheckboxesField, raw: unknown): FieldResult {
  if (!Array.isArray(raw) || raw.length > 200) return fail(field.id, 'type', { expected: 'array' });
  if (!raw.every((v): v is string => typeof v === 'string')) return fail(field.id, 'type', { expected: 'array' });
  const chosen = new Set(raw);
  if ([...chosen].some((v) => !field.options.some((o) => o.value === v))) return fail(field.id, 'choice.invalid');
  // in the options' order, each once
  const value = field.options.map((o) => o.value).filter((v) => chosen.has(v));
  if (field.minSelected !== undefined && value.length < field.minSelected)
    return fail(field.id, 'choice.tooFew', { min: field.minSelected });
  if (field.maxSelected !== undefined && value.length > field.maxSelected)
    return fail(field.id, 'choice.tooMany', { max: field.maxSelected });
  return answered(value);
}

function validateAddress(field: AddressField, raw: unknown): FieldResult {
  if (raw !== undefined && raw !== null && raw !== '' && (typeof raw !== 'object' || Array.isArray(raw))) {
    return fail(field.id, 'type', { expected: 'object' });
  }
  const source = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const part = (key: string): unknown => (Object.hasOwn(source, key) ? source[key] : undefined);
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (blank(part('street')) && blank(part('postalCode')) && blank(part('city'))) {
    if (!field.required) return answered(undefined);
    return {
      ok: false,
      issues: (['street', 'postalCode', 'city'] as const).map((p) => ({
        path: `${field.id}.${p}`,
        code: 'required' as const,
      })),
    };
  }
  const issues: AnswerIssue[] = [];
  const value: AddressValue = { street: '', postalCode: '', city: '' };
  for (const key of ['street', 'postalCode', 'city'] as const) {
    const path = `${field.id}.${key}`;
    const v = part(key);
    if (blank(v)) {
      issues.push({ path, code: 'required' });
      continue;
    }
    if (typeof v !== 'string') {
      issues.push({ path, code: 'type', params: { expected: 'string' } });
      continue;
    }
    if (key === 'postalCode') {
      const r = parsePostalCode(v);
      if (r.ok) value.postalCode = r.value;
      else issues.push({ path, code: r.code });
      continue;
    }
    const line = normaliseLine(v);
    if (textLength(line) > ADDRESS_LIMITS[key])
      issues.push({ path, code: 'text.tooLong', params: { max: ADDRESS_LIMITS[key] } });
    else value[key] = line;
  }
  return issues.length > 0 ? { ok: false, issues } : answered(value);
}

/**
 * The attachment ids of the visit, each once, in the order given. With the visit's attachments in the
 * context (core on submit, the renderer as the visitor goes), each must be one of this field's and its
 * pages must fit the field.
 */
function validateAttachments(field: AttachmentField, raw: unknown, ctx: ResolvedContext): FieldResult {
  if (!Array.isArray(raw) || raw.length > 50) return fail(field.id, 'type', { expected: 'array' });
  if (!raw.every((v): v is string => typeof v === 'string' && ATTACHMENT_ID_PATTERN.test(v)))
    return fail(field.id, 'type', { expected: 'array' });
  const value = [...new Set(raw)];
  if (value.length > field.maxAttachments) return fail(field.id, 'attachment.tooMany', { max: field.maxAttachments });
  if (ctx.attachments) {
    for (const id of value) {
      const held = ctx.attachments.find((a) => a?.id === id && a.fieldId === field.id);
      if (!held) return fail(field.id, 'attachment.unknown');
      if (held.pages < field.minPages) return fail(field.id, 'attachment.tooFewPages', { min: field.minPages });
      if (held.pages > field.maxPages) return fail(field.id, 'attachment.tooManyPages', { max: field.maxPages });
    }
  }
  return answered(value);
}
