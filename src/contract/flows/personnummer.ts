/**
 * Swedish personnummer and samordningsnummer.
 *
 * Accepted: YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN (a space may stand for
 * the hyphen). A two-digit year takes its century from the separator and today's year: "-" (or none)
 * means the person turns at most 99 this year, "+" that they turn 100 or more (Skatteverket's rule: the
 * hyphen becomes a plus from the year the person turns 100). The date must be real and not in the
 * future; a samordningsnummer has 60 added to the day. The last digit is a Luhn check digit over the
 * nine digits YYMMDDNNN. The result is normalised to 12 digits, YYYYMMDDNNNN.
 */
import { formatIsoDate, isRealDate, resolveToday } from './dates';

export type PersonnummerCode = 'pnr.format' | 'pnr.date' | 'pnr.checksum' | 'pnr.samordningsnummer';

export interface Personnummer {
  /** 12 digits, YYYYMMDDNNNN (the day + 60 for a samordningsnummer). */
  normalised: string;
  kind: 'personnummer' | 'samordningsnummer';
  /** ISO date of birth (the real day for a samordningsnummer). */
  birthDate: string;
}

export type PersonnummerResult = { ok: true; value: Personnummer } | { ok: false; code: PersonnummerCode };

export interface PersonnummerOptions {
  /** The visitor's today (ISO date or Date), for the century and "not in the future"; default today in Sweden. */
  today?: string | Date;
  /** Default true. */
  allowSamordningsnummer?: boolean;
}

const SHAPE = /^(\d{6}|\d{8})(?:\s*([-+])\s*|\s?)(\d{4})$/;

/** The Luhn check digit for nine digits (YYMMDDNNN). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i += 1) {
    let product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

export function parsePersonnummer(input: string, options: PersonnummerOptions = {}): PersonnummerResult {
  if (typeof input !== 'string') return { ok: false, code: 'pnr.format' };
  const m = SHAPE.exec(input.trim());
  if (!m) return { ok: false, code: 'pnr.format' };
  const datePart = m[1] as string;
  const separator = m[2] ?? '-';
  const tail = m[3] as string;
  const today = resolveToday(options.today);
  const thisYear = Number(today.slice(0, 4));

  let year: number;
  const yy = Number(datePart.slice(-6, -4));
  if (datePart.length === 8) {
    year = Number(datePart.slice(0, 4));
    // a "+" says the person turns 100 or more this year; with a four-digit year it must agree
    if (separator === '+' && thisYear - year < 100) return { ok: false, code: 'pnr.format' };
  } else {
    const latest = separator === '+' ? thisYear - 100 : thisYear;
    year = latest - (((((latest % 100) - yy) % 100) + 100) % 100);
  }
  const month = Number(datePart.slice(-4, -2));
  const rawDay = Number(datePart.slice(-2));
  const samordning = rawDay > 60;
  const day = samordning ? rawDay - 60 : rawDay;
  if (!isRealDate(year, month, day)) return { ok: false, code: 'pnr.date' };
  const birthDate = formatIsoDate(year, month, day);
  if (birthDate > today) return { ok: false, code: 'pnr.date' };

  const ten = datePart.slice(-6) + tail;
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return { ok: false, code: 'pnr.checksum' };
  if (samordning && options.allowSamordningsnummer === false) return { ok: false, code: 'pnr.samordningsnummer' };

  return {
    ok: true,
    value: {
      normalised: String(year).padStart(4, '0') + ten.slice(2),
      kind: samordning ? 'samordningsnummer' : 'personnummer',
      birthDate,
    },
  };
}

/** 12 digits → `YYYYMMDD-NNNN` for display. Other input is returned unchanged. */
export function formatPersonnummer(normalised: string): string {
  return /^\d{12}$/.test(normalised) ? `${normalised.slice(0, 8)}-${normalised.slice(8)}` : normalised;
}
