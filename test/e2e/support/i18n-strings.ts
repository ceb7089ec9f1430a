/** The kiosk's own texts, to find them on a screen that should show another language. */

/** Every message string of a language (sv, en, ar from the renderer's i18n), up to its first placeholder, that is long enough to be recognisable. */
export function messageStrings(messages: object): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.split('{')[0]!.trim());
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(messages);
  return out.filter((s) => s.length >= 12);
}
