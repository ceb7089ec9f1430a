import { z } from 'zod';
import { method } from '../define';

/**
 * What the renderer may ask about printing: whether the printer works right now, so the paper route
 * and the staff screen can say "Skrivaren fungerar inte just nu – vänd dig till receptionen" before the
 * visitor fills in a form that cannot be printed. Printing itself is started by core as part of the
 * paper route (the renderer never sends a document).
 */
export const printerStates = ['ready', 'out_of_paper', 'offline', 'stopped', 'unknown'] as const;
export const printerStateSchema = z.enum(printerStates);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerStatusSchema = z.object({
  state: printerStateSchema,
  /** The printer's or queue's name ('' when no printer is configured). */
  printer: z.string().max(200),
  /** A machine-readable reason when not ready ('media-empty', 'disabled', 'unknown_printer' …). */
  reason: z.string().max(100).optional(),
});

export const printMethods = {
  /** The printer's state now. Never fails: a printer that cannot be asked is 'offline' or 'unknown'. */
  'print.status': method(z.object({}).strict(), printerStatusSchema),
} as const;
