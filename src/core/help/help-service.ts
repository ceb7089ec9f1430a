/**
 * Serves "Frågor och svar" (`app.help`): the text of the visitor's language, or the English one
 * (Swedish for Swedish) where that language has none, with the contact centre from config filled in.
 */
import { KioskFailure, type Help, type Language } from '../../contract';
import { fillHelpPlaceholders } from './help-markdown';
import type { LoadedHelp } from './help-loader';

export interface HelpContacts {
  phone: string | null;
  email: string | null;
}

/** Put in for a contact detail the config leaves out, in the language of the text. */
const ASK_RECEPTION: Record<Language, string> = {
  sv: 'receptionen',
  en: 'the reception',
  ar: 'مكتب الاستقبال',
};

/** The languages tried for a visitor's language, in order. */
export function helpLanguagesFor(language: Language): Language[] {
  return [...new Set<Language>([language, 'en', 'sv'])];
}

export interface HelpService {
  help(language: Language): Help;
}

export function createHelpService(loaded: LoadedHelp, contacts: HelpContacts): HelpService {
  // filled in once: config does not change while the kiosk runs
  const filled = new Map<Language, Help>();
  for (const [language, text] of loaded.texts) {
    const ask = ASK_RECEPTION[language];
    filled.set(language, {
      language,
      entries: fillHelpPlaceholders(text.entries, {
        contactPhone: contacts.phone ?? ask,
        contactEmail: contacts.email ?? ask,
      }),
    });
  }
  return {
    help(language) {
      for (const l of helpLanguagesFor(language)) {
        const help = filled.get(l);
        if (help) return help;
      }
      throw new KioskFailure('unavailable', 'No help text could be loaded (see the log).');
    },
  };
}
