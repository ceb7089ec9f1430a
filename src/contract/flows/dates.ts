/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), which compare correctly as strings. Pure: "today" is
 * always passed in (see `todayInSweden` for the default), so validation is deterministic in tests.
 */
import { dateTimeFormat } from '../intl-formats';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type IsoDateResult = { ok: true; date: string } | { ok: false; code: 'date.format' | 'date.invalid' };

/** Accepts `YYYY-MM-DD` (and `YYYYMMDD`); returns the ISO form, or why not. */
export function parseIsoDate(input: string): IsoDateResult {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(input.trim());
  if (!m) return { ok: false, code: 'date.format' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isRealDate(year, month, day)) return { ok: false, code: 'date.invalid' };
  return { ok: true, date: formatIsoDate(year, month, day) };
}

export type DateLimit =
  { kind: 'absolute'; date: string } | { kind: 'relative'; amount: number; unit: 'd' | 'w' | 'm' | 'y' };

/** `2025-01-31`, `today`, `today+14d`, `today-18y`, `today+3m`, `today+2w`; null when not a real date/spec. */
export function parseDateLimit(spec: string): DateLimit | null {
  const rel = /^today(?:([+-])(\d{1,4})([dwmy]))?$/.exec(spec);
  if (rel) {
    const amount = rel[2] === undefined ? 0 : Number(rel[2]) * (rel[1] === '-' ? -1 : 1);
    return { kind: 'relative', amount, unit: (rel[3] ?? 'd') as 'd' | 'w' | 'm' | 'y' };
  }
  const abs = /^\d{4}-\d{2}-\d{2}$/.test(spec) ? parseIsoDate(spec) : null;
  return abs && abs.ok ? { kind: 'absolute', date: abs.date } : null;
}

/** Adds days, weeks, months or years to an ISO date; a month/year step clamps to the month's last day. */
export function addToDate(date: string, amount: number, unit: 'd' | 'w' | 'm' | 'y'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (unit === 'd' || unit === 'w') {
    const ms = Date.UTC(y, m - 1, d) + amount * (unit === 'w' ? 7 : 1) * 86_400_000;
    const t = new Date(ms);
    return formatIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const totalMonths = y * 12 + (m - 1) + amount * (unit === 'y' ? 12 : 1);
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  return formatIsoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

export function resolveDateLimit(limit: DateLimit, today: string): string {
  return limit.kind === 'absolute' ? limit.date : addToDate(today, limit.amount, limit.unit);
}

/** Today's date in Sweden (Europe/Stockholm), whatever the machine's time zone. */
export function todayInSweden(now: Date = new Date()): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate(get('year'), get('month'), get('day'));
}

/** A `today` option as given by a caller (an ISO date or a Date) → ISO date in Sweden. */
export function resolveToday(today: string | Date | undefined): string {
  if (today instanceof Date && !Number.isNaN(today.getTime())) return todayInSweden(today);
  if (typeof today === 'string') {
    const parsed = parseIsoDate(today);
    if (parsed.ok) return parsed.date;
  }
  return todayInSweden();
}
