import { z } from 'zod';
import { method } from '../define';
import { flowIdSchema } from '../flows/definition';
import { languageSchema } from './app';
import { caseStatusSchema } from './cases';

/**
 * A visitor's way from answers to a case: what the register fills in, signing with BankID, the final
 * submission (core validates again and commits the case before it answers), and the paper route.
 * Core builds everything that is signed or stored from the answers itself; the renderer never says
 * what is signed.
 */
const answersSchema = z.record(z.string().max(64), z.unknown());

const flowAnswers = z
  .object({
    flowId: flowIdSchema,
    answers: answersSchema,
    language: languageSchema,
  })
  .strict();

export const childChoiceSchema = z.object({
  /** 12 digits: the answer of a childSelect field. */
  personnummer: z.string().regex(/^\d{12}$/),
  name: z.string(),
});

export const submissionMethods = {
  /**
   * After login: the values of the flow's prefilled fields from the register, and the children a
   * childSelect may offer (children under secrecy are never listed; `hiddenChildren` counts them). The
   * visitor's screen does not show the count or anything that depends on it: the notice under a child
   * list is the same for every family (ChildSelectField).
   */
  'submission.prefill': method(
    z.object({ flowId: flowIdSchema }).strict(),
    z.object({
      answers: z.record(z.string(), z.unknown()),
      children: z.array(childChoiceSchema),
      hiddenChildren: z.number().int().min(0),
    }),
  ),
  /**
   * Start the BankID signature of these answers by the signed-in person. Core validates them, builds
   * the case document and asks BankID to sign a readable summary and the document's hash. Events
   * identity.qr / identity.status / identity.completed follow, as for a login.
   */
  'submission.startSign': method(flowAnswers, z.object({ orderId: z.string() })),
  /**
   * Submit the case. Core validates again, checks the signature (for flows that are signed) belongs to
   * exactly these answers, renders the case document and commits it encrypted to the queue, and only
   * then answers with the receipt. storage_failed: nothing was stored, no receipt may be shown.
   */
  'submission.submit': method(
    flowAnswers,
    z.object({
      reference: z.string(),
      submittedAt: z.string(),
      /** stored: registered in the kiosk, waiting to be sent; delivered: received by the municipality. */
      status: caseStatusSchema,
      /** The attachments sent with the case, named from the flow (never from the paper), in the visitor's language. */
      attachments: z.array(z.object({ name: z.string(), pages: z.number().int().min(1) })),
    }),
  ),
  /**
   * Print a receipt of the case this visit submitted (reference, service, date, how to follow it; no
   * personal data). not_found for any other reference; print_failed when the printer cannot take it.
   */
  'submission.printReceipt': method(
    z.object({ reference: z.string().min(1).max(32), language: languageSchema }).strict(),
    z.object({ printed: z.literal(true) }),
  ),
} as const;
