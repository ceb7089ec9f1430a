/**
 * The receipt a visitor takes home: reference, e-service, date, whether the case is still in the
 * kiosk or already with the municipality, and how to follow it (a QR code to Mina sidor). It holds no
 * personal data: no name, no personnummer, no answers.
 */
import { PDFDocument, rgb, type PDFImage } from 'pdf-lib';
import { pageCountText } from '../../contract/flows/attachment-answer';
import type { LocalisedText } from '../../contract/flows/definition';
import { localise } from '../../contract/flows/localise';
import { documentLanguage, documentLanguageTag, formatSwedishTime, textsFor } from './document-texts';
import type { FontLibrary } from './fonts';
import { compressContentStreams, useNativeCompression } from './native-compression';
import {
  drawFooter,
  drawLetterhead,
  setDocumentProperties,
  type DocumentProperties,
  type Municipality,
} from './letterhead';
import { addXmpMetadata } from './pdfa';
import { COLOURS, PageLayout } from './page-layout';

export interface ReceiptInput {
  reference: string;
  /** The e-service's title (localised, or one string). */
  service: LocalisedText | string;
  /** ISO 8601: when the case was submitted. */
  submittedAt: string;
  /** stored: registered in the kiosk, waiting to be sent; delivered: received by the municipality. */
  status: 'stored' | 'delivered';
  lang: string;
  /**
   * Where the visitor follows the case ("Mina sidor"); `{reference}` is replaced by the reference.
   * Null: no QR code, the receipt says to contact the municipality.
   */
  followUrl?: string | null;
  /** The attachments sent with the case, named from the flow (in the receipt's language) with their pages. */
  attachments?: ReadonlyArray<{ name: string; pages: number }>;
}

/**
 * Draws `text` as a QR code (error correction M) with its top left corner at (x, top), tagged as a
 * Figure with `alt` as its alternative text. qrcode is loaded on first use: the blankett and the case
 * PDF (and the `npm run blankett` command) never need it.
 */
export async function drawQrCode(
  layout: PageLayout,
  text: string,
  alt: string,
  x: number,
  top: number,
  size: number,
): Promise<void> {
  const { create: createQr } = await import('qrcode');
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const page = layout.page;
  const count = qr.modules.size;
  const quiet = 4;
  const module = size / (count + 2 * quiet);
  const draw = () => {
    page.drawRectangle({ x, y: top - size, width: size, height: size, color: rgb(1, 1, 1) });
    for (let row = 0; row < count; row += 1) {
      // one rectangle per run of dark modules keeps the content stream small
      let col = 0;
      while (col < count) {
        if (!qr.modules.get(row, col)) {
          col += 1;
          continue;
        }
        const start = col;
        while (col < count && qr.modules.get(row, col)) col += 1;
        page.drawRectangle({
          x: x + (quiet + start) * module,
          y: top - (quiet + row + 1) * module,
          width: (col - start) * module,
          height: module,
          color: rgb(0, 0, 0),
        });
      }
    }
  };
  const box = { x, y: top - size, width: size, height: size };
  layout.tag('Figure', () => layout.structure.content(page, draw), { alt, box });
}

export function followLink(template: string, reference: string): string {
  return template.replaceAll('{reference}', encodeURIComponent(reference));
}

export async function renderReceiptPdf(
  library: FontLibrary,
  municipality: Municipality,
  logo: (doc: PDFDocument) => Promise<PDFImage | null>,
  receipt: ReceiptInput,
  now: Date = new Date(),
): Promise<Uint8Array> {
  const lang = documentLanguage(receipt.lang);
  const t = textsFor(lang);
  const service = typeof receipt.service === 'string' ? receipt.service : localise(receipt.service, lang);

  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeCompression(doc);
  const properties: DocumentProperties = {
    title: `${t.receiptTitle} ${receipt.reference}`,
    author: municipality.name,
    subject: service,
    language: documentLanguageTag(lang),
    created: now,
  };
  setDocumentProperties(doc, properties);
  addXmpMetadata(doc, properties, `receipt:${receipt.reference}:${now.toISOString()}`);
  const fonts = await library.embed(doc, `receipt:${receipt.reference}`);
  const layout = new PageLayout(doc, fonts, library.printable);
  drawLetterhead(layout, municipality, await logo(doc), t.logoAlt(municipality.name));

  const title = { size: 20, bold: true };
  const body = { size: 11 };
  const key = { size: 9, color: COLOURS.muted };
  const value = { size: 13, bold: true };
  layout.tag('H1', () => layout.drawLines(layout.wrap(t.receiptTitle, title), title));
  layout.space(4);
  layout.paragraph(receipt.status === 'delivered' ? t.receiptDelivered : t.receiptStored, body);
  layout.space(10);
  layout.tag('L', () => {
    for (const [k, v] of [
      [t.reference, receipt.reference],
      [t.service, service],
      [t.date, formatSwedishTime(receipt.submittedAt)],
      ...(receipt.attachments && receipt.attachments.length > 0
        ? [[t.attachments, receipt.attachments.map((a) => `${a.name} (${pageCountText(a.pages, lang)})`).join(', ')]]
        : []),
    ] as const) {
      layout.tag('LI', () => {
        layout.tag('Lbl', () => layout.drawLines(layout.wrap(k, key), key));
        layout.tag('LBody', () => layout.drawLines(layout.wrap(v, value), value));
      });
      layout.space(6);
    }
  });
  layout.space(6);
  layout.paragraph(t.keepReceipt, body);
  layout.space(14);

  const heading = { size: 13, bold: true };
  layout.tag('H2', () => layout.drawLines(layout.wrap(t.followTitle, heading), heading));
  layout.y -= 2;
  layout.rule();
  layout.y -= 8;
  if (receipt.followUrl) {
    const url = followLink(receipt.followUrl, receipt.reference);
    layout.paragraph(t.followQr, body);
    layout.space(6);
    const size = 132;
    layout.ensure(size + 30);
    await drawQrCode(layout, url, t.qrAlt, layout.left, layout.y, size);
    layout.y -= size + 4;
    layout.paragraph(url, { size: 9, color: COLOURS.muted });
  } else {
    layout.paragraph(t.followNoLink, body);
    const contact = municipality.contact;
    const parts = [contact?.phone, contact?.email].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length > 0) layout.paragraph(`${t.contact}: ${parts.join(' · ')}`, body);
  }

  layout.finish((page, n, total) =>
    drawFooter(layout, page, `${t.receiptTitle} ${receipt.reference} · ${municipality.name}`, t.page(n, total)),
  );
  compressContentStreams(doc);
  return doc.save({ useObjectStreams: true });
}
