/**
 * The `attachments` section of the kiosk's config file: the document scanner and the limits of what a
 * visitor may attach.
 *
 *   attachments:
 *     scanner:
 *       adapter: sane            # sane (Linux, scanimage) or none; see docs/attachments.md for Windows
 *       device: 'fujitsu:fi-7160:12345'   # SANE device name, as `scanimage -L` lists it
 *       resolution: 200          # dpi, 150–200 keeps a text page well under 500 KB
 *       colour: grey             # grey or colour
 *       source: flatbed          # flatbed or feeder
 *       timeoutSeconds: 60
 *     maxTotalMb: 20             # all attachments of one visit together
 */
import { z } from 'zod';

/** SANE device names: `backend:rest`, printable, no spaces or leading "-" (never an option). */
// eslint-disable-next-line no-control-regex
const saneDevice = /^(?!-)[^\s\u0000-\u001f\u007f]{1,200}$/;

export const scannerConfigSchema = z
  .object({
    /** sane: a SANE scanner through `scanimage`; none: no scanner on this kiosk. */
    adapter: z.enum(['sane', 'none']).default('none'),
    /** The SANE device name (`scanimage -L`); `test` is SANE's test backend (demo only). */
    device: z.string().regex(saneDevice, 'a SANE device name as scanimage -L lists it').nullable().default(null),
    /** The scanimage program; a bare name is looked up on PATH. */
    command: z.string().min(1).max(500).default('scanimage'),
    resolution: z.number().int().min(75).max(600).default(200),
    colour: z.enum(['grey', 'colour']).default('grey'),
    source: z.enum(['flatbed', 'feeder']).default('flatbed'),
    /** Longest one scan may take before it is stopped and the visitor told. */
    timeoutSeconds: z.number().int().min(5).max(300).default(60),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.adapter === 'sane' && c.device === null)
      ctx.addIssue({ code: 'custom', path: ['device'], message: 'the sane adapter needs the device (scanimage -L)' });
  });

export const attachmentsConfigSchema = z
  .object({
    scanner: scannerConfigSchema.prefault({}),
    /** All attachments of one visit together, in MB. */
    maxTotalMb: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export type ScannerConfig = z.output<typeof scannerConfigSchema>;
export type AttachmentsConfig = z.output<typeof attachmentsConfigSchema>;
