/**
 * The staff screen's test page: one A4 page that shows the printer works and prints Swedish
 * characters — which kiosk, which printer, when, which version, and a frame to see margins and
 * alignment. Made in memory with pdf-lib; nothing about any visitor is on it.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export interface TestPageInfo {
  municipality: string;
  kioskId: string;
  version: string;
  printer: string | null;
  staffId: string;
  /** When it was printed (shown in ISO 8601 UTC, so every kiosk prints the same format). */
  at: Date;
}

const A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;

/** Characters the page's standard font cannot encode (WinAnsi) become "?" rather than failing. */
function winAnsi(text: string): string {
  return [...text].map((ch) => (/^[\u0020-\u007e\u00a0-\u00ff–—‘’“”•…€]$/.test(ch) ? ch : '?')).join('');
}

export async function testPagePdf(info: TestPageInfo): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Kommunkiosk – testsida');
  pdf.setCreator('Kommunkiosk');
  pdf.setCreationDate(info.at);
  const page = pdf.addPage(A4);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = A4;
  const margin = 15 * MM;

  // a frame 15 mm inside the paper edge, and 10 mm ticks along it: margins and scaling at a glance
  page.drawRectangle({
    x: margin,
    y: margin,
    width: width - 2 * margin,
    height: height - 2 * margin,
    borderColor: rgb(0, 0, 0),
    borderWidth: 0.8,
  });
  for (let x = margin; x <= width - margin + 0.1; x += 10 * MM)
    page.drawLine({ start: { x, y: margin }, end: { x, y: margin + 3 * MM }, thickness: 0.5 });
  for (let y = margin; y <= height - margin + 0.1; y += 10 * MM)
    page.drawLine({ start: { x: margin, y }, end: { x: margin + 3 * MM, y }, thickness: 0.5 });

  let y = height - margin - 20 * MM;
  const line = (text: string, size = 12, font = regular): void => {
    page.drawText(winAnsi(text), { x: margin + 10 * MM, y, size, font });
    y -= size * 1.6;
  };
  line('Testsida / Test page', 22, bold);
  y -= 6;
  line(info.municipality, 14, bold);
  line(`Kiosk: ${info.kioskId}`);
  line(`Skrivare / Printer: ${info.printer ?? '(standard)'}`);
  line(`Utskriven / Printed: ${info.at.toISOString().replace('T', ' ').slice(0, 19)} UTC`);
  line(`Version: ${info.version}`);
  line(`Personal / Staff: ${info.staffId}`);
  y -= 12;
  line('Svenska tecken: Å Ä Ö å ä ö é É ü – ”citat” 1234567890', 12);
  line('Om ramen och texten syns hela och skarpa fungerar skrivaren.', 11);
  line('If the frame and the text are whole and sharp, the printer works.', 11);

  // grey scale steps: toner or ink running low shows here first
  const steps = 10;
  const boxW = (width - 2 * margin - 20 * MM) / steps;
  for (let i = 0; i < steps; i++) {
    const shade = i / (steps - 1);
    page.drawRectangle({
      x: margin + 10 * MM + i * boxW,
      y: y - 18 * MM,
      width: boxW,
      height: 12 * MM,
      color: rgb(shade, shade, shade),
    });
  }
  return pdf.save();
}
