import { ref } from 'vue';
import { kiosk } from '../kiosk-api';
import { useJourneyStore } from '../stores/journey';
import { useKioskStore } from '../stores/kiosk';
import { useNavigationStore } from '../stores/navigation';
import { useJourney } from './useJourney';

export type SubmitState = 'idle' | 'sending' | 'storageFailed' | 'unavailable' | 'failed';

/**
 * Sends the case. Only a case core has committed gets a receipt: storage_failed shows the visitor
 * that nothing was stored (and no receipt), unavailable offers another try, invalid_input leads back
 * to the first step with a problem, with the problems shown on its fields.
 */
export function useSubmission() {
  const journey = useJourneyStore();
  const store = useKioskStore();
  const nav = useNavigationStore();
  const moves = useJourney();
  const state = ref<SubmitState>('idle');

  async function submit(): Promise<void> {
    const flow = journey.flow;
    if (!flow || state.value === 'sending') return;
    state.value = 'sending';
    let res: Awaited<ReturnType<ReturnType<typeof kiosk>['submission']['submit']>>;
    try {
      res = await kiosk().submission.submit({
        flowId: flow.id,
        answers: journey.answersToSend(),
        language: store.language,
      });
    } catch {
      state.value = 'failed';
      return;
    }
    if (res.ok) {
      journey.receipt = { ...res.value, service: flow.title };
      state.value = 'idle';
      nav.replace('receipt');
      return;
    }
    const e = res.error;
    if (moves.showRefusal(e)) {
      state.value = 'idle';
      return;
    }
    state.value = e.code === 'storage_failed' ? 'storageFailed' : e.code === 'unavailable' ? 'unavailable' : 'failed';
  }

  return { state, submit };
}
