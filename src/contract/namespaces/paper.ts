import { z } from 'zod';
import { method } from '../define';
import { flowIdSchema } from '../flows/definition';
import { languageSchema } from './app';

/**
 * The paper route: a visitor with protected identity, or anyone who cannot use BankID, fills in the
 * same form and gets it printed as a blankett to sign by hand. Nothing of the visit is stored: no
 * case, no log line with their data, no file. The renderer never sends a document; core renders it
 * in memory and pipes it to the printer.
 */
export const paperEntrySchema = z.enum(['protected_identity', 'no_bankid', 'bankid_unavailable']);

export const paperMethods = {
  /** The visitor chose the paper route (or BankID cannot be used): any BankID order is cancelled. */
  'paper.start': method(z.object({ reason: paperEntrySchema }).strict(), z.object({})),
  /**
   * Print the prefilled blankett of these answers (only the fields that apply). print_failed with a
   * reason when the printer cannot take it; the visitor may try again or ask for help.
   */
  'paper.print': method(
    z
      .object({ flowId: flowIdSchema, answers: z.record(z.string().max(64), z.unknown()), language: languageSchema })
      .strict(),
    z.object({ printed: z.literal(true) }),
  ),
} as const;
