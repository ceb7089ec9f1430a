import { createI18n } from 'vue-i18n';
import type { Language } from '../../../contract';
import { ar } from './ar';
import { en } from './en';
import type { MessageSchema } from './message-schema';
import { sv } from './sv';

export const i18n = createI18n<[MessageSchema], Language>({
  legacy: false,
  locale: 'sv',
  // Arabic may lack a newer key: English is likelier understood than Swedish by an Arabic speaker
  fallbackLocale: { ar: ['en'], default: ['sv'] },
  // ar is a partial schema on purpose (see ar.ts); vue-i18n resolves its missing keys by the fallback
  messages: { sv, en, ar: ar as MessageSchema },
  missingWarn: false,
  fallbackWarn: false,
});

const RTL = new Set<Language>(['ar']);

export function isRightToLeft(lang: string): boolean {
  return RTL.has(lang as Language);
}

/** Dates and times in the visitor's language, with Western digits (as on the case reference). */
const DATE_LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB', ar: 'ar-u-nu-latn' };

/** The Intl locale for dates and times shown in `lang`. */
export function dateLocale(lang: string): string {
  return DATE_LOCALES[lang as Language] ?? 'en-GB';
}

/** Switches every visible text, the document language and direction. */
export function applyLanguage(lang: Language): void {
  (i18n.global.locale as unknown as { value: string }).value = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}
