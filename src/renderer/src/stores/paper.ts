import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PaperRouteReason } from '../../../contract/namespaces/identity';

/**
 * The paper route (blankett) of this visit: why the visitor is on it, and whether core has switched
 * the visit over (`paper.start`). Once on it, the visit stays on it until it is reset: BankID is not
 * used again, nothing is submitted or stored, and the end is a printed blankett. Cleared with the visit.
 */
export const usePaperStore = defineStore('paper', () => {
  const reason = ref<PaperRouteReason | null>(null);
  /** core's side: `paper.start` (for a protected login core switched the visit itself). */
  const coreState = ref<'idle' | 'starting' | 'started' | 'failed'>('idle');
  /** The blankett has been printed during this visit. */
  const printed = ref(false);

  const active = computed(() => reason.value !== null);

  return { reason, coreState, printed, active };
});
