/**
 * Configuration of the case queue and its delivery. Every key has a default, so an empty object
 * gives a working kiosk: cases go to `<dataDir>/outbox` (the embedded default of the main command),
 * the data key is wrapped by a key file in the data folder, metadata is kept 30 days.
 *
 * Relative paths are resolved against the kiosk's data folder.
 */
import path from 'node:path';
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const targetName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a target name is lower case letters, digits, _ and -');

/** What every target may say about the format it delivers and the classification code it defaults to. */
const formatKeys = {
  /** envelope: the JSON envelope and the documents; fgs: one FGS package (E-ARK SIP, zip) per case. */
  format: z.enum(['envelope', 'fgs']).default('envelope'),
  /** Klassificeringsstruktur code for cases of e-services that give none. */
  classification: z.string().trim().min(1).max(64).optional(),
};

const directoryTargetSchema = z
  .object({
    type: z.literal('directory'),
    ...formatKeys,
    /** Folder the cases are written into (e.g. a mounted share). Default: `<dataDir>/outbox`. */
    dir: z.string().min(1).optional(),
    /**
     * Create the folder when it is missing. Off by default for a configured folder: a share that is
     * not mounted must not be silently replaced by a local folder under the mount point.
     */
    createDir: z.boolean().optional(),
  })
  .strict();

const httpsTargetSchema = z
  .object({
    type: z.literal('https'),
    ...formatKeys,
    /** The receiver's endpoint. Plain http:// is accepted for a receiver on this machine only. */
    url: z.url({ protocol: /^https?$/ }),
    /** PEM file of the CA (or CAs) the receiver's certificate must chain to; replaces the system roots. */
    caFile: z.string().min(1).optional(),
    /** PKCS#12 file with the kiosk's client certificate and key (mutual TLS). */
    clientPfxFile: z.string().min(1).optional(),
    /** File holding the passphrase of `clientPfxFile`. */
    passphraseFile: z.string().min(1).optional(),
    /** One attempt (connect, send, answer) must finish within this time. */
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict()
  .superRefine((t, ctx) => {
    const url = new URL(t.url);
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'cases carry personal data: use https:// (http:// only for a receiver on 127.0.0.1)',
      });
    }
    if (t.passphraseFile && !t.clientPfxFile) {
      ctx.addIssue({ code: 'custom', path: ['passphraseFile'], message: 'passphraseFile needs clientPfxFile' });
    }
  });

/** How the kiosk reaches a mail server: shared by the smtp target and the confirmation e-mail's relay. */
const smtpConnectionKeys = {
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte (port 465). Otherwise STARTTLS, which `requireTLS` makes mandatory. */
  secure: z.boolean().default(false),
  requireTLS: z.boolean().default(true),
  auth: z
    .object({ user: z.string().min(1), passFile: z.string().min(1) })
    .strict()
    .optional(),
  /** PEM file of the CA the mail server's certificate must chain to; replaces the system roots. */
  caFile: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
};

function requireSmtpTls(what: string) {
  return (t: { secure: boolean; requireTLS: boolean; host: string }, ctx: z.RefinementCtx): void => {
    if (!t.secure && !t.requireTLS && !isLoopback(t.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requireTLS'],
        message: `${what}: TLS is required (requireTLS: false only for a server on 127.0.0.1)`,
      });
    }
  };
}

const smtpTargetSchema = z
  .object({
    type: z.literal('smtp'),
    ...formatKeys,
    ...smtpConnectionKeys,
    from: z.email(),
    /** The municipality's registry mailbox (registratorn). */
    to: z.union([z.email(), z.array(z.email()).min(1)]),
  })
  .strict()
  .superRefine(requireSmtpTls('cases carry personal data'));

/**
 * The visitor's confirmation e-mail, sent through the municipality's mail relay once a case has reached
 * the municipality (signed-in visitors who gave an e-mail address). Absent: no confirmations are sent.
 */
export const confirmationConfigSchema = z
  .object({
    ...smtpConnectionKeys,
    /** The sender, e.g. "Testby kommun <noreply@testby.se>". */
    from: z.string().min(3).max(200),
    /** Give up on a confirmation (and erase the address) this long after the case was delivered. */
    maxAgeHours: z.number().int().min(1).max(720).default(72),
  })
  .strict()
  .superRefine(requireSmtpTls('the e-mail address is personal data'));
export type ConfirmationConfig = z.output<typeof confirmationConfigSchema>;

export const deliveryTargetSchema = z.discriminatedUnion('type', [
  directoryTargetSchema,
  httpsTargetSchema,
  smtpTargetSchema,
]);
export type DeliveryTargetConfig = z.output<typeof deliveryTargetSchema>;

export const DEFAULT_TARGET_NAME = 'local';

export const casesConfigSchema = z
  .object({
    /** SQLite file of the queue. Default: `<dataDir>/cases.sqlite`. */
    databaseFile: z.string().min(1).optional(),
    /**
     * The case journal: a second record of every receipted case until it is delivered, one encrypted
     * file per case, so a damaged database loses none (see docs/deploy.md, "Recovering cases").
     * Default: `<dataDir>/cases-journal`. May be on another disk than the database.
     */
    journalDir: z.string().min(1).optional(),
    /** How often storage faults (read-only or full disk, missing key file …) are checked again, in seconds. */
    storageCheckSeconds: z.number().int().min(1).max(3600).default(30),
    /** Key file wrapping the data key when the platform has no key store. Default: `<dataDir>/cases.key`. */
    keyFile: z.string().min(1).optional(),
    /**
     * Generate the key file (0600) when it is missing. Set false where IT provisions the key file
     * (an Electron kiosk without a real key store): the kiosk then refuses to start without it.
     */
    createKeyFile: z.boolean().default(true),
    /**
     * Upper bound of the database file in MB, so a queue that cannot deliver for weeks never fills
     * the kiosk's disk: beyond it a submission fails cleanly (visitor sent to the reception).
     */
    maxDatabaseMb: z.number().int().min(1).max(1_000_000).optional(),
    /** The visitor's confirmation e-mail through the municipality's relay (docs/delivery.md); absent: none. */
    confirmation: confirmationConfigSchema.optional(),
    /** Days the metadata of a delivered or discarded case is kept (payloads go at delivery). */
    retentionDays: z.number().int().min(1).max(3650).default(30),
    delivery: z
      .object({
        /** Named targets; a flow names the one its cases go to. Default: one directory target `local`. */
        targets: z.record(targetName, deliveryTargetSchema).default({}),
        /** Target of flows that name none. Default: `local`, or the only target configured. */
        defaultTarget: targetName.optional(),
        /** Attempts in flight at once (never more than one per case). */
        concurrency: z.number().int().min(1).max(8).default(4),
        /** How often an unreachable target is probed while the worker waits for it. */
        probeIntervalMs: z.number().int().min(500).max(600_000).default(1_000),
      })
      .strict()
      .prefault({}),
    backoff: z
      .object({
        /** First retry waits up to this long; each further attempt doubles it (full jitter). */
        baseMs: z.number().int().min(100).max(3_600_000).default(5_000),
        /** No retry waits longer than this. */
        capMs: z
          .number()
          .int()
          .min(100)
          .max(86_400_000)
          .default(15 * 60_000),
      })
      .strict()
      .prefault({})
      .refine((b) => b.capMs >= b.baseMs, { message: 'capMs must be at least baseMs', path: ['capMs'] }),
  })
  .strict()
  .transform((c, ctx) => {
    const targets: Record<string, DeliveryTargetConfig> =
      Object.keys(c.delivery.targets).length > 0
        ? c.delivery.targets
        : { [DEFAULT_TARGET_NAME]: { type: 'directory', format: 'envelope' } };
    const names = Object.keys(targets);
    let defaultTarget = c.delivery.defaultTarget;
    if (defaultTarget === undefined) {
      if (names.includes(DEFAULT_TARGET_NAME)) defaultTarget = DEFAULT_TARGET_NAME;
      else if (names.length === 1) defaultTarget = names[0];
    }
    if (defaultTarget === undefined || !Object.hasOwn(targets, defaultTarget)) {
      ctx.addIssue({
        code: 'custom',
        path: ['delivery', 'defaultTarget'],
        message: `defaultTarget must name one of the targets (${names.join(', ')})`,
      });
      return z.NEVER;
    }
    return { ...c, delivery: { ...c.delivery, targets, defaultTarget } };
  });

export type CasesConfigInput = z.input<typeof casesConfigSchema>;
export type CasesConfig = z.output<typeof casesConfigSchema>;

export type ResolvedDirectoryTarget = {
  type: 'directory';
  dir: string;
  createDir: boolean;
  format: 'envelope' | 'fgs';
  classification?: string | undefined;
};
export type ResolvedHttpsTarget = Extract<DeliveryTargetConfig, { type: 'https' }>;
export type ResolvedSmtpTarget = Extract<DeliveryTargetConfig, { type: 'smtp' }>;
export type ResolvedTarget = ResolvedDirectoryTarget | ResolvedHttpsTarget | ResolvedSmtpTarget;

export interface ResolvedCasesConfig {
  databaseFile: string;
  journalDir: string;
  storageCheckSeconds: number;
  keyFile: string;
  createKeyFile: boolean;
  maxDatabaseBytes: number | undefined;
  retentionDays: number;
  delivery: {
    targets: Record<string, ResolvedTarget>;
    defaultTarget: string;
    concurrency: number;
    probeIntervalMs: number;
  };
  backoff: { baseMs: number; capMs: number };
  confirmation: ConfirmationConfig | null;
}

/** Fills in the paths that depend on the data folder; relative paths are taken from the data folder. */
export function resolveCasesConfig(config: CasesConfig, dataDir: string): ResolvedCasesConfig {
  const at = (p: string): string => path.resolve(dataDir, p);
  const targets: Record<string, ResolvedTarget> = {};
  for (const [name, t] of Object.entries(config.delivery.targets)) {
    if (t.type === 'directory') {
      targets[name] = {
        type: 'directory',
        dir: t.dir ? at(t.dir) : at('outbox'),
        createDir: t.createDir ?? t.dir === undefined,
        format: t.format,
        ...(t.classification ? { classification: t.classification } : {}),
      };
    } else if (t.type === 'https') {
      targets[name] = {
        ...t,
        ...(t.caFile ? { caFile: at(t.caFile) } : {}),
        ...(t.clientPfxFile ? { clientPfxFile: at(t.clientPfxFile) } : {}),
        ...(t.passphraseFile ? { passphraseFile: at(t.passphraseFile) } : {}),
      };
    } else {
      targets[name] = {
        ...t,
        ...(t.caFile ? { caFile: at(t.caFile) } : {}),
        ...(t.auth ? { auth: { user: t.auth.user, passFile: at(t.auth.passFile) } } : {}),
      };
    }
  }
  return {
    databaseFile: at(config.databaseFile ?? 'cases.sqlite'),
    journalDir: at(config.journalDir ?? 'cases-journal'),
    storageCheckSeconds: config.storageCheckSeconds,
    keyFile: at(config.keyFile ?? 'cases.key'),
    createKeyFile: config.createKeyFile,
    maxDatabaseBytes: config.maxDatabaseMb === undefined ? undefined : config.maxDatabaseMb * 1024 * 1024,
    retentionDays: config.retentionDays,
    delivery: {
      targets,
      defaultTarget: config.delivery.defaultTarget,
      concurrency: config.delivery.concurrency,
      probeIntervalMs: config.delivery.probeIntervalMs,
    },
    backoff: config.backoff,
    confirmation: config.confirmation
      ? {
          ...config.confirmation,
          ...(config.confirmation.caFile ? { caFile: at(config.confirmation.caFile) } : {}),
          ...(config.confirmation.auth
            ? { auth: { user: config.confirmation.auth.user, passFile: at(config.confirmation.auth.passFile) } }
            : {}),
        }
      : null,
  };
}
