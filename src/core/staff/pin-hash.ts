/**
 * Staff PINs are kept in the config file only as scrypt hashes, in one self-describing string:
 *
 *   scrypt$ln=15,r=8,p=1$<salt, base64url>$<derived key, base64url>
 *
 * `ln` is log2 of scrypt's cost N; salt and parameters travel with the hash, so stronger parameters
 * can be introduced later without breaking existing hashes. Verification never throws: a malformed or
 * tampered hash simply does not match. The comparison of derived keys is constant-time.
 *
 * A PIN is compared after Unicode NFKC normalisation, so the same PIN typed on a different keyboard
 * (composed/decomposed letters, full-width digits) still matches.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/**
 * 32 MiB and about 0.1 s per check on a kiosk PC: costly for anyone guessing offline from a copied
 * config file, unnoticeable at the PIN pad even with several staff members to try.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };

/** Bounds accepted from a config file: weak enough to be useless is refused, and so is a memory bomb. */
export const SCRYPT_LIMITS = { ln: { min: 14, max: 20 }, r: { min: 1, max: 16 }, p: { min: 1, max: 4 } } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = '[A-Za-z0-9_-]';
const HASH_PATTERN = new RegExp(
  `^scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$(${B64URL}{22,88})\\$(${B64URL}{43,88})$`,
);

export const PIN_HASH_FORMAT =
  'scrypt$ln=<cost>,r=<block size>,p=<parallelism>$<salt>$<hash> (print one with `npm run hash-pin`)';

export interface ParsedPinHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function inRange(value: number, range: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** The parts of a PIN hash string, or null when it is not one this module wrote (or its parameters are out of bounds). */
export function parsePinHash(hash: string): ParsedPinHash | null {
  if (typeof hash !== 'string') return null;
  const m = HASH_PATTERN.exec(hash);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (
    !inRange(params.ln, SCRYPT_LIMITS.ln) ||
    !inRange(params.r, SCRYPT_LIMITS.r) ||
    !inRange(params.p, SCRYPT_LIMITS.p)
  )
    return null;
  const salt = Buffer.from(m[4] as string, 'base64url');
  const key = Buffer.from(m[5] as string, 'base64url');
  if (salt.length < SALT_BYTES || key.length < KEY_BYTES) return null;
  // base64url must round-trip: a hash with stray padding bits was edited by hand
  if (salt.toString('base64url') !== m[4] || key.toString('base64url') !== m[5]) return null;
  return { params, salt, key };
}

export function isPinHash(hash: string): boolean {
  return parsePinHash(hash) !== null;
}

/** The form a PIN is compared in. */
export function normalizePin(pin: string): string {
  return pin.normalize('NFKC');
}

function derive(pin: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    maxmem: 128 * N * params.r * params.p + 32 * 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(normalizePin(pin), 'utf8'), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a PIN with a fresh random salt. */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (
    !inRange(params.ln, SCRYPT_LIMITS.ln) ||
    !inRange(params.r, SCRYPT_LIMITS.r) ||
    !inRange(params.p, SCRYPT_LIMITS.p)
  ) {
    throw new RangeError(
      `scrypt parameters out of bounds (ln ${SCRYPT_LIMITS.ln.min}–${SCRYPT_LIMITS.ln.max}, r ${SCRYPT_LIMITS.r.min}–${SCRYPT_LIMITS.r.max}, p ${SCRYPT_LIMITS.p.min}–${SCRYPT_LIMITS.p.max})`,
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, params, KEY_BYTES);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `pin` is the PIN `hash` was made from. Never throws; a malformed hash never matches. */
export async function verifyPin(pin: string, hash: string): Promise<boolean> {
  if (typeof pin !== 'string' || pin.length === 0) return false;
  const parsed = parsePinHash(hash);
  if (!parsed) return false;
  let candidate: Buffer;
  try {
    candidate = await derive(pin, parsed.salt, parsed.params, parsed.key.length);
  } catch {
    return false;
  }
  return candidate.length === parsed.key.length && timingSafeEqual(candidate, parsed.key);
}
