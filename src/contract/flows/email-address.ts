/**
 * E-mail addresses as people type them at a kiosk: one `@`, a local part of the common characters,
 * a domain of dot-separated labels ending in a letters-only top-level domain. Quoted local parts and IP
 * literals are deliberately not accepted. The domain is lower-cased; the local part is kept as typed.
 */

export type EmailResult = { ok: true; value: string } | { ok: false; code: 'email.format' };

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9\u00C0-\u024F-]{1,63}(?<!-)$/u;
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function parseEmail(input: string): EmailResult {
  if (typeof input !== 'string') return { ok: false, code: 'email.format' };
  const s = input.trim();
  if (s.length > 254) return { ok: false, code: 'email.format' };
  const at = s.lastIndexOf('@');
  if (at <= 0 || s.indexOf('@') !== at) return { ok: false, code: 'email.format' };
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, code: 'email.format' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, code: 'email.format' };
  const tld = labels[labels.length - 1] as string;
  if (!TLD.test(tld) || !labels.every((l) => LABEL.test(l))) return { ok: false, code: 'email.format' };
  return { ok: true, value: `${local}@${domain}` };
}
