/**
 * The identity section of the kiosk's config file: BankID and the person register. An empty
 * section works: both default to `simulator`, where the composition root starts the simulators
 * and hands their URL and certificates to createIdentityService (see docs/bankid.md).
 * File paths may be relative to the config file (pass baseDir to createIdentityService).
 */
import { z } from 'zod';
import { eidMethods } from './eid-provider';

const file = z.string().min(1);
const oid = /^\d+(\.\d+)+$/;

export const bankIdConfigSchema = z
  .object({
    /** simulator: the embedded BankID simulator. external: BankID's test or production service. */
    mode: z.enum(['simulator', 'external']).default('simulator'),
    /**
     * Base of the RP API v6.0. Test: https://appapi2.test.bankid.com/rp/v6.0/
     * Production: https://appapi2.bankid.com/rp/v6.0/
     */
    url: z
      .url({ protocol: /^https$/ })
      .nullable()
      .default(null),
    /** The RP certificate as PKCS#12 (.p12/.pfx). */
    pfxFile: file.nullable().default(null),
    /** A file holding the PKCS#12 passphrase (one line). */
    passphraseFile: file.nullable().default(null),
    /** BankID's CA certificate (PEM) for the chosen environment: the only trust anchor. */
    caFile: file.nullable().default(null),
    /** The kiosk's address as BankID should see it (endUserIp). */
    endUserIp: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
    /** New orders started automatically when the QR was not scanned in time (startFailed). */
    autoRestarts: z.number().int().min(0).max(10).default(3),
    /** How often to collect while pending. BankID asks for 2 s. */
    collectIntervalMs: z.number().int().min(1000).max(5000).default(2000),
    /** Per request to BankID. */
    requestTimeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
    /** requirement.certificatePolicies; null = BankID's defaults. Mobile BankID: 1.2.752.78.1.5 (prod), 1.2.3.4.25 (test). */
    certificatePolicies: z
      .array(z.string().regex(oid, 'an OID such as 1.2.752.78.1.5'))
      .min(1)
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.mode !== 'external') return;
    for (const key of ['url', 'pfxFile', 'passphraseFile', 'caFile'] as const) {
      if (b[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: `required when mode is external` });
    }
  });

export const registerConfigSchema = z
  .object({
    /** simulator: the embedded register simulator. external: the municipality's integration service. */
    mode: z.enum(['simulator', 'external']).default('simulator'),
    /** Base URL of the integration service (the lookup is POST <url>/v1/persons/lookup). */
    url: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    /** CA certificate (PEM) trusted for the service; null = the system's roots. */
    caFile: file.nullable().default(null),
    /** Client certificate (PKCS#12) when the service asks for mutual TLS. */
    clientPfxFile: file.nullable().default(null),
    passphraseFile: file.nullable().default(null),
    timeoutMs: z.number().int().min(500).max(30_000).default(5000),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.mode === 'external' && r.url === null)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'required when mode is external' });
    if (r.clientPfxFile !== null && r.passphraseFile === null) {
      ctx.addIssue({ code: 'custom', path: ['passphraseFile'], message: 'required with clientPfxFile' });
    }
  });

// ---- Freja eID+ (issue 17) -------------------------------------------------------------------------
export const frejaConfigSchema = z
  .object({
    /** simulator: the embedded Freja simulator. external: Freja's test or production service. */
    mode: z.enum(['simulator', 'external']).default('simulator'),
    /** Test: https://services.test.frejaeid.com  Production: https://services.prod.frejaeid.com */
    url: z
      .url({ protocol: /^https$/ })
      .nullable()
      .default(null),
    /** The RP certificate from Freja, PKCS#12. */
    pfxFile: file.nullable().default(null),
    passphraseFile: file.nullable().default(null),
    /** Freja's CA (PEM) for that environment: the only trust anchor of the TLS connection. */
    caFile: file.nullable().default(null),
    /** Freja's JWS signing certificates (PEM; a file may hold several): results are verified by x5t. */
    signingCertFiles: z.array(file).max(20).default([]),
    /** dynamic: a new QR frame each second (HMAC with qrCodeSecret); static: one frejaeid:// code. */
    qrCode: z.enum(['dynamic', 'static']).default('dynamic'),
    /** getOneResult interval; Freja allows no faster than 1 s, its own client polls every 3 s. */
    pollIntervalMs: z.number().int().min(1000).max(10_000).default(3000),
    requestTimeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
    /** Registration level for login: EXTENDED (ID document checked) or PLUS — never BASIC. */
    loginLevel: z.enum(['EXTENDED', 'PLUS']).default('EXTENDED'),
    /** Registration level for signing: PLUS only (configurable upwards only). */
    signLevel: z.enum(['PLUS']).default('PLUS'),
    /** How long a signature waits for the visitor, 2–10 minutes (Freja allows 2 min – 30 days). */
    signExpiryMinutes: z.number().int().min(2).max(10).default(2),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.mode !== 'external') return;
    for (const key of ['url', 'pfxFile', 'passphraseFile', 'caFile'] as const) {
      if (f[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: 'required when mode is external' });
    }
    if (f.signingCertFiles.length === 0)
      ctx.addIssue({ code: 'custom', path: ['signingCertFiles'], message: 'required when mode is external' });
  });

/** A provider's logo, only where the municipality supplies the file (PNG or SVG, ≤ 200 kB). */
const logoFile = z
  .string()
  .regex(/\.(png|svg)$/i, 'a .png or .svg file')
  .nullable()
  .default(null);

export const identityConfigSchema = z
  .object({
    /** The e-IDs this kiosk offers, in this order; one goes straight to it, more show a choice. */
    methods: z
      .array(z.enum(eidMethods))
      .min(1)
      .default(['bankid'])
      .refine((m) => new Set(m).size === m.length, 'each e-ID once'),
    logos: z.object({ bankid: logoFile, freja: logoFile }).strict().prefault({}),
    bankid: bankIdConfigSchema.prefault({}),
    freja: frejaConfigSchema.prefault({}),
    register: registerConfigSchema.prefault({}),
  })
  .strict();

export type BankIdConfig = z.infer<typeof bankIdConfigSchema>;
export type RegisterConfig = z.infer<typeof registerConfigSchema>;
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
