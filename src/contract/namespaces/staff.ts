import { z } from 'zod';
import { method } from '../define';
import { languageSchema, outOfOrderNoticeSchema } from './app';
import { caseReferenceInputSchema, caseStatsSchema, caseStatusSchema, deadLetterSchema } from './cases';
import { printerStateSchema } from './print';

/**
 * Staff mode: the receptionist's panel behind a hidden gesture and a PIN. Every method except
 * `staff.enter` and `staff.status` answers `forbidden` (reason `staff_mode_inactive`) unless staff
 * mode is active, and counts as activity. Nothing here carries a visitor's personal data: cases are
 * named by reference, flow and delivery target only.
 */

export const staffEnterResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), staffId: z.string(), timeoutSeconds: z.number().int().positive() }),
  z.object({
    ok: z.literal(false),
    /** wrong_pin: try again (attemptsLeft); locked: wait lockedSeconds; not_configured: no staff in config. */
    reason: z.enum(['wrong_pin', 'locked', 'not_configured']),
    attemptsLeft: z.number().int().min(0),
    lockedSeconds: z.number().int().min(0),
  }),
]);
export type StaffEnterResult = z.infer<typeof staffEnterResultSchema>;

export const staffStatusSchema = z.object({
  active: z.boolean(),
  staffId: z.string().optional(),
  secondsLeft: z.number().int().optional(),
  /** false: no staff members in config, the entry gesture can be ignored. */
  configured: z.boolean(),
  /** Seconds the PIN pad stays locked; 0 when it is open. */
  lockedSeconds: z.number().int().min(0),
});

/** One health check: `key` picks the staff screen's text, `reason` is the English line for IT. */
export const healthCheckSchema = z.object({
  /** network, bankid, register, delivery:<target>, disk, data_key, cups */
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['ok', 'warn', 'fail']),
  key: z.string(),
  reason: z.string(),
});
export type HealthCheckResult = z.infer<typeof healthCheckSchema>;

export const healthReportSchema = z.object({
  checkedAt: z.string(),
  checks: z.array(healthCheckSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** null in the overview: no printer is configured on this kiosk. */
export const staffPrinterSchema = z.object({
  state: printerStateSchema,
  printer: z.string().nullable(),
  /** For IT, English, e.g. "media-empty-error". */
  reason: z.string().nullable(),
});
export type StaffPrinterStatus = z.infer<typeof staffPrinterSchema>;

export const outOfOrderStateSchema = z.object({
  on: z.boolean(),
  /** The staff member who switched it on. */
  by: z.string().nullable(),
  since: z.string().nullable(),
  /** What visitors are told (a fixed text); null while the kiosk is in service. */
  reason: outOfOrderNoticeSchema.nullable(),
  /** For staff and IT, in the staff panel only (scrubbed of personal data, kept in the audit log). */
  note: z.string().nullable(),
});
export type OutOfOrderState = z.infer<typeof outOfOrderStateSchema>;

/** The configuration at a glance, without secrets (no certificate paths, passwords or PIN hashes). */
export const configSummarySchema = z.object({
  kioskId: z.string(),
  municipality: z.string(),
  languages: z.array(languageSchema),
  /** 'all' or the flow ids the catalogue offers. */
  flows: z.union([z.literal('all'), z.array(z.string())]),
  delivery: z.object({
    defaultTarget: z.string(),
    targets: z.array(
      z.object({ name: z.string(), type: z.enum(['directory', 'https', 'smtp']), host: z.string().nullable() }),
    ),
  }),
  bankid: z.object({ mode: z.enum(['simulator', 'external']), host: z.string().nullable() }),
  register: z.object({ mode: z.enum(['simulator', 'external']), host: z.string().nullable() }),
  staff: z.object({ members: z.number().int(), timeoutSeconds: z.number().int() }),
});
export type ConfigSummary = z.infer<typeof configSummarySchema>;

export const staffOverviewSchema = z.object({
  staffId: z.string(),
  /** null: the case queue is not available (see health and the out-of-order reasons). */
  queue: caseStatsSchema.nullable(),
  deadLetters: z.array(deadLetterSchema),
  printer: staffPrinterSchema.nullable(),
  health: healthReportSchema,
  outOfOrder: outOfOrderStateSchema,
  /** The staff id the current/next case will record as having assisted; null when not marked. */
  assistedBy: z.string().nullable(),
  /**
   * Wrong PINs typed at this kiosk between the previous successful entry and the one that opened this
   * staff session (kept across restarts), and when the last of them was typed.
   */
  failedPinAttempts: z.object({ count: z.number().int().min(0), lastAt: z.string().nullable() }),
  version: z.string(),
  config: configSummarySchema,
  /** The shell can shut the kiosk down ("Stäng av"): the Electron app can, the browser host cannot. */
  canShutDown: z.boolean(),
});
export type StaffOverview = z.infer<typeof staffOverviewSchema>;

const none = z.object({}).strict();

export const staffMethods = {
  /** The PIN typed after the hidden entry gesture. Five wrong in a row lock the pad (see config). */
  'staff.enter': method(z.object({ pin: z.string().min(1).max(64) }).strict(), staffEnterResultSchema),
  'staff.leave': method(none, z.object({})),
  /** A touch on the staff screen: staff mode stays open. */
  'staff.touch': method(none, z.object({})),
  'staff.status': method(none, staffStatusSchema),
  'staff.overview': method(none, staffOverviewSchema),
  /** Send a dead letter again (or a waiting case now). */
  'staff.retry': method(
    z.object({ reference: caseReferenceInputSchema }).strict(),
    z.object({ status: caseStatusSchema }),
  ),
  /** Give up a dead letter; its payload is erased (logged in the staff audit). */
  'staff.discard': method(
    z.object({ reference: caseReferenceInputSchema }).strict(),
    z.object({ status: caseStatusSchema }),
  ),
  'staff.testPrint': method(none, z.object({ jobId: z.string().nullable() })),
  /** Print the blank blankett of an e-service (for a visitor who wants paper). */
  'staff.printBlankett': method(
    z.object({ flowId: z.string().min(1).max(64), language: languageSchema }).strict(),
    z.object({ jobId: z.string().nullable() }),
  ),
  /**
   * The "Ur funktion" switch: visitors see a friendly out-of-order screen while it is on, with the
   * fixed reason staff chose (default technical_problem); the note stays in the staff panel.
   */
  'staff.setOutOfOrder': method(
    z
      .object({ on: z.boolean(), reason: outOfOrderNoticeSchema.optional(), note: z.string().max(200).optional() })
      .strict(),
    outOfOrderStateSchema,
  ),
  /** The current (or next) visit's case records this staff member as having assisted; `on: false` takes it back. */
  'staff.markAssisted': method(
    z.object({ on: z.boolean().optional() }).strict(),
    z.object({ assistedBy: z.string().nullable() }),
  ),
  /** Runs every health check now. */
  'staff.health': method(none, healthReportSchema),
  /**
   * "Stäng av": shuts the kiosk down (the only way to close it in kiosk mode; Alt+F4 is refused).
   * Answers first, then the app quits. unavailable (reason not_supported) where the shell cannot.
   */
  'staff.shutDown': method(none, z.object({})),
} as const;

export const staffEvents = {
  /** Staff mode ended without the panel asking (timeout), or by `staff.leave`. */
  'staff.ended': z.object({ reason: z.enum(['timeout', 'left']) }),
} as const;
