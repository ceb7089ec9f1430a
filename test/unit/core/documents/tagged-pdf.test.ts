/**
 * Accessible PDFs: every document the kiosk makes is tagged as a screen reader and PDF/UA-1 need it
 * (tagged-pdf-check.ts says what is checked), read back in-process with pdf-lib. The same documents
 * through poppler's and qpdf's own parsers: tagged-pdf-tools.test.ts (test:integration).
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flowFields, isAnswerable } from '../../../../src/contract/flows/definition';
import { localise } from '../../../../src/contract/flows/localise';
import { PdfStructure } from '../../../../src/core/documents/pdf-structure';
import { prepareSubmission } from '../../../../src/core/submission/case-document';
import {
  CONTEXT,
  documentService,
  MUNICIPALITY,
  oneStepFlow,
  PNG_LOGO,
  SAMPLE_ANSWERS,
  shippedFlow,
  shippedFlows,
  t,
} from './document-fixtures';
import { checkTaggedPdf } from './tagged-pdf-check';

const service = documentService({ municipality: { ...MUNICIPALITY, logoBytes: PNG_LOGO } });
const NOW = new Date('2025-06-15T10:00:00Z');

async function fieldCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getForm().getFields().length;
}

describe('tagged PDFs', () => {
  it('every shipped blankett, blank in sv, en and ar and prefilled, is tagged: structure, /TU on every field, /Tabs /S, nothing painted untagged', async () => {
    for (const [id, flow] of shippedFlows) {
      for (const lang of ['sv', 'en', 'ar'] as const) {
        const pdf = await service.blankett(flow, { lang, now: NOW });
        const report = await checkTaggedPdf(pdf);
        expect(report.problems, `${id} ${lang}`).toEqual([]);
        // Arabic visitors get the English blankett (the PDF cannot shape Arabic): it says it is English
        expect(report.lang).toBe(lang === 'sv' ? 'sv-SE' : 'en-GB');
        expect(report.tooltips.length).toBeGreaterThanOrEqual(await fieldCount(pdf));
        // each field's /TU is its question, as the visitor reads it above the box (an attachment has no
        // box on paper: the blankett asks for a copy to be attached)
        for (const field of flowFields(flow)
          .map((f) => f.field)
          .filter((f) => isAnswerable(f) && f.type !== 'attachment'))
          expect(report.tooltips).toContain(localise(field.label, lang === 'sv' ? 'sv' : 'en'));
        expect(report.widgets).toBeGreaterThan(5);
        for (const type of ['H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Form', 'Figure'])
          expect(report.types).toContain(type);
        expect(report.alts).toContain(lang === 'sv' ? 'Exempelkommuns logotyp' : 'Exempelkommun logo');
        expect(report.artifacts).toBeGreaterThan(0);
      }
      const filled = await service.blankett(flow, {
        lang: 'sv',
        answers: SAMPLE_ANSWERS[id],
        context: CONTEXT,
        now: NOW,
      });
      const report = await checkTaggedPdf(filled);
      expect(report.problems, `${id} prefilled`).toEqual([]);
    }
  });

  it('the parts a shipped flow may not have are tagged too: long answers, long lists in two columns, consent, address, stop', async () => {
    const options = Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, label: t(`Val ${i}`) }));
    const flow = oneStepFlow('alla-delar', [
      { id: 'val', type: 'select', label: t('Välj ett'), options },
      { id: 'adress', type: 'address', required: true, label: t('Adress') },
      { id: 'villkor', type: 'consent', label: t('Jag godkänner') },
      { id: 'text', type: 'textarea', maxLength: 100000, label: t('Berätta') },
      { id: 'enhet', type: 'number', unit: t('kr'), label: t('Belopp') },
      { id: 'flera', type: 'checkboxes', label: t('Flera'), options: options.slice(0, 3) },
      { id: 'akut', type: 'yesno', label: t('Akut?') },
      {
        id: 'stopp',
        type: 'stop',
        label: t('Stopp'),
        text: t('Ring oss i stället.'),
        visibleIf: { field: 'akut', equals: 'yes' },
      },
    ]);
    const long = Array.from({ length: 1500 }, (_, i) => `ord${i}`).join(' ');
    for (const answers of [undefined, { val: 'v3', villkor: true, text: long, enhet: 12 }]) {
      const pdf = await service.blankett(flow, { lang: 'sv', answers, context: CONTEXT, now: NOW });
      const report = await checkTaggedPdf(pdf);
      expect(report.problems).toEqual([]);
      // the long answer runs over pages: one paragraph with marked content on each (MCR with /Pg)
      if (answers) expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(2);
      expect(report.tooltips).toEqual(
        expect.arrayContaining(['Välj ett', 'Adress', 'Adress: Gatuadress', 'Jag godkänner', 'Flera', 'Flera: Val 1']),
      );
      // the stop notice's heading, under the step's H2 (the prefilled answers do not show it)
      if (answers === undefined) expect(report.types).toContain('H3');
    }
  });

  it('the receipt is tagged: the QR code is a Figure with alternative text, the details a list', async () => {
    for (const [lang, alt] of [
      ['sv', 'QR-kod med länken till ditt ärende på Mina sidor'],
      ['en', 'QR code with the link to your case on My pages'],
      ['ar', 'QR code with the link to your case on My pages'],
    ] as const) {
      const pdf = await service.receiptPdf(
        {
          reference: 'KK-2025-7QX4M2',
          service: shippedFlow('felanmalan-gata-park').title,
          submittedAt: '2025-06-15T10:02:03Z',
          status: 'stored',
          lang,
          followUrl: 'https://minasidor.exempel.se/arende/{reference}',
        },
        NOW,
      );
      const report = await checkTaggedPdf(pdf);
      expect(report.problems, lang).toEqual([]);
      expect(report.alts).toContain(alt);
      expect(report.types.filter((type) => type === 'LI')).toHaveLength(3);
      expect(report.lang).toBe(lang === 'sv' ? 'sv-SE' : 'en-GB');
      expect(report.widgets).toBe(0);
    }
  });

  it('the case document is tagged and stays PDF/A-2b: the pdfuaid property is described by an extension schema', async () => {
    const submitted = new Date('2025-06-15T10:02:03Z');
    for (const id of shippedFlows.keys()) {
      const caseDocument = prepareSubmission(shippedFlow(id), SAMPLE_ANSWERS[id], {
        ...CONTEXT,
        kioskId: 'kiosk-3',
        now: submitted,
      });
      const pdf = await service.casePdf(caseDocument, {
        reference: 'KK-2025-7QX4M2',
        identification: { name: 'Tolvan Tolvansson', personnummer: '191212121212' },
        signature: { signedAt: '2025-06-15T10:01:30Z', ocspPresent: true },
        now: submitted,
      });
      const report = await checkTaggedPdf(pdf);
      expect(report.problems, id).toEqual([]);
      expect(report.types.filter((type) => type === 'H2')).toHaveLength(2); // identification, answers
      expect(report.types).toContain('H3'); // each step of the answers
      const xmp = new TextDecoder().decode(pdf).match(/<x:xmpmeta[\s\S]*<\/x:xmpmeta>/)?.[0] ?? '';
      expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
      expect(xmp).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
    }
  });

  it('the check is not a rubber stamp: an untagged PDF fails it on every count', async () => {
    const doc = await PDFDocument.create();
    doc.setTitle('Otaggad');
    const page = doc.addPage();
    page.drawText('Hej');
    doc.getForm().createTextField('namn').addToPage(page, { x: 10, y: 10 });
    const report = await checkTaggedPdf(await doc.save());
    for (const problem of [
      'catalog: no /MarkInfo <</Marked true>>',
      'catalog: no /Lang',
      'catalog: no /ViewerPreferences /DisplayDocTitle true',
      'XMP: no pdfuaid:part 1',
      'catalog: no /StructTreeRoot',
      'page 1: no /Tabs /S',
      'field namn: no /TU',
    ])
      expect(report.problems).toContain(problem);
    expect(report.problems.some((p) => p.startsWith('page 1: painted outside marked content'))).toBe(true);
    expect(report.problems.some((p) => p.includes('is not in the structure as a Form with an OBJR'))).toBe(true);
  });

  it('the check knows how lists are built: an item outside a list is a problem', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const structure = new PdfStructure(doc);
    structure.element('H1', () => structure.content(page, () => page.drawText('Rubrik')));
    structure.element('LI', () =>
      structure.element('LBody', () => structure.content(page, () => page.drawText('Punkt'))),
    );
    structure.finish();
    const report = await checkTaggedPdf(await doc.save());
    expect(report.problems.some((p) => /^structure: LI \d+ 0 R stands in Document$/.test(p))).toBe(true);
    expect(report.problems.some((p) => p.startsWith('page 1: painted outside'))).toBe(false);
  });

  it('a widget outside a Form element is refused while the document is written, not shipped untagged', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const structure = new PdfStructure(doc);
    doc.getForm().createTextField('namn').addToPage(page, { x: 10, y: 10 });
    expect(() => structure.element('P', () => structure.widget(page))).toThrow(
      'a widget belongs in a Form element, not P',
    );
    expect(() => structure.element('Form', () => structure.widget(doc.addPage()))).toThrow(
      'no widget annotation was added to the page',
    );
  });
});
