/**
 * The one redaction layer for everything the kiosk writes about itself (logs, error messages that
 * reach the log or the screen). Personal data must never leave through it:
 *  - values under keys that hold personal data are replaced whole;
 *  - free text is scrubbed of anything shaped like a personnummer/samordningsnummer, e-mail address,
 *    phone number or postal address line;
 *  - values a visit has seen (the signed-in person's name, address, answers) are registered with
 *    `remember()` for the duration of the visit and scrubbed wherever they appear.
 */

export const REDACTED = '[redacted]';

/** Keys whose values are personal data, whatever they look like. Compared case-insensitively. */
const PERSONAL_KEYS = new Set(
  [
    'personalNumber',
    'personnummer',
    'pnr',
    'name',
    'givenName',
    'surname',
    'firstName',
    'lastName',
    'fullName',
    'address',
    'street',
    'streetAddress',
    'postalCode',
    'zip',
    'city',
    'email',
    'mail',
    'phone',
    'mobile',
    'telephone',
    'answers',
    'answer',
    'value',
    'values',
    'children',
    'userVisibleData',
    'signature',
    'ocspResponse',
    'completionData',
    'user',
    'person',
    'payload',
    'body',
    'text',
  ].map((k) => k.toLowerCase()),
);

const PATTERNS: RegExp[] = [
  // personnummer / samordningsnummer: 10 or 12 digits, optional - or + before the last four
  /(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/g,
  // e-mail
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  // Swedish and international phone numbers: +46 70 123 45 67, 070-123 45 67, 08-746 10 00
  /(?<![\w])(?:\+\d{1,3}[\s-]?|0)\d{1,4}(?:[\s-]?\d{2,4}){2,4}(?![\w])/g,
  // a street address with a number: "Storgatan 12", "Vägen 3 B"
  /\b[A-ZÅÄÖ][a-zåäöé]+(?:gatan|vägen|gränd|torget|stigen|backen|allén|plan|väg|gata)\s+\d+\s?[A-Za-z]?\b/g,
  // postal code NNN NN
  /(?<!\d)\d{3}\s\d{2}(?!\d)/g,
];

export class Redactor {
  private readonly remembered = new Set<string>();

  /** Scrub these exact values (at least three characters) from every string until `forget()`. */
  remember(...values: Array<string | undefined | null>): void {
    for (const v of values) {
      if (typeof v !== 'string') continue;
      const t = v.trim();
      if (t.length >= 3) this.remembered.add(t);
      // names: also each part of a multi-word value ("Anna Svensson" → "Anna", "Svensson")
      for (const part of t.split(/\s+/)) if (part.length >= 3) this.remembered.add(part);
    }
  }

  /** Drop every remembered value (at the end of a visit). */
  forget(): void {
    this.remembered.clear();
  }

  text(input: string): string {
    let out = input;
    if (this.remembered.size > 0) {
      // longest first, so "Anna Svensson" goes before "Anna"
      const list = [...this.remembered].sort((a, b) => b.length - a.length);
      for (const v of list) out = out.split(v).join(REDACTED);
    }
    for (const re of PATTERNS) out = out.replace(re, REDACTED);
    return out;
  }

  /**
   * Free text a person wrote (a staff note), which may name anyone: `text()`, and then every proper
   * name the layer can recognise without knowing it — capitalised words in a row ("Erik Johansson"),
   * and a capitalised word that does not start a sentence ("ring Erik"). It over-redacts on purpose.
   */
  note(input: string): string {
    const word = String.raw`\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?`;
    return this.text(input)
      .replace(new RegExp(String.raw`${word}(?:\s+${word})+`, 'gu'), REDACTED)
      .replace(new RegExp(String.raw`(?<![.!?:]\s*|^\s*)(?<=\s)${word}`, 'gu'), REDACTED);
  }

  /** A deep copy of `value` with personal data removed. Cycles and depth are bounded. */
  value(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 8) return '[depth]';
    if (seen.has(value)) return '[cycle]';
    seen.add(value);
    if (value instanceof Error) return this.error(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1, seen));
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = PERSONAL_KEYS.has(k.toLowerCase()) ? REDACTED : this.value(v, depth + 1, seen);
    }
    return out;
  }

  error(err: Error): { type: string; message: string; code?: string; stack?: string } {
    const code = (err as { code?: unknown }).code;
    return {
      type: err.name,
      message: this.text(err.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(err.stack ? { stack: this.text(err.stack) } : {}),
    };
  }
}
