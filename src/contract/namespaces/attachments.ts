import { z } from 'zod';
import { method } from '../define';
import { ATTACHMENT_ID_PATTERN } from '../flows/attachment-limits';
import { fieldIdSchema, flowIdSchema } from '../flows/definition';

/**
 * Attachments (bilagor): paper the visitor scans on the kiosk's document scanner, or photographs with
 * its camera, for an `attachment` field of a flow. The pages stay in core's memory for the visit
 * (never on disk, never in the renderer's storage); the renderer holds only the previews it was sent.
 * On submit core makes one PDF per attachment and stores it with the case; at the visit's end every
 * page is wiped. A failed scan answers `unavailable` with one of `scanFailureReasons` as its reason.
 */

/** Why a scan did not give a page, as the visitor is told it (in plain words, in their language). */
export const scanFailureReasons = [
  'no_paper',
  'jammed',
  'cover_open',
  'busy',
  'no_scanner',
  'timeout',
  'failed',
] as const;
export type ScanFailureReason = (typeof scanFailureReasons)[number];

export const attachmentIdSchema = z.string().max(80).regex(ATTACHMENT_ID_PATTERN);
const pageIdSchema = z.string().regex(/^p[1-9]\d{0,4}$/);

/** One page as the renderer shows it: a JPEG data: URL (the CSP allows data: images) and its turn. */
export const attachmentPageSchema = z.object({
  id: pageIdSchema,
  image: z.string().startsWith('data:image/jpeg;base64,'),
  /** Clockwise quarter turns the page is shown and delivered with: 0, 90, 180 or 270 degrees. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
});
export type AttachmentPage = z.infer<typeof attachmentPageSchema>;

const target = { flowId: flowIdSchema, fieldId: fieldIdSchema };
/** A page is added to this attachment; absent: a new attachment is started. */
const into = { attachmentId: attachmentIdSchema.optional() };
const added = z.object({
  attachmentId: attachmentIdSchema,
  pages: z.number().int().min(1),
  page: attachmentPageSchema,
});

/**
 * Why the camera gave no page, as the visitor is told it. `no_camera`, `camera_denied`, `camera_busy`
 * and `camera_failed` come from the browser (getUserMedia's NotFoundError, NotAllowedError,
 * NotReadableError, anything else); `no_camera` also when this kiosk offers no camera.
 */
export const cameraFailureReasons = ['no_camera', 'camera_denied', 'camera_busy', 'camera_failed'] as const;
export type CameraFailureReason = (typeof cameraFailureReasons)[number];

/**
 * The largest photographed page the renderer may send (a data: URL; the host bridge takes frames up to
 * 4 MB). The screen sends a JPEG of at most 2000 px on its long side, some 150–600 KB.
 */
export const MAX_CAPTURE_CHARS = 3_000_000;

export const attachmentsMethods = {
  /** Scan one page on the configured scanner into an attachment of this field. */
  'attachments.scan': method(z.object({ ...target, ...into }).strict(), added),
  /**
   * The attachment screen opens the camera for this field: from now until `closeCamera` (or the visit's
   * end) the kiosk's own page may use the camera, video only. Refused when the kiosk offers no camera
   * (`no_camera`), on the paper route, or past the field's limits.
   */
  'attachments.openCamera': method(z.object({ ...target, ...into }).strict(), z.object({})),
  /**
   * The attachment screen is done with the camera: the permission is withdrawn. `result` is what the
   * browser's camera did this time (`on`: the picture came; else why not), for the staff panel.
   */
  'attachments.closeCamera': method(
    z.object({ result: z.enum(['on', ...cameraFailureReasons]).optional() }).strict(),
    z.object({}),
  ),
  /**
   * A page photographed on the open camera (already cropped to the page's edges by the screen when it
   * found them), into an attachment of this field like a scanned page.
   */
  'attachments.capture': method(
    z
      .object({
        ...target,
        ...into,
        image: z.string().startsWith('data:image/jpeg;base64,').max(MAX_CAPTURE_CHARS),
        /** Whether the screen found the page's edges (else the whole frame is the page). */
        cropped: z.boolean(),
      })
      .strict(),
    added,
  ),
  /** Turn a page a quarter clockwise. */
  'attachments.rotate': method(
    z.object({ attachmentId: attachmentIdSchema, pageId: pageIdSchema }).strict(),
    z.object({ rotation: attachmentPageSchema.shape.rotation }),
  ),
  /** Delete one page; the attachment goes with its last page. */
  'attachments.deletePage': method(
    z.object({ attachmentId: attachmentIdSchema, pageId: pageIdSchema }).strict(),
    z.object({ pages: z.number().int().min(0) }),
  ),
  /** Throw away a whole attachment (its pages are wiped). */
  'attachments.discard': method(z.object({ attachmentId: attachmentIdSchema }).strict(), z.object({})),
} as const;
