import { z } from 'zod';
import { method } from '../define';

export const languageSchema = z.enum(['sv', 'en', 'ar']);
export type Language = z.infer<typeof languageSchema>;

/** What the start screen and the shell of every screen need to know about this kiosk. */
export const kioskInfoSchema = z.object({
  state: z.enum(['ready', 'out_of_order']),
  /** For staff and IT on the "Ur funktion" screen; never personal data. */
  outOfOrderReasons: z.array(z.string()),
  kioskId: z.string(),
  version: z.string(),
  municipality: z.object({
    name: z.string(),
    /** data: URL of the logo (the renderer's CSP allows no other image source). */
    logo: z.string().nullable(),
    contactCentre: z.object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      hours: z.object({ sv: z.string(), en: z.string() }).partial().nullable(),
    }),
  }),
  languages: z.array(languageSchema).min(1),
  defaultLanguage: languageSchema,
  session: z.object({
    idleSeconds: z.number().int().positive(),
    warningSeconds: z.number().int().positive(),
    extendSteps: z.array(z.number().int().positive()),
  }),
  accessibility: z.object({
    onScreenKeyboard: z.boolean(),
    /** Per language; null: the kiosk's own statement text (renderer i18n). */
    statement: z.record(z.string(), z.string()).nullable(),
    reportContact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
    reviewed: z.string().nullable(),
  }),
});
export type KioskInfo = z.infer<typeof kioskInfoSchema>;

export const appMethods = {
  'app.info': method(z.object({}).strict(), kioskInfoSchema),
} as const;

export const appEvents = {
  /** The kiosk's state changed (staff switched it out of order, config reloaded). */
  'app.state': kioskInfoSchema.pick({ state: true, outOfOrderReasons: true }),
} as const;
