import { computed, type ComputedRef } from 'vue';
import { useDisplayStore } from '../stores/display';
import { useIdentityStore } from '../stores/identity';
import { useJourneyStore } from '../stores/journey';
import { useKioskStore } from '../stores/kiosk';
import { useNavigationStore } from '../stores/navigation';
import { usePaperStore } from '../stores/paper';
import { useSpeechStore } from '../stores/speech';

/**
 * The one definition of "a visit is under way": the visitor has done something that the visit reset
 * would undo. That is: left the start screen (or has a way back to a screen), opened an e-service,
 * signed in, taken the paper route, chosen another language than the kiosk's default, or changed the
 * display settings (text size, contrast, keyboard hidden, the settings sheet open), or turned speech
 * mode on.
 *
 * The untouched start screen is no visit: no inactivity timer runs there and opening staff mode does
 * not reset anything in core. Used by the shell (App.vue: the inactivity timer runs while a visit is
 * under way) and staff mode (opening the PIN pad ends a visit under way first).
 */
export function useVisitUnderWay(): ComputedRef<boolean> {
  const nav = useNavigationStore();
  const journey = useJourneyStore();
  const identity = useIdentityStore();
  const paper = usePaperStore();
  const display = useDisplayStore();
  const speech = useSpeechStore();
  const kiosk = useKioskStore();
  return computed(
    () =>
      nav.screen !== 'start' ||
      nav.history.length > 0 ||
      journey.flow !== null ||
      identity.signedIn ||
      paper.active ||
      (kiosk.info !== null && kiosk.language !== kiosk.info.defaultLanguage) ||
      display.textSize !== 100 ||
      display.highContrast ||
      display.keyboardHidden ||
      display.sheetOpen ||
      speech.on,
  );
}
