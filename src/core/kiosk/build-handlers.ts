/**
 * The contract's handlers, put together from the capabilities. Visitor-facing calls answer only on a
 * kiosk that is in order; the printer's state and staff mode answer on an out-of-order kiosk too.
 */
import type { KioskHandlers, KioskInfo } from '../../contract';
import { KioskFailure } from '../../contract';
import type { AttachmentService } from '../attachments/attachment-service';
import type { CaseService } from '../cases/service';
import { createFlowsHandlers, flowCatalogue, type LoadedFlows } from '../flows';
import type { createHelpService } from '../help';
import type { IdentityService } from '../identity/identity-service';
import type { createPaperRoute } from '../paper/paper-route';
import { createPrintHandlers } from '../printing/print-handlers';
import type { Printer } from '../printing/print-service';
import type { Visit } from '../session/visit';
import type { KioskSpeech } from './build-speech';
import type { createSubmissionService } from '../submission/submission-service';
import type { OutOfOrderState } from './out-of-order';
import type { StaffHandlers } from './build-staff';

export interface KioskCapabilities {
  info: () => KioskInfo;
  outOfOrder: OutOfOrderState;
  /** Whether the config was valid (the catalogue is refused without one). */
  configured: boolean;
  visit: Visit;
  help: ReturnType<typeof createHelpService>;
  flows: LoadedFlows;
  identity: IdentityService | null;
  submission: ReturnType<typeof createSubmissionService> | null;
  attachments: AttachmentService | null;
  cases: CaseService | null;
  paper: ReturnType<typeof createPaperRoute> | null;
  printer: Printer | null;
  speech: KioskSpeech | null;
  staff: StaffHandlers;
}

export function buildHandlers(c: KioskCapabilities): KioskHandlers {
  const { visit, identity } = c;
  const flowsHandlers = createFlowsHandlers({ flows: c.flows.flows });
  const printHandlers = c.printer ? createPrintHandlers({ printer: c.printer }) : null;

  /** Visitor-facing calls: only on a kiosk that is in order. */
  function ready<T>(service: T | null): T {
    if (!service || c.outOfOrder.reasons().length > 0)
      throw new KioskFailure('unavailable', 'The kiosk is out of order.');
    return service;
  }

  return {
    'app.info': async () => c.info(),
    'app.help': async ({ language }) => c.help.help(language),
    'session.reset': async ({ reason }) => ({ cancelled: await visit.reset(reason), visitId: visit.id }),
    'session.touch': async ({ extendSeconds }) => {
      visit.touch(extendSeconds ?? 0);
      return {};
    },
    'catalogue.list': async () => {
      ready(c.configured || null);
      return {
        services: flowCatalogue(c.flows.flows),
        eidTest: identity !== null && identity.methods().length > 0,
      };
    },
    'flows.get': async (input) => ready(flowsHandlers)['flows.get'](input),
    'flows.validate': async (input) => ready(flowsHandlers)['flows.validate'](input),
    'identity.startLogin': async (input) => ready(identity).handlers['identity.startLogin'](input),
    'identity.startTest': async (input) => ready(identity).handlers['identity.startTest'](input),
    'identity.methods': async (input) => ready(identity).handlers['identity.methods'](input),
    'identity.cancel': async (input) => (identity ? identity.handlers['identity.cancel'](input) : {}),
    'identity.current': async (input) =>
      identity ? identity.handlers['identity.current'](input) : { signedIn: false },
    'identity.logout': async (input) => (identity ? identity.handlers['identity.logout'](input) : {}),
    'submission.prefill': async (input) => ready(c.submission).handlers['submission.prefill'](input),
    'submission.startSign': async (input) => ready(c.submission).handlers['submission.startSign'](input),
    'submission.submit': async (input) => ready(c.submission).handlers['submission.submit'](input),
    'submission.printReceipt': async (input) => ready(c.submission).handlers['submission.printReceipt'](input),
    'attachments.scan': async (input) => ready(c.attachments).handlers['attachments.scan'](input),
    'attachments.openCamera': async (input) => ready(c.attachments).handlers['attachments.openCamera'](input),
    'attachments.closeCamera': async (input) =>
      c.attachments ? c.attachments.handlers['attachments.closeCamera'](input) : {},
    'attachments.capture': async (input) => ready(c.attachments).handlers['attachments.capture'](input),
    'attachments.rotate': async (input) => ready(c.attachments).handlers['attachments.rotate'](input),
    'attachments.deletePage': async (input) => ready(c.attachments).handlers['attachments.deletePage'](input),
    'attachments.discard': async (input) => ready(c.attachments).handlers['attachments.discard'](input),
    'cases.status': async (input) => ready(c.cases).handlers['cases.status'](input),
    'paper.start': async (input) => ready(c.paper).handlers['paper.start'](input),
    'paper.print': async (input) => ready(c.paper).handlers['paper.print'](input),
    // the printer's state is for staff too, on an out-of-order kiosk as well
    'print.status': async (input) =>
      printHandlers ? printHandlers['print.status'](input) : { state: 'unknown', printer: '' },
    // speech reads the out-of-order screen too: a blind visitor must hear that the kiosk cannot help
    'speech.say': async (input) => {
      if (!c.speech) throw new KioskFailure('unavailable', 'The kiosk has no valid configuration.');
      c.speech.say(input);
      return {};
    },
    'speech.stop': async () => {
      c.speech?.stop();
      return {};
    },
    'speech.headset': async () => {
      const state = c.speech?.headset.state();
      return { plugged: state?.status === 'watching' ? state.plugged : null };
    },
    // staff mode works on an out-of-order kiosk too: that is when staff need it most
    ...c.staff,
  };
}
