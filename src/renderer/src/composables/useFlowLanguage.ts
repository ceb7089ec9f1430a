import { computed } from 'vue';
import type { LocalisedText } from '../../../contract';
import { isRightToLeft } from '../i18n';
import { useJourneyStore } from '../stores/journey';
import { useKioskStore } from '../stores/kiosk';

/** `lang` and `dir` for an element whose text is in another language than the page (else nothing). */
export interface LangAttrs {
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/**
 * The language a flow text is shown in for the visitor's language: the same choice `localise` makes
 * (its own text when the flow has one; otherwise Swedish for Swedish, English for everything else).
 */
export function textLanguage(text: LocalisedText | undefined, lang: string): string {
  const own = text && Object.hasOwn(text, lang) ? text[lang] : undefined;
  if (typeof own === 'string' && own !== '') return lang;
  return lang === 'sv' ? 'sv' : 'en';
}

export function langAttrs(shown: string, page: string): LangAttrs {
  return shown === page ? {} : { lang: shown, dir: isRightToLeft(shown) ? 'rtl' : 'ltr' };
}

/**
 * E-services are written in Swedish and English; a visitor who chose another language (Arabic) sees
 * the kiosk's own texts in it and the e-service in English. This gives the language the e-service is
 * shown in (decided by its title: a flow is translated as a whole or not at all), the attributes that
 * mark its texts for screen readers and the bidi algorithm, and whether the visitor must be told.
 */
export function useFlowLanguage() {
  const kiosk = useKioskStore();
  const journey = useJourneyStore();
  /** The language of a text of any flow (catalogue entries, which are not the open flow). */
  const shownIn = (text: LocalisedText | undefined): string => textLanguage(text, kiosk.language);
  const attrsOf = (text: LocalisedText | undefined): LangAttrs => langAttrs(shownIn(text), kiosk.language);
  /** The open flow's language. */
  const flowLanguage = computed(() => (journey.flow ? shownIn(journey.flow.title) : kiosk.language));
  const flowAttrs = computed<LangAttrs>(() => langAttrs(flowLanguage.value, kiosk.language));
  /** The flow is not in the visitor's language: say so ("only available in English"). */
  const untranslated = computed(() => flowLanguage.value !== kiosk.language);
  return { shownIn, attrsOf, flowLanguage, flowAttrs, untranslated };
}
