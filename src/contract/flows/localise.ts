import type { LocalisedText } from '../namespaces/catalogue';

/**
 * A flow text in the visitor's language. Swedish and English are always there; for another language
 * (ar, fi, …) its own text when the flow has one, else English.
 */
export function localise(text: LocalisedText | undefined, lang: string): string {
  if (!text) return '';
  const own = Object.hasOwn(text, lang) ? text[lang] : undefined;
  if (typeof own === 'string' && own !== '') return own;
  return lang === 'sv' ? text.sv : text.en;
}
