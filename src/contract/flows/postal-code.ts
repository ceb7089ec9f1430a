/** Swedish postal codes (postnummer): five digits, written `NNN NN`; the first digit is 1–9. */

export type PostalCodeResult = { ok: true; value: string } | { ok: false; code: 'postalCode.format' };

/** Accepts `NNN NN`, `NNNNN` and `SE-NNN NN`; normalises to `NNN NN`. */
export function parsePostalCode(input: string): PostalCodeResult {
  if (typeof input !== 'string') return { ok: false, code: 'postalCode.format' };
  const m = /^(?:SE-?\s?)?([1-9]\d{2})\s?(\d{2})$/i.exec(input.trim());
  if (!m) return { ok: false, code: 'postalCode.format' };
  return { ok: true, value: `${m[1]} ${m[2]}` };
}
