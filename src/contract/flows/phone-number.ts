/**
 * Phone numbers. Swedish numbers are written nationally (`070-123 45 67`, `08-746 10 00`,
 * `0470-12 34 56`) or internationally (`+46 70 123 45 67`, `0046 …`); spaces, hyphens, dots and
 * brackets are ignored. A Swedish number has 7–9 digits after the leading 0. Foreign numbers in
 * international form (`+358 40 123 4567`, 8–15 digits in all) are accepted too: a visitor's own number
 * is never refused for being foreign. Normalised to E.164: `+46701234567`.
 */

export type PhoneResult = { ok: true; value: string } | { ok: false; code: 'phone.format' };

export function parsePhone(input: string): PhoneResult {
  if (typeof input !== 'string') return { ok: false, code: 'phone.format' };
  const trimmed = input.trim();
  if (trimmed.length > 40 || !/^\+?[\d\s\-.()/]+$/.test(trimmed)) return { ok: false, code: 'phone.format' };
  // "+46 (0)70 …" — the bracketed trunk zero is dropped
  const compact = trimmed.replace(/\(0\)/g, '').replace(/[\s\-.()/]/g, '');
  let international: string;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  else if (compact.startsWith('0')) international = `46${compact.slice(1)}`;
  else return { ok: false, code: 'phone.format' };
  if (!/^[1-9]\d+$/.test(international)) return { ok: false, code: 'phone.format' };
  if (international.startsWith('46')) {
    const national = international.slice(2);
    if (!/^[1-9]\d{6,8}$/.test(national)) return { ok: false, code: 'phone.format' };
    return { ok: true, value: `+46${national}` };
  }
  if (international.length < 8 || international.length > 15) return { ok: false, code: 'phone.format' };
  return { ok: true, value: `+${international}` };
}

/**
 * E.164 → how a Swede reads it: mobile numbers as `070-123 45 67`, other Swedish numbers as `0` + the
 * national digits, foreign numbers unchanged.
 */
export function formatPhone(e164: string): string {
  const mobile = /^\+467(\d)(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (mobile) return `07${mobile[1]}-${mobile[2]} ${mobile[3]} ${mobile[4]}`;
  const stockholm = /^\+468(\d+)$/.exec(e164);
  if (stockholm) return `08-${stockholm[1]}`;
  if (/^\+46\d+$/.test(e164)) return `0${e164.slice(3)}`;
  return e164;
}
