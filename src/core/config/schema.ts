/**
 * The kiosk's one configuration file, as IT writes it. Every key has a default that makes the main
 * command work out of the box (simulated BankID and register, local SQLite, delivery into a folder).
 * Objects are strict: a misspelt key is an error, not silently ignored.
 */
import { z } from 'zod';
import { languageSchema } from '../../contract/namespaces/app';
import { KIOSK_MODES } from './mode-policy';

const localised = z.object({ sv: z.string(), en: z.string() }).partial();

export const municipalitySchema = z
  .object({
    name: z.string().min(1).default('Exempelkommun'),
    /** Path to a PNG, JPEG or SVG logo (relative to the config file). */
    logo: z.string().min(1).nullable().default(null),
    contactCentre: z
      .object({
        phone: z.string().min(1).nullable().default(null),
        email: z.email().nullable().default(null),
        hours: localised.nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const kioskSectionSchema = z
  .object({
    /** Names this kiosk in logs, case references and delivered envelopes. Letters, digits and -. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,40}$/, 'letters, digits and "-" only, at most 40 characters')
      .default('kiosk-1'),
    municipality: municipalitySchema.prefault({}),
    languages: z.array(languageSchema).min(1).default(['sv', 'en']),
    /** The language every visit starts in; default: the first of `languages`. */
    defaultLanguage: languageSchema.optional(),
  })
  .strict()
  .refine((k) => k.defaultLanguage === undefined || k.languages.includes(k.defaultLanguage), {
    message: 'one of the languages listed in kiosk.languages',
    path: ['defaultLanguage'],
  })
  .transform((k) => ({ ...k, defaultLanguage: k.defaultLanguage ?? k.languages[0] ?? 'sv' }));

export const windowSchema = z
  .object({
    /** true: fullscreen kiosk window (production). false: a normal window (development). */
    kiosk: z.boolean().default(false),
    width: z.number().int().min(320).default(1080),
    height: z.number().int().min(480).default(1920),
  })
  .strict();

export const sessionSchema = z
  .object({
    /** Seconds without a touch before the "Är du kvar?" warning. */
    idleSeconds: z.number().int().min(10).max(3600).default(90),
    /** Seconds the visitor has to answer the warning. WCAG 2.2.1 asks for at least 20. */
    warningSeconds: z.number().int().min(20, 'at least 20 seconds (WCAG 2.2.1)').max(600).default(30),
    /** Extra time a visitor can ask for, in seconds, offered as buttons in the warning. */
    extendSteps: z.array(z.number().int().min(30).max(1800)).max(3).default([120, 300]),
  })
  .strict();

export const speechSchema = z
  .object({
    /** Offer speech mode (keypad 5, a long press on the start screen). */
    enabled: z.boolean().default(true),
    /** The espeak-ng program: a name on PATH or a full path (Windows: C:\\Program Files\\eSpeak NG\\espeak-ng.exe). */
    command: z.string().min(1).default('espeak-ng'),
    /** The espeak-ng voice for each language (`espeak-ng --voices` lists them). */
    voices: z
      .object({
        sv: z.string().min(1).default('sv'),
        en: z.string().min(1).default('en-gb'),
        ar: z.string().min(1).default('ar'),
      })
      .strict()
      .prefault({}),
    /** Words per minute a visit starts with (the visitor steps it with + and −). */
    rate: z.number().int().min(80).max(450).default(175),
    /**
     * auto: speech turns on by itself when a headset is plugged in, where the sound server reports it
     * (Linux: PulseAudio or PipeWire, read with pactl); off: only keypad 5 or a long press.
     */
    headset: z.enum(['auto', 'off']).default('auto'),
  })
  .strict();

export const accessibilitySchema = z
  .object({
    /** The on-screen keyboard for touch kiosks; false where a physical keyboard is attached. */
    onScreenKeyboard: z.boolean().default(true),
    /**
     * The accessibility statement (tillgänglighetsredogörelse) shown from the start screen, per
     * language: paragraphs separated by blank lines, "## " headings. null: the kiosk's own text.
     */
    statement: z
      .object({ sv: z.string().min(1), en: z.string().min(1) })
      .catchall(z.string().min(1))
      .nullable()
      .default(null),
    /** Where visitors report accessibility problems (DOS-lagen). */
    reportContact: z
      .object({
        email: z.email().nullable().default(null),
        phone: z.string().min(1).nullable().default(null),
      })
      .strict()
      .prefault({}),
    /** When the statement was last reviewed (YYYY-MM-DD), shown with it. */
    reviewed: z.iso.date().nullable().default(null),
    /** Speech mode (docs/speech.md): every screen read aloud by espeak-ng, offline. */
    speech: speechSchema.prefault({}),
  })
  .strict();

export const logSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Folder for kiosk.log; default `<dataDir>/logs`. */
    dir: z.string().min(1).nullable().default(null),
  })
  .strict();

export const baseConfigSchema = z
  .object({
    /**
     * production: a reception serving real visitors; simulators, test environments and example values
     * are refused (see mode-policy.ts). demo: simulators allowed, never for real visitors. Default:
     * production for a configuration file, demo for the embedded defaults of `npm start`.
     */
    mode: z.enum(KIOSK_MODES).optional(),
    kiosk: kioskSectionSchema.prefault({}),
    window: windowSchema.prefault({}),
    session: sessionSchema.prefault({}),
    accessibility: accessibilitySchema.prefault({}),
    log: logSchema.prefault({}),
    /** Where the kiosk keeps its database, key file and logs. Default: the platform's app-data folder. */
    dataDir: z.string().min(1).nullable().default(null),
  })
  .strict();

/**
 * Settings of the embedded simulators (identity.bankid.mode / identity.register.mode: simulator):
 * for demos and tests only. A production kiosk uses mode external and ignores this section.
 */
export const simulatorsConfigSchema = z
  .object({
    bankid: z
      .object({
        /** What the simulated phone does after a scan: success, userCancel, … (null: success). */
        scenario: z
          .enum(['success', 'userCancel', 'expiredTransaction', 'startFailed', 'certificateErr'])
          .nullable()
          .default(null),
        /** Seconds to scan a QR before the order fails with startFailed (BankID: about 30). */
        scanWindowSeconds: z.number().int().min(3).max(120).default(30),
        /** Seconds an order lives in all (BankID: about 180). */
        orderLifetimeSeconds: z.number().int().min(10).max(600).default(180),
      })
      .strict()
      .prefault({}),
  })
  .strict();
