import { useI18n } from 'vue-i18n';
import type { CatalogueEntry, KioskError } from '../../../contract';
import { localise } from '../../../contract/flows';
import { dateLocale } from '../i18n';
import { useKioskStore } from '../stores/kiosk';
import { dateTimeFormat } from '../../../contract/intl-formats';

/** How the staff panel writes durations, times, service names and failures, in the kiosk's current language. */
export function useStaffFormat() {
  const { t, te } = useI18n();
  const store = useKioskStore();

  /** 45 s, 12 min, 3 h 5 min, 2 dygn. */
  function duration(totalSeconds: number): string {
    const s = Math.max(0, Math.round(totalSeconds));
    if (s < 60) return t('staff.duration.seconds', { n: s });
    const minutes = Math.floor(s / 60);
    if (minutes < 60) return t('staff.duration.minutes', { n: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('staff.duration.hours', { h: hours, m: minutes % 60 });
    const days = Math.floor(hours / 24);
    return t('staff.duration.days', days);
  }

  /** A date and time in Swedish time (the kiosk's), e.g. "3 mars 2026 14:05". */
  function dateTime(iso: string | null): string {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return dateTimeFormat(dateLocale(store.language), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    }).format(d);
  }

  /** The e-service's title in the current language, or its id when the catalogue is not at hand. */
  function serviceName(flowId: string, services: readonly CatalogueEntry[] | null): string {
    const entry = services?.find((s) => s.id === flowId);
    return entry ? localise(entry.title, store.language) : flowId;
  }

  /** What staff read when an action fails; the English message for IT goes beside it. */
  function failure(error: KioskError): string {
    if (error.reason && te(`staff.errors.${error.reason}`, 'sv')) return t(`staff.errors.${error.reason}`);
    if (te(`staff.errors.${error.code}`, 'sv')) return t(`staff.errors.${error.code}`);
    return t('staff.errors.generic');
  }

  return { duration, dateTime, serviceName, failure };
}
