/**
 * The `health` section of the kiosk's config file (every key optional):
 *
 *   health:
 *     timeoutSeconds: 5              # per reachability probe (BankID, register, delivery targets)
 *     disk: { warnPercent: 10, warnMb: 1024, failMb: 100 }
 *     cupsdConf: /etc/cups/cupsd.conf
 */
import { z } from 'zod';

export const healthConfigSchema = z
  .object({
    /** A reachability probe that has not answered within this time counts as unreachable. */
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
    disk: z
      .object({
        /** Warn when less than this share of the data folder's disk is free … */
        warnPercent: z.number().min(1).max(50).default(10),
        /** … or less than this many MB. */
        warnMb: z.number().int().min(1).max(1_000_000).default(1024),
        /** Fail below this many MB: new cases may no longer fit. */
        failMb: z.number().int().min(1).max(1_000_000).default(100),
      })
      .strict()
      .prefault({})
      .refine((d) => d.failMb <= d.warnMb, { message: 'failMb must not be larger than warnMb', path: ['failMb'] }),
    /** The CUPS server configuration checked for PreserveJobFiles / PreserveJobHistory (when printing uses CUPS). */
    cupsdConf: z.string().min(1).default('/etc/cups/cupsd.conf'),
  })
  .strict();

export type HealthConfigInput = z.input<typeof healthConfigSchema>;
export type HealthConfig = z.output<typeof healthConfigSchema>;
