/**
 * The paper route in core. Entered when the visitor says they have protected identity or no BankID,
 * when BankID cannot be used, or when the register reports a protection marking (identity sets the
 * visit's paperRoute itself). From then on nothing of the visit may be stored: the submission service
 * refuses, BankID refuses, and the only output is the prefilled blankett, rendered in memory and piped
 * to the printer (CUPS reads it from stdin; the folder printer refuses it unless IT allowed it).
 */
import type { HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import { validateAnswers } from '../../contract/flows/answers-schema';
import type { FlowDefinition } from '../../contract/flows/definition';
import type { paperMethods } from '../../contract/namespaces/paper';
import type { DocumentService } from '../documents/document-service';
import type { Logger } from '../log/logger';
import type { Printer } from '../printing/print-service';
import type { Visit } from '../session/visit';
import { PaperRouteTally } from './paper-route-tally';

export interface PaperRouteOptions {
  flows: () => ReadonlyMap<string, FlowDefinition>;
  documents: DocumentService;
  printer: Printer;
  visit: Visit;
  /** Cancels any BankID order and forgets a signed-in person. */
  leaveBankId: () => Promise<void>;
  logger: Logger;
  defaultPostAddress?: readonly string[] | null;
  /** Counts paper-route visits per day (the only trace of them in the log); tests pass their own. */
  tally?: PaperRouteTally;
}

/**
 * Nothing here logs a line per visit: a paper-route visit may be that of a person with protected
 * identity. The visit is counted when it ends (PaperRouteTally) — whichever way it entered the route.
 */
export function createPaperRoute(options: PaperRouteOptions): {
  handlers: HandlersOf<typeof paperMethods>;
  close: () => void;
} {
  const { visit, logger } = options;
  const tally = options.tally ?? new PaperRouteTally(logger.child({ area: 'paper-route' }));
  visit.onReset('paper-route', () => {
    if (visit.state.paperRoute) tally.add();
  });

  return {
    close: () => tally.stop(),
    handlers: {
      'paper.start': async ({ reason }) => {
        await options.leaveBankId();
        visit.state.person = null;
        visit.state.paperRoute = { reason };
        return {};
      },

      'paper.print': async ({ flowId, answers, language }) => {
        if (!visit.state.paperRoute) {
          throw new KioskFailure('forbidden', 'paper.print is only for the paper route', { reason: 'not_paper_route' });
        }
        const flow = options.flows().get(flowId);
        if (!flow) throw new KioskFailure('not_found', `flow '${flowId}' is not offered on this kiosk`);
        // no register data on the paper route: a child is entered by hand (a personnummer), not chosen
        const issues = validateAnswers(flow, answers, {});
        if (issues.length > 0) {
          throw new KioskFailure(
            'invalid_input',
            `answers do not satisfy flow ${flow.id}: ${issues.length} problem(s)`,
            {
              issues: issues.map((i) => ({ path: i.path, code: i.code, ...(i.params ? { params: i.params } : {}) })),
            },
          );
        }
        const visitId = visit.id;
        const pdf = await options.documents.blankett(flow, {
          lang: language,
          answers,
          context: {},
          defaultPostAddress: options.defaultPostAddress ?? null,
        });
        if (visit.id !== visitId) throw new KioskFailure('cancelled', 'the visit ended before printing');
        try {
          // the title is what CUPS shows in its queue: the service only, never the visitor
          await options.printer.print(pdf, { title: `Blankett ${flow.id}`, containsPersonalData: true });
        } finally {
          pdf.fill(0);
        }
        return { printed: true as const };
      },
    },
  };
}
