/**
 * The `attachments.*` contract methods: pages from the scanner into the visit's attachments, turned, deleted, discarded; and for submission, the attachments of a case as PDFs.
 *
 * Only a visitor on the e-service route may attach (never the paper route: its visitor attaches copies
 * to the printed blankett), only to an `attachment` field of an offered flow, within the field's and
 * the config's limits. One scan at a time. A scan that returns after its visit ended is wiped unseen.
 */
import type { HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import { attachmentName } from '../../contract/flows/attachment-answer';
import type { AttachmentField, FlowDefinition } from '../../contract/flows/definition';
import type { AttachmentSummary } from '../../contract/flows/validation-context';
import type { AttachmentPage, attachmentsMethods, CameraFailureReason } from '../../contract/namespaces/attachments';
import type { CaseFile } from '../cases/case-draft';
import type { Logger } from '../log/logger';
import type { Visit } from '../session/visit';
import { attachmentPdf } from './attachment-pdf';
import { AttachmentStore, type HeldAttachment, type HeldPage, type Rotation } from './attachment-store';
import { connectedCamera, type CameraState } from './camera-devices';
import type { AttachmentsConfig } from './config';
import { jpegSize } from './jpeg-image';
import { ScanFailure, type Scanner, type ScannerState } from './scanner';

export interface AttachmentServiceOptions {
  config: AttachmentsConfig;
  /** null: no scanner on this kiosk. */
  scanner: Scanner | null;
  flows: () => ReadonlyMap<string, FlowDefinition>;
  visit: Visit;
  logger: Logger;
  /** The municipality, the author of the PDFs. */
  author: string;
  now?: () => Date;
}

const MB = 1024 * 1024;

function pageView(page: HeldPage): AttachmentPage {
  return { id: page.id, image: `data:image/jpeg;base64,${page.jpeg.toString('base64')}`, rotation: page.rotation };
}

/** A4 in inches, portrait. */
const A4 = { short: 8.27, long: 11.69 };

/**
 * A photograph has no resolution of its own: it is given the one that makes the page A4 (the usual
 * paper; a page found by its edges is the paper), so the PDF page is paper-sized, not pixel-sized.
 */
export function photoDpi(width: number, height: number): number {
  const dpi = Math.max(Math.max(width, height) / A4.long, Math.min(width, height) / A4.short);
  return Math.min(600, Math.max(10, Math.round(dpi)));
}

export function createAttachmentService(options: AttachmentServiceOptions) {
  const { visit, scanner, config } = options;
  const log = options.logger.child({ area: 'attachments' });
  const now = options.now ?? (() => new Date());
  const store = new AttachmentStore();
  let scanning = false;
  /** The visit whose attachment screen has the camera open (the media permission's condition); null: closed. */
  let cameraVisit: string | null = null;
  /** What the last visitor's camera met, until a camera works again (the staff panel's `camera` check). */
  let cameraFailure: { reason: CameraFailureReason; at: Date } | null = null;

  visit.onReset('attachments', () => {
    cameraVisit = null;
    store.clear();
  });

  function attachmentField(flowId: string, fieldId: string): AttachmentField {
    if (visit.state.paperRoute) {
      throw new KioskFailure('forbidden', 'The paper route takes no attachments.', { reason: 'paper_route' });
    }
    const flow = options.flows().get(flowId);
    if (!flow) throw new KioskFailure('not_found', `flow '${flowId}' is not offered on this kiosk`);
    const field = flow.steps.flatMap((s) => s.fields).find((f) => f.id === fieldId);
    if (field?.type !== 'attachment')
      throw new KioskFailure('not_found', `flow ${flowId} has no attachment field '${fieldId}'`);
    return field;
  }

  function held(id: string): HeldAttachment {
    const attachment = store.get(id);
    if (!attachment) throw new KioskFailure('not_found', 'no such attachment in this visit');
    return attachment;
  }

  /** The attachment a new page goes into, after the limits that do not depend on its size. */
  function target(flowId: string, field: AttachmentField, attachmentId: string | undefined): HeldAttachment | null {
    if (attachmentId !== undefined) {
      const attachment = held(attachmentId);
      if (attachment.flowId !== flowId || attachment.fieldId !== field.id)
        throw new KioskFailure('not_found', 'the attachment belongs to another field');
      if (attachment.pages.length >= field.maxPages)
        throw new KioskFailure('conflict', `at most ${field.maxPages} pages`, { reason: 'too_many_pages' });
      return attachment;
    }
    if (store.ofField(flowId, field.id).length >= field.maxAttachments)
      throw new KioskFailure('conflict', `at most ${field.maxAttachments} attachments here`, {
        reason: 'too_many_attachments',
      });
    return null;
  }

  function add(
    flowId: string,
    field: AttachmentField,
    attachmentId: string | undefined,
    page: { jpeg: Buffer; dpi: number },
  ) {
    const size = jpegSize(page.jpeg);
    if (!size) {
      page.jpeg.fill(0);
      throw new KioskFailure('invalid_input', 'the page is not a JPEG image');
    }
    const into = target(flowId, field, attachmentId);
    if (store.totalBytes() + page.jpeg.length > config.maxTotalMb * MB) {
      page.jpeg.fill(0);
      throw new KioskFailure('conflict', `attachments of a visit take at most ${config.maxTotalMb} MB`, {
        reason: 'too_large',
      });
    }
    const attachment = into ?? store.start(flowId, field.id);
    const added = store.addPage(attachment, { jpeg: page.jpeg, dpi: page.dpi, ...size });
    return { attachmentId: attachment.id, pages: attachment.pages.length, page: pageView(added) };
  }

  const handlers: HandlersOf<typeof attachmentsMethods> = {
    'attachments.scan': async ({ flowId, fieldId, attachmentId }) => {
      const field = attachmentField(flowId, fieldId);
      if (!scanner) throw new KioskFailure('unavailable', 'this kiosk has no scanner', { reason: 'no_scanner' });
      target(flowId, field, attachmentId); // refuse before the paper goes through the scanner
      if (scanning) throw new KioskFailure('unavailable', 'a scan is already under way', { reason: 'busy' });
      scanning = true;
      const visitId = visit.id;
      let page;
      try {
        page = await scanner.scan();
      } catch (err) {
        const failure =
          err instanceof ScanFailure ? err : new ScanFailure('failed', err instanceof Error ? err.message : 'failed');
        log.warn({ scanner: scanner.description, reason: failure.reason, detail: failure.message }, 'scan failed');
        throw new KioskFailure('unavailable', `the scan failed (${failure.reason})`, { reason: failure.reason });
      } finally {
        scanning = false;
      }
      if (visit.id !== visitId) {
        page.jpeg.fill(0);
        throw new KioskFailure('visit_ended', 'The visit ended during the scan.');
      }
      const result = add(flowId, field, attachmentId, page);
      log.info({ flowId, fieldId, bytes: page.jpeg.length }, 'page scanned');
      return result;
    },

    'attachments.openCamera': async ({ flowId, fieldId, attachmentId }) => {
      const field = attachmentField(flowId, fieldId);
      if (!config.camera.enabled)
        throw new KioskFailure('unavailable', 'this kiosk offers no camera', { reason: 'no_camera' });
      target(flowId, field, attachmentId);
      cameraVisit = visit.id;
      log.info({ flowId, fieldId }, 'camera opened');
      return {};
    },

    'attachments.closeCamera': async ({ result }) => {
      if (cameraVisit !== null) log.info({ result: result ?? 'not started' }, 'camera closed');
      cameraVisit = null;
      if (result === 'on') cameraFailure = null;
      else if (result !== undefined) {
        cameraFailure = { reason: result, at: now() };
        log.warn({ reason: result }, 'the camera did not work for a visitor');
      }
      return {};
    },

    'attachments.capture': async ({ flowId, fieldId, attachmentId, image, cropped }) => {
      const field = attachmentField(flowId, fieldId);
      if (cameraVisit !== visit.id)
        throw new KioskFailure('forbidden', 'the camera is not open', { reason: 'camera_closed' });
      const jpeg = Buffer.from(image.slice(image.indexOf(',') + 1), 'base64');
      const size = jpegSize(jpeg);
      const dpi = size ? photoDpi(size.width, size.height) : 150;
      const result = add(flowId, field, attachmentId, { jpeg, dpi });
      cameraFailure = null;
      log.info({ flowId, fieldId, bytes: jpeg.length, cropped }, 'page photographed');
      return result;
    },

    'attachments.rotate': async ({ attachmentId, pageId }) => {
      const page = held(attachmentId).pages.find((p) => p.id === pageId);
      if (!page) throw new KioskFailure('not_found', 'no such page');
      page.rotation = ((page.rotation + 90) % 360) as Rotation;
      return { rotation: page.rotation };
    },

    'attachments.deletePage': async ({ attachmentId, pageId }) => {
      const attachment = held(attachmentId);
      if (!store.deletePage(attachment, pageId)) throw new KioskFailure('not_found', 'no such page');
      return { pages: attachment.pages.length };
    },

    'attachments.discard': async ({ attachmentId }) => {
      store.discard(attachmentId);
      return {};
    },
  };

  return {
    handlers,

    /** The flow's attachments of this visit, for validation and the case document. */
    summaries(flowId: string): AttachmentSummary[] {
      return store.summaries(flowId);
    },

    /** One PDF per attachment the answers name, in answer order (the case's documents after the case PDF). */
    async documents(flow: FlowDefinition, answers: Record<string, unknown>, reference: string): Promise<CaseFile[]> {
      const files: CaseFile[] = [];
      for (const field of flow.steps.flatMap((s) => s.fields)) {
        if (field.type !== 'attachment') continue;
        const ids = Array.isArray(answers[field.id]) ? (answers[field.id] as string[]) : [];
        let position = 0;
        for (const id of ids) {
          const attachment = store.get(id);
          if (!attachment || attachment.fieldId !== field.id || attachment.flowId !== flow.id) continue;
          position += 1;
          const name = attachmentName(field, position, 'sv');
          const bytes = await attachmentPdf(attachment.pages, {
            title: `Bilaga: ${name}`,
            author: options.author,
            subject: `${flow.title.sv} – ${reference}`,
            language: 'sv-SE',
            created: now(),
            seed: `${reference}:${id}`,
          });
          files.push({ name: `bilaga-${id}.pdf`, kind: 'attachment', mediaType: 'application/pdf', bytes });
        }
      }
      return files;
    },

    /** The case is stored: its attachments leave the visit's memory. */
    release(ids: readonly string[]): void {
      for (const id of ids) store.discard(id);
    },

    /** The scanner's state for the health check and the staff panel; null without a scanner. */
    async scannerState(): Promise<ScannerState | null> {
      if (!scanner) return null;
      if (scanning) return { state: 'ready', reason: `${scanner.description} is scanning for a visitor now` };
      return scanner.status();
    },

    /**
     * The camera's state for the health check and the staff panel; null when the kiosk offers none.
     * `names`: the cameras the system lists (camera-devices.ts), null where it lists none.
     */
    cameraState(names: string[] | null): CameraState | null {
      if (!config.camera.enabled) return null;
      const connected = connectedCamera(config.camera, names);
      if (connected.state !== 'ready' || !cameraFailure) return connected;
      return {
        state: cameraFailure.reason,
        reason: `a visitor's screen met "${cameraFailure.reason}" at ${cameraFailure.at.toISOString()}`,
      };
    },

    /** Whether the current visit's attachment screen has the camera open (camera-permission.ts). */
    cameraOpen(): boolean {
      return cameraVisit !== null && cameraVisit === visit.id;
    },

    /** Tests: how many attachments the visit holds. */
    heldCount: () => store.size,
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
