import { z } from 'zod';
import { method } from '../define';

export const languageSchema = z.enum(['sv', 'en', 'ar']);
export type Language = z.infer<typeof languageSchema>;

/**
 * Why staff switched the kiosk out of order, as visitors are told it (a fixed text in sv/en/ar). The
 * staff member's own note never reaches visitors: it stays in the staff panel and the audit log.
 */
export const outOfOrderNoticeSchema = z.enum([
  'maintenance',
  'technical_problem',
  'printer_problem',
  'network_problem',
]);
export type OutOfOrderNotice = z.infer<typeof outOfOrderNoticeSchema>;

/** What the start screen and the shell of every screen need to know about this kiosk. */
export const kioskInfoSchema = z.object({
  state: z.enum(['ready', 'out_of_order']),
  /** For staff and IT on the "Ur funktion" screen; never personal data, never a staff note. */
  outOfOrderReasons: z.array(z.string()),
  /** The reason staff chose when they switched the kiosk off (absent when they did not). */
  outOfOrderNotice: outOfOrderNoticeSchema.optional(),
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
    /** Speech mode is offered (docs/speech.md), and the words per minute a visit starts with. */
    speech: z.object({ enabled: z.boolean(), rate: z.number().int() }),
  }),
  /**
   * How this kiosk takes attachments: a document scanner (configured), fed through a feeder or not;
   * a camera (and a part of its name to pick it by when several are connected).
   */
  attachments: z.object({
    scanner: z.boolean(),
    feeder: z.boolean(),
    camera: z.object({ enabled: z.boolean(), deviceLabel: z.string().nullable() }),
  }),
});
export type KioskInfo = z.infer<typeof kioskInfoSchema>;

/** One question of "Frågor och svar" with its answer: plain text (shown as text, never as HTML). */
export const helpEntrySchema = z.object({
  question: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
});
export type HelpEntry = z.infer<typeof helpEntrySchema>;

/**
 * "Frågor och svar" for one language: the municipality's own text (config `help.dir`) or the shipped
 * one, contact details filled in. `language` is the language the text is written in: a language
 * without a text of its own gets the English one (Swedish for Swedish), so the screen can mark it.
 */
export const helpSchema = z.object({
  language: languageSchema,
  entries: z.array(helpEntrySchema).min(1),
});
export type Help = z.infer<typeof helpSchema>;

export const appMethods = {
  'app.info': method(z.object({}).strict(), kioskInfoSchema),
  'app.help': method(z.object({ language: languageSchema }).strict(), helpSchema),
} as const;

export const appEvents = {
  /** The kiosk's state changed (staff switched it out of order, config reloaded). */
  'app.state': kioskInfoSchema.pick({ state: true, outOfOrderReasons: true, outOfOrderNotice: true }),
} as const;
