import { z } from 'zod';
import { method } from '../define';

/**
 * The keys of every message the sign-in and sign screens may show while a BankID order runs. Core
 * maps BankID's status, hintCode and errorCode to one of these (src/core/identity/bankid/rfa.ts);
 * the renderer holds the texts (sv/en) for each key. `rfaN` follow BankID's recommended user
 * messages (RFA1 …); the named keys cover cases BankID has no RFA for.
 */
export const rfaKeys = [
  'rfa1', // Starta BankID-appen.
  'rfa3', // Åtgärden avbruten. Försök igen. (a newer order for the person replaced this one)
  'rfa4', // En identifiering eller underskrift för det här personnumret är redan påbörjad.
  'rfa5', // Något gick fel. Försök igen. (BankID unavailable, timeout, maintenance)
  'rfa6', // Åtgärden avbröts.
  'rfa8', // BankID-appen svarar inte …
  'rfa9', // Skriv in din säkerhetskod i BankID-appen …
  'rfa16', // Ditt BankID är för gammalt eller spärrat …
  'rfa17b', // Misslyckades att läsa av QR-koden …
  'rfa21', // En identifiering eller underskrift pågår.
  'rfa22', // Något gick fel. Försök igen. (unknown failure)
  'rfa23', // Fotografera och läs av din ID-handling med BankID-appen.
  'searching', // the app has the order (hintCode started): "Söker efter BankID …"
  'userCallConfirm', // the app asks the user to confirm a phone call
  'userDeclinedCall', // the user said the call was not expected
  'notSupportedByUserApp', // "Uppdatera BankID-appen och försök igen"
  'transactionRiskBlocked', // BankID stopped the order for risk reasons
  'registerUnavailable', // the login worked but the person register could not be asked
  'frejaStart', // Freja: open the Freja eID app and scan the QR code
  'frejaConfirm', // Freja: the app has it; confirm in the app
  'frejaCancelled', // Freja: cancelled in the app (CANCELED)
  'frejaRejected', // Freja: the visitor said no in the app (REJECTED)
  'frejaExpired', // Freja: not approved in time (EXPIRED)
  'frejaInProgress', // Freja 2000: a transaction for this person is already in progress
  'frejaBlocked', // Freja 1005: the user is blocked
  'complete', // done
] as const;
export type RfaKey = (typeof rfaKeys)[number];
export const rfaKeySchema = z.enum(rfaKeys);

/** Why the visit goes the paper route (core's VisitState.paperRoute uses this type). */
export const paperRouteReasonSchema = z.enum([
  'protected_identity',
  'register_protected',
  'bankid_unavailable',
  'no_bankid',
]);
export type PaperRouteReason = z.infer<typeof paperRouteReasonSchema>;

/** What the visitor signs, as the sign screen shows it and the phone shows it (simpleMarkdownV1). */
export const signSummarySchema = z
  .object({
    /** The e-service title, e.g. "Ansökan om parkeringstillstånd". */
    service: z.string().trim().min(1).max(200),
    /** The main answers, in order. */
    items: z
      .array(z.object({ label: z.string().trim().min(1).max(200), value: z.string().max(2000) }).strict())
      .max(60),
  })
  .strict();
export type SignSummary = z.infer<typeof signSummarySchema>;

const orderIdSchema = z.string().min(1).max(64);

/** The e-IDs the kiosk can offer (config identity.methods). */
export const eidMethodSchema = z.enum(['bankid', 'freja']);
export type EidMethodId = z.infer<typeof eidMethodSchema>;

export const identityMethods = {
  /** Start a BankID login (animated QR). Events identity.qr / identity.status / identity.completed follow. */
  'identity.startLogin': method(
    z.object({ method: eidMethodSchema.optional() }).strict(),
    z.object({ orderId: orderIdSchema }),
  ),
  /**
   * "Testa din e-legitimation": a login with this e-ID that only says whether it works. Core asks no
   * register, signs no one in and keeps nothing; `identity.completed` (kind `test`) carries what the
   * e-ID tells about itself. Events as for startLogin.
   */
  'identity.startTest': method(
    z.object({ method: eidMethodSchema.optional() }).strict(),
    z.object({ orderId: orderIdSchema }),
  ),
  /**
   * The e-IDs offered for this flow (config order, restricted by the flow), each with the logo the
   * municipality configured (a data: URL) or null.
   */
  'identity.methods': method(
    z.object({ flowId: z.string().max(100).optional() }).strict(),
    z.object({
      methods: z.array(z.object({ id: eidMethodSchema, logo: z.string().max(400_000).nullable() })),
    }),
  ),
  /** Cancel the running order ("Avbryt", leaving the screen). Never fails for the visitor. */
  'identity.cancel': method(z.object({}).strict(), z.object({})),
  /** Who is signed in (given name only) and whether the visit goes the paper route. */
  'identity.current': method(
    z.object({}).strict(),
    z.object({
      signedIn: z.boolean(),
      givenName: z.string().optional(),
      paperRoute: paperRouteReasonSchema.nullable().optional(),
    }),
  ),
  /** Forget the signed-in person (and cancel any running order). */
  'identity.logout': method(z.object({}).strict(), z.object({})),
} as const;

export const identityEvents = {
  /** A fresh QR string to draw (once a second); null = hide the QR (the phone has scanned it). */
  'identity.qr': z.object({
    orderId: orderIdSchema,
    qr: z
      .string()
      .max(600)
      .refine(
        (q) => q.startsWith('bankid.') || q.startsWith('frejaeid://') || q.startsWith('https://app.prod.frejaeid.com/'),
        'a BankID or Freja eID+ QR string',
      )
      .nullable(),
    /** Which e-ID's app reads it. */
    method: eidMethodSchema.optional(),
  }),
  /** The order's state and the message key to show (announced through aria-live). */
  'identity.status': z.object({
    orderId: orderIdSchema,
    state: z.enum(['pending', 'failed', 'complete']),
    rfa: rfaKeySchema,
    /** failed only: whether "Försök igen" makes sense (false: BankID cannot be used on this kiosk). */
    retryable: z.boolean(),
  }),
  /** The order completed. Only the given name crosses to the renderer, never the personnummer. */
  'identity.completed': z.object({
    orderId: orderIdSchema,
    kind: z.enum(['auth', 'sign', 'test']),
    givenName: z.string(),
    /** The register reports protected personal data: the visit has switched to the paper route. */
    protected: z.boolean(),
    /**
     * kind `test` only: what the e-ID says about itself, where it says it. BankID (RP v6) gives the
     * date the BankID was issued (`bankIdIssueDate`), Freja eID+ the registration level; neither gives
     * the end date of the certificate, so there is no such field.
     */
    eid: z
      .object({
        method: eidMethodSchema,
        /** "YYYY-MM-DD" (BankID). */
        issuedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        /** Freja eID+. */
        registrationLevel: z.enum(['BASIC', 'EXTENDED', 'PLUS']).optional(),
      })
      .optional(),
  }),
} as const;
