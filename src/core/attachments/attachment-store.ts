/**
 * The pages of the visit's attachments, in core's memory only. Nothing here is ever written to disk:
 * a page arrives from scanimage's stdout, lives in a Buffer and is overwritten with
 * zeros when it is deleted, when its case has been stored, and at the end of the visit.
 */
import type { AttachmentSummary } from '../../contract/flows/validation-context';

export type Rotation = 0 | 90 | 180 | 270;

export interface HeldPage {
  id: string;
  jpeg: Buffer;
  width: number;
  height: number;
  /** Dots per inch it was scanned at (gives the paper's size in the PDF). */
  dpi: number;
  rotation: Rotation;
}

export interface HeldAttachment {
  id: string;
  flowId: string;
  fieldId: string;
  pages: HeldPage[];
}

export class AttachmentStore {
  private readonly attachments = new Map<string, HeldAttachment>();
  /** Numbers attachments and pages within the visit; never reused while the visit lasts. */
  private nextAttachment = 1;
  private nextPage = 1;

  /** Bytes of every page held. */
  totalBytes(): number {
    let n = 0;
    for (const a of this.attachments.values()) for (const p of a.pages) n += p.jpeg.length;
    return n;
  }

  get(id: string): HeldAttachment | undefined {
    return this.attachments.get(id);
  }

  /** The attachments of one field (in the order they were started). */
  ofField(flowId: string, fieldId: string): HeldAttachment[] {
    return [...this.attachments.values()].filter((a) => a.flowId === flowId && a.fieldId === fieldId);
  }

  start(flowId: string, fieldId: string): HeldAttachment {
    const attachment: HeldAttachment = { id: `${fieldId}-${this.nextAttachment}`, flowId, fieldId, pages: [] };
    this.nextAttachment += 1;
    this.attachments.set(attachment.id, attachment);
    return attachment;
  }

  addPage(attachment: HeldAttachment, page: Omit<HeldPage, 'id' | 'rotation'>): HeldPage {
    const held: HeldPage = { ...page, id: `p${this.nextPage}`, rotation: 0 };
    this.nextPage += 1;
    attachment.pages.push(held);
    return held;
  }

  deletePage(attachment: HeldAttachment, pageId: string): boolean {
    const index = attachment.pages.findIndex((p) => p.id === pageId);
    if (index < 0) return false;
    const [page] = attachment.pages.splice(index, 1);
    page?.jpeg.fill(0);
    if (attachment.pages.length === 0) this.attachments.delete(attachment.id);
    return true;
  }

  /** Wipes and forgets one attachment. */
  discard(id: string): void {
    const attachment = this.attachments.get(id);
    if (!attachment) return;
    for (const p of attachment.pages) p.jpeg.fill(0);
    attachment.pages.length = 0;
    this.attachments.delete(id);
  }

  /** What validation needs of a flow's attachments: id, field and page count. */
  summaries(flowId: string): AttachmentSummary[] {
    return [...this.attachments.values()]
      .filter((a) => a.flowId === flowId)
      .map((a) => ({ id: a.id, fieldId: a.fieldId, pages: a.pages.length }));
  }

  /** Wipes and forgets every page (the visit's end). */
  clear(): void {
    for (const id of [...this.attachments.keys()]) this.discard(id);
    this.nextAttachment = 1;
    this.nextPage = 1;
  }

  /** How many attachments are held (tests, the visit-leftovers check). */
  get size(): number {
    return this.attachments.size;
  }
}
