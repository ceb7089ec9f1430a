import { z } from 'zod';
import { method } from '../define';

/**
 * Why a visit ended. The renderer names one of the first five in `session.reset`; core itself ends a
 * visit with `expired` (its own deadline: the renderer stopped calling), `renderer_restart` (the
 * window crashed or was reloaded) or `staff`.
 */
export const resetReasonSchema = z.enum([
  'finished',
  'cancelled',
  'inactivity',
  'renderer_restart',
  'staff',
  'expired',
]);
export type ResetReason = z.infer<typeof resetReasonSchema>;

/**
 * The id of one visit, created by core. The transport (preload or host client) stamps it on every
 * call; a call carrying the id of a visit that has ended is refused with `visit_ended`.
 */
export const visitIdSchema = z.uuid();

export const sessionMethods = {
  /**
   * End the visit: every pending operation in core is cancelled (BankID orders, prints), everything
   * core held about the visitor is dropped, browser storage of the session is cleared. The same
   * renderer session goes on with a fresh visit, whose id is returned.
   */
  'session.reset': method(
    z.object({ reason: resetReasonSchema }).strict(),
    z.object({ cancelled: z.number().int(), visitId: visitIdSchema }),
  ),
  /**
   * The visitor is still there (a tap, a key): core's deadline for the visit starts over. While the
   * visitor has asked for more time, `extendSeconds` (one of the configured extendSteps) says how much.
   */
  'session.touch': method(
    z.object({ extendSeconds: z.number().int().positive().max(3600).optional() }).strict(),
    z.object({}),
  ),
} as const;

export const sessionEvents = {
  /**
   * Core ended the visit (its deadline, staff, a renderer restart): the renderer must clear its stores.
   * The renderer session goes on with the fresh visit `visitId` (the transport takes it over).
   */
  'session.reset': z.object({ reason: resetReasonSchema, visitId: visitIdSchema }),
  /**
   * Sent by the transport, never by core: the connection to core was lost (calls answer
   * `unavailable`), is back (a new session, so a new visit: the renderer starts from the start
   * screen), or another screen took the kiosk over (this one stays idle until it is reloaded).
   */
  'session.connection': z.object({ state: z.enum(['lost', 'restored', 'superseded']) }),
} as const;
