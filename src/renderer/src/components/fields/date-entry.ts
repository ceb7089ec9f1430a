/**
 * What the touch date field does, without the DOM: the typed text kept in the form ÅÅÅÅ-MM-DD (the
 * hyphens come by themselves), the date read out in the visitor's language, the field's limits as
 * dates, the "a day earlier / later" steps and the weeks of a calendar month.
 */
import {
  addToDate,
  daysInMonth,
  formatIsoDate,
  parseDateLimit,
  parseIsoDate,
  resolveDateLimit,
  todayInSweden,
} from '../../../../contract/flows';
import { dateLocale } from '../../i18n/date-locale';
import { dateTimeFormat } from '../../../../contract/intl-formats';

/** The longest text the field holds: ÅÅÅÅ-MM-DD. */
export const DATE_TEXT_LENGTH = 10;

/** The text of the field and where the caret goes. */
export interface TypedDate {
  text: string;
  caret: number;
}

/**
 * Puts what was typed (on the on-screen number pad, a physical keyboard, pasted) into the form
 * ÅÅÅÅ-MM-DD: only digits are kept, at most eight; a hyphen is put in before the fifth and the seventh
 * digit. A hyphen typed right after the year or the month stays, so the visitor sees it; one that was
 * deleted is not put back until the next digit comes. `caret` (where it was in `raw`) moves with the
 * digits before it. "20260101" typed on a keyboard becomes "2026-01-01".
 */
export function typeDate(raw: string, caret: number = raw.length): TypedDate {
  const digits = raw.replace(/\D/g, '').slice(0, 8);
  let text = digits.slice(0, 4);
  if (digits.length > 4) text += `-${digits.slice(4, 6)}`;
  if (digits.length > 6) text += `-${digits.slice(6)}`;
  if (/-\s*$/.test(raw) && (digits.length === 4 || digits.length === 6)) text += '-';
  if (caret >= raw.length) return { text, caret: text.length };
  const digitsBefore = raw.slice(0, caret).replace(/\D/g, '').length;
  let at = 0;
  for (let seen = 0; at < text.length && seen < digitsBefore; at += 1) if (/\d/.test(text[at] ?? '')) seen += 1;
  return { text, caret: at };
}

/** The ISO date the text is, when it is a whole, real date; else null. */
export function dateOf(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const parsed = parseIsoDate(text);
  return parsed.ok ? parsed.date : null;
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** "söndag 1 mars 2026", "Sunday, 1 March 2026", "الأحد 1 مارس 2026": the date as the visitor reads it. */
export function readableDate(iso: string, lang: string): string {
  return dateTimeFormat(dateLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(iso));
}

/** "mars 2026": a calendar's heading. */
export function monthName(year: number, month: number, lang: string): string {
  return dateTimeFormat(dateLocale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1, 12)),
  );
}

/** The field's earliest and latest date for today (Europe/Stockholm), from its `min` and `max`. */
export interface DateRange {
  min?: string;
  max?: string;
}

export function dateRange(spec: { min?: string; max?: string }, today: string = todayInSweden()): DateRange {
  const limit = (s: string | undefined): string | undefined => {
    const parsed = s === undefined ? null : parseDateLimit(s);
    return parsed ? resolveDateLimit(parsed, today) : undefined;
  };
  const range: DateRange = {};
  const min = limit(spec.min);
  const max = limit(spec.max);
  if (min) range.min = min;
  if (max) range.max = max;
  return range;
}

export function inRange(iso: string, range: DateRange): boolean {
  return (range.min === undefined || iso >= range.min) && (range.max === undefined || iso <= range.max);
}

/** The date a step starts from: the field's date, else today moved inside the field's limits. */
export function startingDate(current: string | null, range: DateRange, today: string = todayInSweden()): string {
  if (current) return current;
  if (range.min && today < range.min) return range.min;
  if (range.max && today > range.max) return range.max;
  return today;
}

/** One step ("− 1 dag", "+ 1 dag"): the new date, or null where it would leave the field's limits. */
export function stepDate(
  current: string | null,
  days: number,
  range: DateRange,
  today: string = todayInSweden(),
): string | null {
  const next = current ? addToDate(current, days, 'd') : startingDate(null, range, today);
  return inRange(next, range) ? next : null;
}

/** The day of the week, Monday 0 to Sunday 6. */
export function weekdayOf(iso: string): number {
  return (utcDate(iso).getUTCDay() + 6) % 7;
}

/** The days of a month as weeks from Monday to Sunday; null where a week reaches into another month. */
export function monthWeeks(year: number, month: number): Array<Array<string | null>> {
  const offset = weekdayOf(formatIsoDate(year, month, 1));
  const days = daysInMonth(year, month);
  const weeks: Array<Array<string | null>> = [];
  let week: Array<string | null> = Array.from({ length: offset }, () => null);
  for (let day = 1; day <= days; day += 1) {
    week.push(formatIsoDate(year, month, day));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The weekdays' names, Monday first, in the visitor's language (short, and in full for screen readers). */
export function weekdayNames(lang: string): Array<{ short: string; long: string }> {
  const short = dateTimeFormat(dateLocale(lang), {
    weekday: lang === 'ar' ? 'narrow' : 'short',
    timeZone: 'UTC',
  });
  const long = dateTimeFormat(dateLocale(lang), { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i, 12));
    return { short: short.format(d), long: long.format(d) };
  });
}

/** The month (year, month) a date is in, and the one before or after it. */
export function monthOf(iso: string): { year: number; month: number } {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return { year, month };
}

export function shiftMonth(view: { year: number; month: number }, by: number): { year: number; month: number } {
  const total = view.year * 12 + (view.month - 1) + by;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}
