import { z } from 'zod';
import { method } from '../define';

export const resetReasonSchema = z.enum(['finished', 'cancelled', 'inactivity', 'renderer_restart', 'staff']);
export type ResetReason = z.infer<typeof resetReasonSchema>;

export const sessionMethods = {
  /**
   * End the visit: every pending operation in core is cancelled (BankID orders, prints), everything
   * core held about the visitor is dropped, browser storage of the session is cleared.
   */
  'session.reset': method(z.object({ reason: resetReasonSchema }).strict(), z.object({ cancelled: z.number().int() })),
  /** The visitor is still there (a tap); lets core know the visit is alive. */
  'session.touch': method(z.object({}).strict(), z.object({})),
} as const;

export const sessionEvents = {
  /** Core ended the visit (e.g. staff or a crash recovery): the renderer must clear its stores. */
  'session.reset': z.object({ reason: resetReasonSchema }),
} as const;
