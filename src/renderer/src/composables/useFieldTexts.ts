import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { localise, type FieldDefinition } from '../../../contract/flows';
import { useJourneyStore } from '../stores/journey';
import { useKioskStore } from '../stores/kiosk';

/** A field's texts in the visitor's language, and whether its answer came from the register, locked. */
export function useFieldTexts(field: () => FieldDefinition) {
  const kiosk = useKioskStore();
  const journey = useJourneyStore();
  const { t } = useI18n();
  const f = computed(field);
  const label = computed(() => ('label' in f.value && f.value.label ? localise(f.value.label, kiosk.language) : ''));
  const help = computed(() => ('help' in f.value && f.value.help ? localise(f.value.help, kiosk.language) : undefined));
  const placeholder = computed(() =>
    'placeholder' in f.value && f.value.placeholder ? localise(f.value.placeholder, kiosk.language) : undefined,
  );
  const required = computed(() => f.value.type === 'consent' || ('required' in f.value && f.value.required === true));
  const locked = computed(() => journey.lockedFields.includes(f.value.id));
  const lockedNote = computed(() => t('fields.locked'));
  return { label, help, placeholder, required, locked, lockedNote };
}
