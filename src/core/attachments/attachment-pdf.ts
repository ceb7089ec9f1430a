/**
 * One attachment as one PDF: each page its JPEG embedded as it is (no re-encoding, so a grey text page
 * at 150–200 dpi stays about 100–200 KB), on a page of the paper's own size (its pixels at the
 * resolution it was scanned at); a turned page carries /Rotate. The file is PDF/A-2b like the case
 * document (XMP, sRGB OutputIntent, file identifier; see pdfa.ts).
 */
import { degrees, PDFDocument } from 'pdf-lib';
import { makePdfA } from '../documents/pdfa';
import { setDocumentProperties } from '../documents/letterhead';
import type { HeldPage } from './attachment-store';

const POINTS_PER_INCH = 72;

export interface AttachmentPdfOptions {
  /** "Bilaga: Läkarintyg" — from the flow, never from the paper. */
  title: string;
  /** The municipality (the author, as on the case document). */
  author: string;
  subject: string;
  language: string;
  created: Date;
  /** Makes the file identifier (e.g. reference and attachment id). */
  seed: string;
}

function pageSize(page: HeldPage): { width: number; height: number } {
  return { width: (page.width / page.dpi) * POINTS_PER_INCH, height: (page.height / page.dpi) * POINTS_PER_INCH };
}

export async function attachmentPdf(pages: readonly HeldPage[], options: AttachmentPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const properties = {
    title: options.title,
    author: options.author,
    subject: options.subject,
    language: options.language,
    created: options.created,
  };
  setDocumentProperties(doc, properties);
  for (const held of pages) {
    // a copy of its own: pdf-lib reads a JPEG from its ArrayBuffer's start, and a small Node Buffer is
    // a slice of a shared pool (its bytes begin elsewhere)
    const image = await doc.embedJpg(new Uint8Array(held.jpeg));
    const size = pageSize(held);
    const page = doc.addPage([size.width, size.height]);
    page.drawImage(image, { x: 0, y: 0, width: size.width, height: size.height });
    if (held.rotation !== 0) page.setRotation(degrees(held.rotation));
  }
  makePdfA(doc, properties, options.seed);
  return doc.save({ useObjectStreams: true });
}
