import { z } from 'zod';
import { method } from '../define';

/**
 * Where a case is, as the receipt and staff see it: `stored` (registered in the kiosk, waiting to be
 * sent), `delivered` (received by the municipality), `dead_letter` (the receiver refused it; staff
 * must act), `unknown` (no such reference here, or its record has expired).
 */
export const caseStatusSchema = z.enum(['stored', 'delivered', 'dead_letter', 'unknown']);
export type CaseStatusValue = z.infer<typeof caseStatusSchema>;

/** What a visitor or staff member typed: `K7-4F9Q-2`, case and spaces do not matter. */
export const caseReferenceInputSchema = z.string().min(1).max(32);

export const caseStatsSchema = z.object({
  counts: z.object({
    stored: z.number().int(),
    inFlight: z.number().int(),
    delivered: z.number().int(),
    deadLetter: z.number().int(),
    discarded: z.number().int(),
  }),
  /** Cases not yet delivered. */
  waiting: z.number().int(),
  oldestWaiting: z
    .object({
      reference: z.string(),
      flowId: z.string(),
      deliveryTarget: z.string(),
      storedAt: z.string(),
      ageSeconds: z.number().int(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  lastDeliveryAt: z.string().nullable(),
  deadLetters: z.number().int(),
  /** Delivery target name → reachable now (false: paused, waiting for the network). */
  targets: z.record(z.string(), z.boolean()),
});
export type CaseStats = z.infer<typeof caseStatsSchema>;

export const deadLetterSchema = z.object({
  reference: z.string(),
  flowId: z.string(),
  deliveryTarget: z.string(),
  reason: z.string(),
  attempts: z.number().int(),
  submittedAt: z.string(),
  storedAt: z.string(),
  deadAt: z.string(),
});
export type DeadLetterInfo = z.infer<typeof deadLetterSchema>;

export const casesMethods = {
  /** The receipt's status of its case. */
  'cases.status': method(
    z.object({ reference: caseReferenceInputSchema }).strict(),
    z.object({ status: caseStatusSchema }),
  ),
  /**
   * The queue at a glance, in the shape staff mode shows it (`staff.overview`). Not on the bridge:
   * staff mode asks for it through its own methods (`staff.*`).
   */
  'cases.stats': method(z.object({}).strict(), caseStatsSchema),
} as const;

export const casesEvents = {
  /** A case's status changed (stored, delivered, dead letter, discarded → unknown). */
  'cases.changed': z.object({ reference: z.string(), status: caseStatusSchema }),
} as const;
