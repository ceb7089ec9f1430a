import type { Language } from '../../../contract';

/** Dates and times in the visitor's language, with Western digits (as on the case reference). */
const DATE_LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB', ar: 'ar-u-nu-latn' };

/** The Intl locale for dates and times shown in `lang` (a module of its own: no DOM, no vue-i18n). */
export function dateLocale(lang: string): string {
  return DATE_LOCALES[lang as Language] ?? 'en-GB';
}
