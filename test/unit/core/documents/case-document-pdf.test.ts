/** The case document: PDF/A-2b with the answers, identification and signing details. */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { prepareSubmission } from '../../../../src/core/submission/case-document';
import {
  CONTEXT,
  documentService,
  flatText,
  pdfFonts,
  pdfInfo,
  popplerMissing,
  qpdfCheck,
  qpdfMissing,
  SAMPLE_ANSWERS,
  shippedFlow,
  shippedFlows,
} from './document-fixtures';

const service = documentService();
const submitted = new Date('2025-06-15T10:02:03Z');
const extra = {
  reference: 'KK-2025-7QX4M2',
  identification: { name: 'Åsa Öberg-Ärlig', personnummer: '191212121212', identifiedAt: '2025-06-15T09:58:00Z' },
  signature: { signedAt: '2025-06-15T10:01:30Z', ocspPresent: true, signatureSha256: 'c0ffee'.repeat(10) + 'beef' },
  now: submitted,
};

function caseOf(id: string) {
  return prepareSubmission(shippedFlow(id), SAMPLE_ANSWERS[id], {
    ...CONTEXT,
    kioskId: 'kiosk-3',
    startedAt: new Date('2025-06-15T09:55:00Z'),
    now: submitted,
  });
}

describe('the case document PDF', () => {
  it.skipIf(popplerMissing)('holds reference, times, identification, signature details and every answer', async () => {
    const pdf = await service.casePdf(caseOf('parkeringstillstand'), extra);
    const text = flatText(pdf);
    for (const expected of [
      'Referensnummer KK-2025-7QX4M2',
      'Inskickat 2025-06-15 12:02:03',
      'Påbörjat 2025-06-15 11:55:00',
      'Kiosk kiosk-3',
      'Identifierad med Mobilt BankID',
      'Namn Åsa Öberg-Ärlig',
      'Personnummer 19121212-1212',
      'Underskriven 2025-06-15 12:01:30',
      'OCSP-svar finns Ja',
      'Söker du som förare eller som passagerare? Passagerare – någon annan kör mig',
      'Vilka hjälpmedel använder du? Rullator, Manuell rullstol',
      'Adress Storgatan 12, 123 45 Kommunby',
      'Tider anges i svensk tid.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Sida 1 av \d/);
  });

  it.skipIf(popplerMissing || qpdfMissing)(
    'is PDF/A-2b: XMP with pdfaid part 2 conformance B, sRGB OutputIntent, file ID, fonts embedded, qpdf clean',
    async () => {
      for (const id of shippedFlows.keys()) {
        const pdf = await service.casePdf(caseOf(id), { ...extra, identification: null, signature: null });
        const check = qpdfCheck(pdf);
        expect(check.ok, check.output).toBe(true);
        expect(check.output).toContain('No syntax or stream encoding errors');
        const meta = pdfInfo(pdf, true);
        expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
        expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
        expect(meta).toContain('<pdf:Producer>Kommunkiosk (pdf-lib)</pdf:Producer>');
        const fonts = pdfFonts(pdf);
        expect(fonts.length).toBe(2);
        for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true });

        const doc = await PDFDocument.load(pdf, { updateMetadata: false });
        const metadata = doc.catalog.lookup(PDFName.of('Metadata'), PDFStream);
        expect(metadata.dict.get(PDFName.of('Filter'))).toBeUndefined(); // readable without a PDF parser
        const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
        const intent = intents.lookup(0, PDFDict);
        expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
        const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
        expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
        expect(doc.context.trailerInfo.ID).toBeDefined();
        expect(doc.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
        for (const page of doc.getPages()) expect(page.node.Annots()?.size() ?? 0).toBe(0);
        // the information dictionary says what the XMP says
        expect(doc.getTitle()).toBe(`Ärende KK-2025-7QX4M2 – ${shippedFlow(id).title.sv}`);
        expect(meta).toContain(
          `<rdf:li xml:lang="x-default">Ärende KK-2025-7QX4M2 – ${shippedFlow(id).title.sv}</rdf:li>`,
        );
        expect(meta).toContain('<xmp:CreateDate>2025-06-15T10:02:03Z</xmp:CreateDate>');
        expect(doc.getCreationDate()?.toISOString()).toBe('2025-06-15T10:02:03.000Z');
        expect(doc.getProducer()).toBe('Kommunkiosk (pdf-lib)');
        expect(doc.getKeywords()).toBe(`KK-2025-7QX4M2 ${id} v1`);
        expect(meta).toContain(`<pdf:Keywords>KK-2025-7QX4M2 ${id} v1</pdf:Keywords>`);
      }
    },
  );

  it.skipIf(popplerMissing)(
    'an anonymous case says so; long answers run over pages; odd characters become □',
    async () => {
      const flow = shippedFlow('support-e-tjanster');
      const long = Array.from({ length: 150 }, (_, i) => `mening${i}`).join(' ');
      const doc = prepareSubmission(
        flow,
        { ...SAMPLE_ANSWERS['support-e-tjanster'], beskrivning: `${long} 中文 slut`, felmeddelande: 'x'.repeat(900) },
        { ...CONTEXT, kioskId: 'k', now: submitted },
      );
      const pdf = await service.casePdf(doc, { reference: 'KK-2025-AAAAAA', now: submitted });
      const text = flatText(pdf);
      expect(text).toContain('Identifierad med Ingen identifiering');
      expect(text).toContain('Underskriven med Ingen elektronisk underskrift');
      expect(text).toContain('mening149 □□ slut');
      expect(text.replace(/ /g, '')).toContain('x'.repeat(900));
    },
  );

  it.skipIf(popplerMissing)('can be made in English', async () => {
    const pdf = await service.casePdf(caseOf('forskoleplats'), { ...extra, lang: 'en' });
    const text = flatText(pdf);
    expect(text).toContain('Reference number KK-2025-7QX4M2');
    expect(text).toContain('OCSP response present Yes');
    expect(text).toContain('Which child is the application for? Lisa Test (20230915-1237)');
  });
});
