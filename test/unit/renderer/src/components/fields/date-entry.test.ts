/**
 * The touch date field without the DOM: what the visitor types becomes ÅÅÅÅ-MM-DD (a physical keyboard
 * typing 20260101 gives 2026-01-01, which is what is stored), the date is read out in the visitor's
 * language, and the buttons and the calendar stay inside the field's limits, counted from today in Sweden.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldSchema, type DateField } from '../../../../../../src/contract/flows/definition';
import { validateField } from '../../../../../../src/contract/flows/field-validation';
import { resolveContext } from '../../../../../../src/contract/flows/validation-context';
import {
  dateOf,
  dateRange,
  inRange,
  monthWeeks,
  readableDate,
  startingDate,
  stepDate,
  typeDate,
  weekdayNames,
} from '../../../../../../src/renderer/src/components/fields/date-entry';

function dateField(def: Record<string, unknown> = {}): DateField {
  return fieldSchema.parse({ id: 'd', type: 'date', label: { sv: 'Datum', en: 'Date' }, ...def }) as DateField;
}

/** Types `keys` one at a time at the end of the field, as a keyboard does. */
function typeKeys(keys: string, start = ''): string {
  let text = start;
  for (const key of keys) text = typeDate(text + key).text;
  return text;
}

describe('typing a date', () => {
  it('a physical keyboard typing 20260101 gives 2026-01-01, which validation stores as that date', () => {
    const typed = typeKeys('20260101');
    expect(typed).toBe('2026-01-01');
    expect(dateOf(typed)).toBe('2026-01-01');
    expect(validateField(dateField(), typed, resolveContext({ today: '2025-06-01' }))).toEqual({
      ok: true,
      value: '2026-01-01',
    });
  });

  it('the hyphens come with the fifth and the seventh digit; typed ones are kept, more than eight digits are not', () => {
    expect(typeKeys('2026')).toBe('2026');
    expect(typeKeys('20260')).toBe('2026-0');
    expect(typeKeys('2026-')).toBe('2026-');
    expect(typeKeys('2026-03-')).toBe('2026-03-');
    expect(typeKeys('2026-03-14')).toBe('2026-03-14');
    expect(typeKeys('2026031499')).toBe('2026-03-14');
    expect(typeDate('2026/03/14').text).toBe('2026-03-14');
    expect(typeDate(' 2026 03 14 ').text).toBe('2026-03-14');
    expect(typeDate('abc').text).toBe('');
  });

  it('a hyphen the visitor deleted is not put back until the next digit', () => {
    expect(typeDate('2026').text).toBe('2026');
    expect(typeDate('2026-0').text).toBe('2026-0');
  });

  it('the caret stays after the same digits when something is changed in the middle', () => {
    // "2026-03-14", the 3 replaced by a 4 and then the caret after "2026-04": the last digit falls off
    const r = typeDate('2026-043-14', 7);
    expect(r.text).toBe('2026-04-31');
    expect(r.text.slice(0, r.caret)).toBe('2026-04');
  });

  it('whatever is typed, the text is at most ÅÅÅÅ-MM-DD long and of that form', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const { text, caret } = typeDate(raw);
        expect(text.length).toBeLessThanOrEqual(10);
        expect(text).toMatch(/^(\d{0,4}|\d{4}-(\d{0,2}|\d{2}-\d{0,2}))$/);
        expect(caret).toBe(text.length);
      }),
    );
  });

  it('only a whole, real date is a date', () => {
    expect(dateOf('2026-02-28')).toBe('2026-02-28');
    expect(dateOf('2026-02-30')).toBeNull();
    expect(dateOf('2026-02')).toBeNull();
    expect(dateOf('20260228')).toBeNull();
  });
});

describe('reading a date', () => {
  it("in the visitor's language, with Western digits also in Arabic", () => {
    expect(readableDate('2026-03-01', 'sv')).toBe('söndag 1 mars 2026');
    expect(readableDate('2026-03-01', 'en')).toBe('Sunday, 1 March 2026');
    const ar = readableDate('2026-03-01', 'ar');
    expect(ar).toContain('2026');
    expect(ar).toMatch(/مارس/);
  });

  it('the calendar starts its weeks on Monday and names the days in the language', () => {
    const march = monthWeeks(2026, 3);
    // 1 March 2026 is a Sunday: six empty days before it
    expect(march[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(march.flat().filter(Boolean)).toHaveLength(31);
    expect(march.every((w) => w.length === 7)).toBe(true);
    expect(weekdayNames('sv')[0]).toEqual({ short: 'mån', long: 'måndag' });
    expect(weekdayNames('en')[6]?.long).toBe('Sunday');
  });
});

describe('the limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("are the field's min and max for today in Sweden", () => {
    vi.useFakeTimers();
    // 23:30 UTC on 14 June is already 15 June in Stockholm
    vi.setSystemTime(new Date('2025-06-14T23:30:00Z'));
    expect(dateRange({ min: 'today', max: 'today+14d' })).toEqual({ min: '2025-06-15', max: '2025-06-29' });
    expect(dateRange({ min: '2020-01-31' })).toEqual({ min: '2020-01-31' });
    expect(dateRange({})).toEqual({});
  });

  it('the steps and "today" never leave them; an empty field starts from today, moved inside them', () => {
    const range = { min: '2025-06-15', max: '2025-06-17' };
    expect(stepDate('2025-06-16', 1, range, '2025-06-15')).toBe('2025-06-17');
    expect(stepDate('2025-06-17', 1, range, '2025-06-15')).toBeNull();
    expect(stepDate('2025-06-15', -1, range, '2025-06-15')).toBeNull();
    expect(stepDate(null, 1, range, '2025-06-15')).toBe('2025-06-15');
    expect(startingDate(null, { min: '2025-07-01' }, '2025-06-15')).toBe('2025-07-01');
    expect(startingDate(null, { max: '2025-01-01' }, '2025-06-15')).toBe('2025-01-01');
    expect(inRange('2025-06-18', range)).toBe(false);
    expect(inRange('2025-06-18', {})).toBe(true);
  });
});
