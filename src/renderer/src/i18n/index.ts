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

export { dateLocale } from './date-locale';

/** Switches every visible text, the document language and direction. */
export function applyLanguage(lang: Language): void {
  (i18n.global.locale as unknown as { value: string }).value = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}
