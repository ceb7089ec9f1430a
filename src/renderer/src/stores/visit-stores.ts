import { useAttachmentsStore } from './attachments';
import { useDisplayStore } from './display';
import { useIdentityStore } from './identity';
import { useJourneyStore } from './journey';
import { useNavigationStore } from './navigation';
import { usePaperStore } from './paper';
import { useSpeechStore } from './speech';

/**
 * The stores a visit owns: the visit reset (useVisitReset) puts exactly these back to their first
 * state. A new store that holds anything of a visitor's visit must be added here; a unit test
 * (test/unit/renderer/src/stores/visit-stores.test.ts) fails for a store that is in neither list.
 */
export const VISIT_STORES = [
  useJourneyStore,
  useNavigationStore,
  useIdentityStore,
  usePaperStore,
  useDisplayStore,
  useAttachmentsStore,
  useSpeechStore,
] as const;

/**
 * Stores that are not visit data and survive the reset on purpose, with why:
 *  - `kiosk`: what the kiosk is (app.info from config) and the connection state; the visitor's
 *    language in it is put back to the default by the reset itself.
 */
export const STORES_OUTSIDE_VISIT = ['kiosk'] as const;
