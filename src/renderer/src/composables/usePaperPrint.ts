import { ref } from 'vue';
import type { PrinterState } from '../../../contract/namespaces/print';
import { kiosk } from '../kiosk-api';
import { useJourneyStore } from '../stores/journey';
import { useKioskStore } from '../stores/kiosk';
import { useNavigationStore } from '../stores/navigation';
import { usePaperStore } from '../stores/paper';
import { useJourney } from './useJourney';

export type PaperPrintPhase = 'idle' | 'checking' | 'printing' | 'printerDown' | 'failed';

/** States in which core refuses to print (see docs/printing.md): say so before trying. */
const NOT_PRINTING: ReadonlySet<PrinterState> = new Set(['offline', 'out_of_paper', 'stopped']);

/**
 * Printing the visitor's blankett: the printer's state first, then `paper.print` with the answers that
 * apply. A printer that does not work gives "Skrivaren fungerar inte just nu – vänd dig till
 * receptionen" and a way to try again; nothing the visitor filled in is lost while the visit lasts.
 * Problems core finds in the answers lead back to the step that has them, as for a submission.
 */
export function usePaperPrint() {
  const journey = useJourneyStore();
  const store = useKioskStore();
  const nav = useNavigationStore();
  const paper = usePaperStore();
  const moves = useJourney();
  const phase = ref<PaperPrintPhase>('idle');

  async function print(): Promise<void> {
    const flow = journey.flow;
    if (!flow || phase.value === 'checking' || phase.value === 'printing') return;
    phase.value = 'checking';
    try {
      const status = await kiosk().print.status({});
      // 'unknown' (or a status that could not be read) is tried: core refuses what cannot print
      if (status.ok && NOT_PRINTING.has(status.value.state)) {
        phase.value = 'printerDown';
        return;
      }
      phase.value = 'printing';
      const res = await kiosk().paper.print({
        flowId: flow.id,
        answers: journey.answersToSend(),
        language: store.language,
      });
      if (res.ok) {
        paper.printed = true;
        phase.value = 'idle';
        nav.replace('paperDone');
        return;
      }
      const e = res.error;
      if (moves.showRefusal(e)) {
        phase.value = 'idle';
        return;
      }
      phase.value = e.code === 'print_failed' ? 'printerDown' : 'failed';
    } catch {
      phase.value = 'failed';
    }
  }

  return { phase, print };
}
