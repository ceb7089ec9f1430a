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
 *     camera:
 *       enabled: false           # a document camera or webcam on the attachment screen
 *       deviceLabel: null        # part of the camera's name to pick it; null: the first camera
 *     maxTotalMb: 20             # all attachments of one visit together
 */
import { z } from 'zod';

/** SANE device names: `backend:rest`, printable, no spaces or leading "-" (never an option). */
// eslint-disable-next-line no-control-regex
const saneDevice = /^(?!-)[^\s\u0000-\u001f\u007f]{1,200}$/;
// eslint-disable-next-line no-control-regex
const printable = /^[^\u0000-\u001f\u007f]+$/;

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

/**
 * A document camera or webcam on the attachment screen (getUserMedia in the renderer). The media
 * permission is granted only to the kiosk's own page while the attachment screen has the camera open
 * (camera-permission.ts); the microphone never.
 */
export const cameraConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** A part of the camera's name as the system lists it (e.g. "CZUR"), case-insensitive; null: the first camera. */
    deviceLabel: z
      .string()
      .min(1)
      .max(200)
      .regex(printable, 'printable text, no control characters')
      .nullable()
      .default(null),
  })
  .strict();

export const attachmentsConfigSchema = z
  .object({
    scanner: scannerConfigSchema.prefault({}),
    camera: cameraConfigSchema.prefault({}),
    /** All attachments of one visit together, in MB. */
    maxTotalMb: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export type CameraConfig = z.output<typeof cameraConfigSchema>;
export type ScannerConfig = z.output<typeof scannerConfigSchema>;
export type AttachmentsConfig = z.output<typeof attachmentsConfigSchema>;
