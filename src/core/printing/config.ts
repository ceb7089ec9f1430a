/**
 * Configuration of printing (config section `printing`).
 *
 * The default adapter is `folder`: the main command must work out of the box on a machine without
 * CUPS, and a folder is the only adapter that works everywhere. It writes what it prints into
 * `<dataDir>/printouts` and — because the paper route promises to keep nothing about the visitor — it
 * refuses the prefilled blankett of the paper route unless `folderAllowPersonalData` is set. A kiosk
 * that serves visitors sets `adapter: cups` (Linux) or `adapter: windows`.
 *
 * Relative paths are resolved against the kiosk's data folder.
 */
import { z } from 'zod';

/** CUPS queue names: printable, no space, tab, /, \, quotes or #; and no leading "-" (never an option). */
// eslint-disable-next-line no-control-regex
const cupsName = /^(?!-)[^\s/\\'"#\u0000-\u001f\u007f]{1,127}$/;

export const printingConfigSchema = z
  .object({
    adapter: z.enum(['cups', 'windows', 'folder', 'none']).default('folder'),
    /** cups: the queue name (required). windows: the printer's name; null for the default printer. */
    printer: z.string().min(1).max(127).nullable().default(null),
    /** folder: where PDFs are written; default `<dataDir>/printouts`. */
    folder: z.string().min(1).nullable().default(null),
    /** folder: accept the paper route's prefilled blankett (personal data) too. Development only. */
    folderAllowPersonalData: z.boolean().default(false),
    /** windows: full path of SumatraPDF.exe (required for the windows adapter). */
    sumatraPath: z.string().min(1).nullable().default(null),
    /** windows: where the print-time file is made; default the kiosk user's temp folder. */
    tempDir: z.string().min(1).nullable().default(null),
    media: z.enum(['A4']).default('A4'),
    /** Limit for one print command (lp, SumatraPDF). */
    timeoutSeconds: z.number().int().min(5).max(600).default(60),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.adapter === 'cups') {
      if (c.printer === null)
        ctx.addIssue({
          code: 'custom',
          path: ['printer'],
          message: 'the cups adapter needs the queue name (lpstat -p lists them)',
        });
      else if (!cupsName.test(c.printer))
        ctx.addIssue({
          code: 'custom',
          path: ['printer'],
          message: 'not a CUPS queue name (no spaces, /, \\, quotes or #; not starting with -)',
        });
    }
    if (c.adapter === 'windows' && c.sumatraPath === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['sumatraPath'],
        message: 'the windows adapter needs the path of SumatraPDF.exe',
      });
    }
  });

export type PrintingConfigInput = z.input<typeof printingConfigSchema>;
