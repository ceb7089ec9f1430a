/**
 * What every document starts and ends with: the municipality's logo and name at the top, a footer
 * with page numbers at the bottom, and the document properties (title, author, dates) in the file.
 */
import type { PDFDocument, PDFImage, PDFPage } from 'pdf-lib';
import type { Logger } from '../log/logger';
import { A4, COLOURS, type PageLayout } from './page-layout';

export interface MunicipalityContact {
  phone?: string | null;
  email?: string | null;
  /** Visiting or postal address lines. */
  address?: readonly string[] | null;
}

/** The sender of every document: from config `kiosk.municipality`. */
export interface Municipality {
  name: string;
  /** PNG or JPEG bytes; anything else is skipped with a warning. */
  logoBytes?: Uint8Array | null;
  contact?: MunicipalityContact | null;
}

export type LogoKind = 'png' | 'jpeg';

export function logoKind(bytes: Uint8Array): LogoKind | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** The number of colour components of a JPEG (3 = RGB, 4 = CMYK), from its frame header; null if none is found. */
export function jpegComponents(bytes: Uint8Array): number | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return bytes[i + 9] as number;
    i += 2 + length;
  }
  return null;
}

/**
 * Embeds the logo; null (and a warning) when it is missing, not PNG/JPEG or broken. Never throws.
 * `rgbOnly` (PDF/A with an sRGB OutputIntent) also leaves out a CMYK JPEG.
 */
export async function embedLogo(
  doc: PDFDocument,
  bytes: Uint8Array | null | undefined,
  logger: Logger,
  rgbOnly = false,
): Promise<PDFImage | null> {
  if (!bytes || bytes.length === 0) return null;
  const kind = logoKind(bytes);
  if (!kind) {
    logger.warn({ bytes: bytes.length }, 'municipality logo is neither PNG nor JPEG; documents are printed without it');
    return null;
  }
  if (rgbOnly && kind === 'jpeg' && jpegComponents(bytes) === 4) {
    logger.warn(
      {},
      'municipality logo is a CMYK JPEG, which a PDF/A case document with an sRGB profile cannot hold; it is left out there',
    );
    return null;
  }
  try {
    return kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch (err) {
    logger.warn({ err, kind }, 'municipality logo could not be read; documents are printed without it');
    return null;
  }
}

const LOGO_MAX_HEIGHT = 46;
const LOGO_MAX_WIDTH = 150;

/**
 * Logo, municipality name and contact line at the top of the first page; moves the cursor below.
 * The logo is a Figure with `logoAlt` as its alternative text; name and contact are paragraphs.
 */
export function drawLetterhead(
  layout: PageLayout,
  municipality: Municipality,
  logo: PDFImage | null,
  logoAlt: string,
): void {
  const top = layout.y;
  let x = layout.left;
  let height = 0;
  if (logo) {
    const scale = Math.min(LOGO_MAX_HEIGHT / logo.height, LOGO_MAX_WIDTH / logo.width, 1);
    const box = { x, y: top - logo.height * scale, width: logo.width * scale, height: logo.height * scale };
    const page = layout.page;
    layout.tag('Figure', () => layout.structure.content(page, () => page.drawImage(logo, box)), {
      alt: logoAlt,
      box,
    });
    x += box.width + 12;
    height = box.height;
  }
  const nameStyle = { size: 12, bold: true };
  const contactStyle = { size: 8, color: COLOURS.muted };
  const width = layout.left + layout.contentWidth - x;
  const nameLines = layout.wrap(municipality.name, nameStyle, width).slice(0, 2);
  let y = top;
  layout.tag('P', () => {
    for (const line of nameLines) {
      layout.drawAt(line, x, layout.baseline(y, nameStyle), nameStyle);
      y -= layout.lineHeight(nameStyle);
    }
  });
  const contact = municipality.contact;
  const contactParts = [...(contact?.address ?? []), contact?.phone, contact?.email].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  if (contactParts.length > 0) {
    layout.tag('P', () => {
      for (const line of layout.wrap(contactParts.join(' · '), contactStyle, width).slice(0, 3)) {
        layout.drawAt(line, x, layout.baseline(y, contactStyle), contactStyle);
        y -= layout.lineHeight(contactStyle);
      }
    });
  }
  height = Math.max(height, top - y);
  layout.y = top - height - 14;
  layout.rule();
  layout.y -= 14;
}

/** A footer line: text on the left (shortened to fit), page number on the right. Drawn in `layout.finish` (an artifact). */
export function drawFooter(layout: PageLayout, page: PDFPage, left: string, right: string): void {
  const style = { size: 8, color: COLOURS.muted };
  const y = layout.margins.bottom - 30;
  const rightWidth = layout.measure(right, style.size);
  layout.line(
    page,
    { x: layout.left, y: y + 12 },
    { x: layout.left + layout.contentWidth, y: y + 12 },
    0.4,
    COLOURS.rule,
  );
  const room = layout.contentWidth - rightWidth - 16;
  let text = layout.printable.cleanLine(left);
  if (layout.measure(text, style.size) > room) {
    const chars = Array.from(text);
    while (chars.length > 0 && layout.measure(`${chars.join('')}…`, style.size) > room) chars.pop();
    text = `${chars.join('')}…`;
  }
  layout.drawAt(text, layout.left, y, style, page);
  layout.drawAt(right, A4[0] - layout.margins.right - rightWidth, y, style, page);
}

export interface DocumentProperties {
  title: string;
  author: string;
  subject: string;
  language: string;
  created: Date;
  keywords?: string[];
}

export const CREATOR = 'Kommunkiosk';
export const PRODUCER = 'Kommunkiosk (pdf-lib)';

/** Sets the document information dictionary (what a viewer shows under Properties). */
export function setDocumentProperties(doc: PDFDocument, p: DocumentProperties): void {
  doc.setTitle(p.title, { showInWindowTitleBar: true });
  doc.setAuthor(p.author);
  doc.setSubject(p.subject);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage(p.language);
  doc.setCreationDate(p.created);
  doc.setModificationDate(p.created);
  if (p.keywords && p.keywords.length > 0) doc.setKeywords(p.keywords);
}
