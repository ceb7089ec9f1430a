import { createI18n } from 'vue-i18n';
import type { Language } from '../../../contract';
import { en } from './en';
import type { MessageSchema } from './message-schema';
import { sv } from './sv';

export const i18n = createI18n<[MessageSchema], 'sv' | 'en'>({
  legacy: false,
  locale: 'sv',
  fallbackLocale: ['sv'],
  messages: { sv, en },
  missingWarn: false,
  fallbackWarn: false,
});

const RTL = new Set<Language>(['ar']);

/** Switches every visible text, the document language and direction. */
export function applyLanguage(lang: Language): void {
  (i18n.global.locale as unknown as { value: string }).value = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}
