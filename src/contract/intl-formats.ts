/**
 * Intl formatters, made once per locale and options and kept. Making an `Intl.DateTimeFormat` is slow
 * (ICU looks up the locale's patterns and, with a `timeZone`, the zone's rules): the flow engine asks
 * for today's date in Sweden on every validation, and each new formatter cost the visitor a few
 * milliseconds, the first one in a page ~30 ms (more than 100 ms on a kiosk-class CPU) on the tap that
 * opens an e-service's first step. A formatter is immutable, so sharing one is safe.
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function keyOf(locale: string, options: object): string {
  return `${locale}\u0000${JSON.stringify(options)}`;
}

/** `new Intl.DateTimeFormat(locale, options)`, made once. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = keyOf(locale, options);
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** `new Intl.NumberFormat(locale, options)`, made once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = keyOf(locale, options);
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}
