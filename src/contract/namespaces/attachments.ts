import { z } from 'zod';
import { method } from '../define';
import { ATTACHMENT_ID_PATTERN } from '../flows/attachment-limits';
import { fieldIdSchema, flowIdSchema } from '../flows/definition';

/**
 * Attachments (bilagor): paper the visitor scans on the kiosk's document scanner, for an `attachment`
 * field of a flow. The pages stay in core's memory for the visit
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

export const attachmentsMethods = {
  /** Scan one page on the configured scanner into an attachment of this field. */
  'attachments.scan': method(z.object({ ...target, ...into }).strict(), added),
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
