/**
 * The visitor-facing case reference: `K7-4F9Q-2`. Six random characters and one check character,
 * from an alphabet without the look-alikes 0/O and 1/I, so it can be read aloud over the counter and
 * typed back. The check character (Damm's algorithm over GF(32)) catches every single wrong character
 * and every swap of two different neighbours, the check character included. Uniqueness per kiosk is
 * enforced by the queue (unique index, collision retry).
 */
import { randomInt } from 'node:crypto';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = REFERENCE_ALPHABET.length; // 32
const DATA_LENGTH = 6;

function codeOf(ch: string): number {
  return REFERENCE_ALPHABET.indexOf(ch);
}

/** Multiplication by x in GF(32) = GF(2)[x]/(x^5 + x^2 + 1). */
function timesX(v: number): number {
  const shifted = v << 1;
  return shifted & 0x20 ? shifted ^ 0x25 : shifted;
}

/**
 * Damm's scheme over the quasigroup a∘b = x·a + b of GF(32): a Latin square (so any single wrong
 * character changes the result) that is totally anti-symmetric ((c∘a)∘b = (c∘b)∘a only if a = b, so
 * any swap of two different neighbours does too).
 */
function fold(codes: number[]): number {
  let interim = 0;
  for (const c of codes) interim = timesX(interim) ^ c;
  return interim;
}

/** The check character for a string of alphabet characters. */
export function checkCharacter(data: string): string {
  const codes = [...data].map(codeOf);
  if (codes.some((c) => c < 0)) throw new RangeError('reference data outside the alphabet');
  // the check c makes the fold of data + c zero: x·interim + c = 0, and −v = v in characteristic 2
  return REFERENCE_ALPHABET[timesX(fold(codes))] as string;
}

function format(data: string): string {
  return `${data.slice(0, 2)}-${data.slice(2, 6)}-${checkCharacter(data)}`;
}

/** A fresh random reference (the queue checks it against the ones it holds). */
export function generateReference(random: (max: number) => number = (max) => randomInt(max)): string {
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) data += REFERENCE_ALPHABET[random(N)];
  return format(data);
}

/**
 * The canonical form of what a visitor or staff member typed (`k7 4f9q 2`, `K74F9Q2`, `k7-4f9q-2`),
 * or null when it is not a valid reference (wrong length, a character outside the alphabet, a check
 * character that does not match).
 */
export function normalizeReference(input: string): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== DATA_LENGTH + 1) return null;
  const codes = [...compact].map(codeOf);
  if (codes.some((c) => c < 0)) return null;
  if (fold(codes) !== 0) return null;
  return format(compact.slice(0, DATA_LENGTH));
}

export function isValidReference(input: string): boolean {
  return normalizeReference(input) !== null;
}
