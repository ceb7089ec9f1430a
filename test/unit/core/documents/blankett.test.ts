/** The blankett of every shipped flow, blank and prefilled, read back as a reader and a PDF tool see it. */
import {
  PDFCheckBox,
  PDFDocument,
  PDFDropdown,
  PDFName,
  PDFRadioGroup,
  type PDFRef,
  PDFTextField,
  type PDFForm,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyseAnswers } from '../../../../src/contract/flows/answers-schema';
import {
  flowFields,
  isAnswerable,
  type FieldDefinition,
  type FlowDefinition,
} from '../../../../src/contract/flows/definition';
import { localise } from '../../../../src/contract/flows/localise';
import {
  CONTEXT,
  documentService,
  flatText,
  pdfFonts,
  pdfInfo,
  popplerMissing,
  qpdfCheck,
  qpdfMissing,
  oneStepFlow,
  SAMPLE_ANSWERS,
  shippedFlow,
  shippedFlows,
  t,
} from './document-fixtures';

const service = documentService({ config: { postAddress: ['Exempelkommun', 'Box 1', '123 45 Kommunby'] } });
const NOW = new Date('2025-06-15T10:00:00Z');
const SIGNATURE_FIELDS = ['Underskrift.OrtOchDatum', 'Underskrift.Namnfortydligande'];

/** The PDF fields a flow field becomes, with the pdf-lib class each must be. */
function expectedFields(field: FieldDefinition): Array<[string, unknown]> {
  switch (field.type) {
    case 'info':
    case 'stop':
    case 'attachment': // printed as a note to attach a copy: nothing to fill in
      return [];
    case 'address':
      return ['street', 'postalCode', 'city'].map((p) => [`${field.id}.${p}`, PDFTextField]);
    case 'checkboxes':
      return field.options.map((o, i) => [
        `${field.id}.${/^[A-Za-z0-9_-]{1,60}$/.test(o.value) ? o.value : String(i + 1)}`,
        PDFCheckBox,
      ]);
    case 'consent':
      return [[field.id, PDFCheckBox]];
    case 'radio':
    case 'yesno':
      return [[field.id, PDFRadioGroup]];
    case 'select':
      return [[field.id, PDFDropdown]];
    default:
      return [[field.id, PDFTextField]];
  }
}

function fieldMap(form: PDFForm): Map<string, unknown> {
  return new Map(form.getFields().map((f) => [f.getName(), f]));
}

/** The 1-based page each widget of `name` sits on. */
async function widgetPages(doc: PDFDocument, name: string): Promise<number[]> {
  const field = doc.getForm().getField(name);
  const pages = doc.getPages();
  return field.acroField.getWidgets().map((w) => {
    const ref = doc.context.getObjectRef(w.dict) as PDFRef;
    return (
      pages.findIndex((p) =>
        p.node
          .Annots()
          ?.asArray()
          .some((a) => a === ref),
      ) + 1
    );
  });
}

describe.each([...shippedFlows.keys()])('blankett of %s', (id) => {
  const flow = shippedFlow(id);

  it('blank: every field of the flow is a fillable field of the right type, plus the signature block', async () => {
    const pdf = await service.blankett(flow, { lang: 'sv', now: NOW });
    const doc = await PDFDocument.load(pdf);
    const fields = fieldMap(doc.getForm());
    const expected = flowFields(flow).flatMap(({ field }) => expectedFields(field));
    for (const [name, type] of expected) {
      expect(fields.get(name), name).toBeInstanceOf(type as new (...args: never[]) => unknown);
    }
    for (const name of SIGNATURE_FIELDS) expect(fields.get(name), name).toBeInstanceOf(PDFTextField);
    expect(fields.size).toBe(expected.length + SIGNATURE_FIELDS.length);

    for (const { field } of flowFields(flow)) {
      if (field.type === 'radio')
        expect((fields.get(field.id) as PDFRadioGroup).getOptions()).toEqual(field.options.map((o) => o.value));
      if (field.type === 'yesno') expect((fields.get(field.id) as PDFRadioGroup).getOptions()).toEqual(['yes', 'no']);
      if (field.type === 'select')
        expect((fields.get(field.id) as PDFDropdown).getOptions()).toEqual(
          field.options.map((o) => localise(o.label, 'sv')),
        );
      if (field.type === 'textarea') expect((fields.get(field.id) as PDFTextField).isMultiline()).toBe(true);
      if (isAnswerable(field) && field.required && field.type !== 'checkboxes' && field.type !== 'address') {
        expect((fields.get(field.id) as PDFTextField).isRequired(), `${field.id} required`).toBe(true);
      }
    }
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(doc.getPageCount()).toBeLessThanOrEqual(6);
  });

  it.skipIf(popplerMissing)(
    'blank: readable text with *, conditions in words, page numbers, signature and where to hand it in',
    async () => {
      const pdf = await service.blankett(flow, { lang: 'sv', now: NOW });
      const pages = (await PDFDocument.load(pdf)).getPageCount();
      const text = flatText(pdf);
      expect(text).toContain(localise(flow.title, 'sv').split(' ')[0]);
      expect(text).toContain('Exempelkommun');
      expect(text).toContain('Frågor markerade med * måste besvaras');
      for (let n = 1; n <= pages; n += 1) expect(flatText(pdf, n)).toContain(`Sida ${n} av ${pages}`);
      for (const word of ['Underskrift', 'Namnförtydligande', 'Ort och datum', 'Så lämnar du in blanketten'])
        expect(text).toContain(word);
      expect(text).toContain(localise(flow.paper.handIn, 'sv').replace(/\s+/g, ' ').slice(0, 40));
      expect(text).toContain('Box 1'); // the config's post address: no shipped flow names one
      const required = flowFields(flow).find(
        ({ field }) => isAnswerable(field) && field.required && field.type !== 'consent',
      )?.field;
      if (required && isAnswerable(required))
        expect(text).toContain(`${localise(required.label, 'sv').replace(/\s+/g, ' ')} *`);
      if (flowFields(flow).some(({ field }) => field.visibleIf)) expect(text).toContain('Fyll i om du har svarat');
      expect(pdfInfo(pdf)).toMatch(new RegExp(`Pages:\\s+${pages}`));
    },
  );

  it.skipIf(popplerMissing || qpdfMissing)(
    'blank and prefilled: every font embedded and subset, and qpdf finds no error',
    async () => {
      for (const pdf of [
        await service.blankett(flow, { lang: 'sv' }),
        await service.blankett(flow, { lang: 'en', answers: SAMPLE_ANSWERS[id], context: CONTEXT }),
      ]) {
        const fonts = pdfFonts(pdf);
        expect(fonts.length).toBeGreaterThanOrEqual(1);
        for (const font of fonts) {
          expect(font, font.name).toMatchObject({ embedded: true, subset: true });
          expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
        }
        const check = qpdfCheck(pdf);
        expect(check.ok, check.output).toBe(true);
        expect(check.output).toContain('No syntax or stream encoding errors');
      }
    },
  );

  it('prefilled: only the fields the answers make visible, holding the answers', async () => {
    const answers = SAMPLE_ANSWERS[id] as Record<string, unknown>;
    const pdf = await service.blankett(flow, { lang: 'sv', answers, context: CONTEXT, now: NOW });
    const form = (await PDFDocument.load(pdf)).getForm();
    const fields = fieldMap(form);
    const analysis = analyseAnswers(flow, answers, CONTEXT);
    const visible = new Set(analysis.fields.map((f) => f.field.id));
    const expected = analysis.fields.flatMap(({ field }) => expectedFields(field));
    expect([...fields.keys()].sort()).toEqual([...expected.map(([n]) => n), ...SIGNATURE_FIELDS].sort());
    for (const { field } of flowFields(flow))
      if (!visible.has(field.id) && isAnswerable(field)) expect(fields.has(field.id), field.id).toBe(false);

    for (const { field } of analysis.fields) {
      const value = analysis.clean[field.id];
      if (value === undefined) continue;
      switch (field.type) {
        case 'radio':
        case 'yesno':
          expect((fields.get(field.id) as PDFRadioGroup).getSelected(), field.id).toBe(value);
          break;
        case 'select':
          expect((fields.get(field.id) as PDFDropdown).getSelected()).toEqual([
            localise(field.options.find((o) => o.value === value)?.label, 'sv'),
          ]);
          break;
        case 'checkboxes':
          for (const o of field.options)
            expect((fields.get(`${field.id}.${o.value}`) as PDFCheckBox).isChecked(), o.value).toBe(
              (value as string[]).includes(o.value),
            );
          break;
        case 'consent':
          expect((fields.get(field.id) as PDFCheckBox).isChecked()).toBe(true);
          break;
        case 'address':
          expect((fields.get(`${field.id}.city`) as PDFTextField).getText()).toBe('Kommunby');
          break;
        case 'textarea':
        case 'text':
          expect((fields.get(field.id) as PDFTextField).getText(), field.id).toBe(value);
          break;
        default:
          expect((fields.get(field.id) as PDFTextField).getText(), field.id).not.toBe('');
      }
    }
  });

  it.skipIf(popplerMissing)('prefilled: a field is never on another page than its label', async () => {
    const pdf = await service.blankett(flow, { lang: 'sv', answers: SAMPLE_ANSWERS[id], context: CONTEXT });
    const doc = await PDFDocument.load(pdf);
    for (const { field } of analyseAnswers(flow, SAMPLE_ANSWERS[id], CONTEXT).fields) {
      if (!isAnswerable(field) || field.type === 'checkboxes' || field.type === 'address') continue;
      if (field.type === 'attachment') continue; // a printed note, no widget
      const [page] = await widgetPages(doc, field.id);
      const words = localise(field.label, 'sv').split(/\s+/).slice(0, 3).join(' ');
      expect(flatText(pdf, page as number), `${field.id} on page ${String(page)}`).toContain(words);
    }
  });
});

describe('the words of the blankett', () => {
  it.skipIf(popplerMissing)('Swedish letters round-trip through pdftotext, in labels and in answers', async () => {
    const flow = shippedFlow('parkeringstillstand');
    const pdf = await service.blankett(flow, {
      lang: 'sv',
      answers: SAMPLE_ANSWERS.parkeringstillstand,
      context: CONTEXT,
    });
    const text = flatText(pdf);
    expect(text).toContain('Åsa Öberg-Ärlig');
    expect(text).toContain('Ansökan om parkeringstillstånd för rörelsehindrade');
    expect(text).toContain('Beskriv din funktionsnedsättning och hur den påverkar din förmåga att gå');
    // the läkarintyg is not scanned on paper: the blankett asks for a copy
    expect(text).toContain('Bifoga en kopia (Läkarintyg) när du lämnar in blanketten.');
    const special = oneStepFlow('tecken', [{ id: 'fritext', type: 'text', label: t('Fråga åäöÅÄÖé') }], {
      title: t('Tecken åäöÅÄÖé'),
    });
    const filled = await service.blankett(special, { lang: 'sv', answers: { fritext: 'Svar åäöÅÄÖé ÆØÜß €“”–' } });
    const filledText = flatText(filled);
    expect(filledText).toContain('Tecken åäöÅÄÖé');
    expect(filledText).toContain('Fråga åäöÅÄÖé');
    expect(filledText).toContain('Svar åäöÅÄÖé ÆØÜß €“”–');
  });

  it.skipIf(popplerMissing)(
    'conditional fields and steps say when they apply; info and stop fields are printed as text',
    async () => {
      const text = flatText(await service.blankett(shippedFlow('felanmalan-gata-park'), { lang: 'sv' }));
      expect(text).toContain(
        'Fyll i om du har svarat "Ja" på frågan "Vill du att vi hör av oss när felet är åtgärdat?".',
      );
      expect(text).toContain(
        'Gäller om du har svarat "Ja" på frågan "Är det akut fara för liv, hälsa eller egendom?":',
      );
      expect(text).toContain('Vid fara för liv eller hälsa: ring 112.');
      const parking = flatText(await service.blankett(shippedFlow('parkeringstillstand'), { lang: 'en' }));
      expect(parking).toContain(
        'Fill in this part if you answered "Driver – I drive myself" to "Are you applying as a driver or as a passenger?".',
      );
      expect(parking).toContain('Page 1 of');
      expect(parking).toContain('Name in capitals');
    },
  );

  it.skipIf(popplerMissing)('a visitor language other than Swedish and English is printed in English', async () => {
    const pdf = await service.blankett(shippedFlow('support-e-tjanster'), { lang: 'ar' });
    expect(flatText(pdf)).toContain('Support for e-services');
  });
});

describe('bad input still gives a valid PDF', () => {
  const longText = Array.from({ length: 400 }, (_, i) => `ord${i}`).join(' ') + ' SLUTORDET';

  it.skipIf(popplerMissing || qpdfMissing)(
    'a very long textarea answer is wrapped and paginated, every word kept',
    async () => {
      const flow = oneStepFlow(
        'lang-text',
        [
          { id: 'kort', type: 'textarea', label: t('Kort svar') },
          { id: 'lang', type: 'textarea', maxLength: 100000, label: t('Långt svar') },
          { id: 'ord', type: 'text', maxLength: 200, label: t('Ett ord') },
        ],
        { title: t('Lång text') },
      );
      const veryLong = Array.from({ length: 8 }, () => longText).join('\n\n');
      const unbroken = 'x'.repeat(199);
      const pdf = await service.blankett(flow, {
        lang: 'sv',
        answers: { kort: 'Kort.', lang: veryLong, ord: unbroken },
      });
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(4);
      const text = flatText(pdf);
      expect(text).toContain('Svaret är för långt för en ruta');
      expect(text.match(/SLUTORDET/g)?.length).toBe(8);
      expect(text.replace(/ /g, '')).toContain(unbroken);
      expect(
        doc
          .getForm()
          .getFields()
          .map((f) => f.getName()),
      ).toContain('kort');
      expect(doc.getForm().getTextField('ord').getText()?.replace(/\n/g, '')).toBe(unbroken);
      expect(qpdfCheck(pdf).ok).toBe(true);
    },
  );

  it.skipIf(popplerMissing || qpdfMissing)(
    'a list of 200 options: a dropdown with all of them, and all of them printed for the pen',
    async () => {
      const options = Array.from({ length: 200 }, (_, i) => ({
        value: `v${i}`,
        label: t(`Alternativ nummer ${i + 1} – Åre`),
      }));
      const flow = oneStepFlow(
        'manga-val',
        [{ id: 'val', type: 'select', required: true, label: t('Välj ett'), options }],
        { title: t('Många val') },
      );
      const pdf = await service.blankett(flow, { lang: 'sv' });
      const doc = await PDFDocument.load(pdf);
      expect(doc.getForm().getDropdown('val').getOptions()).toHaveLength(200);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
      const text = flatText(pdf);
      for (const n of [1, 57, 123, 200]) expect(text).toContain(`Alternativ nummer ${n} – Åre`);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const filled = await service.blankett(flow, { lang: 'sv', answers: { val: 'v199' } });
      expect((await PDFDocument.load(filled)).getForm().getDropdown('val').getSelected()).toEqual([
        'Alternativ nummer 200 – Åre',
      ]);
    },
  );

  it.skipIf(popplerMissing || qpdfMissing)(
    'characters outside the font (emoji, Chinese, Arabic) become a visible □, in labels and answers',
    async () => {
      const flow = oneStepFlow(
        'tecken-utanfor',
        [
          { id: 'namn', type: 'text', label: t('Namn 名字') },
          { id: 'text', type: 'textarea', label: t('Fritext') },
          {
            id: 'val',
            type: 'radio',
            label: t('Val'),
            options: [
              { value: 'a', label: t('Ja 🦄') },
              { value: 'b', label: t('مرحبا') },
            ],
          },
        ],
        {
          title: { sv: 'Blankett 中文 🦄', en: 'Form' },
          description: t('العربية'),
          paper: { handIn: t('Lämna in 🦄.') },
        },
      );
      const pdf = await service.blankett(flow, {
        lang: 'sv',
        answers: { namn: 'Li 李 \u200b Åsa', text: 'Hej 👨‍👩‍👧 مرحبا بك\nrad två', val: 'b' },
      });
      const text = flatText(pdf);
      expect(text).toContain('Blankett □□ □');
      expect(text).toContain('Namn □□');
      expect(text).toContain('Li □ Åsa');
      expect(text).toContain('Hej □ □□□□□ □□ rad två');
      expect(text).toContain('rad två');
      expect(text).not.toMatch(/[\u0600-\u06ff\u4e00-\u9fff]/u);
      for (const font of pdfFonts(pdf)) expect(font.embedded).toBe(true);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const form = (await PDFDocument.load(pdf)).getForm();
      expect(form.getTextField('namn').getText()).toBe('Li □ Åsa');
    },
  );

  it('answers of the wrong shape are left out rather than breaking the PDF', async () => {
    const flow = shippedFlow('forskoleplats');
    const pdf = await service.blankett(flow, {
      lang: 'sv',
      answers: { startdatum: { evil: true }, dagar: 'mandag', omfattning: 42, barn: ['x'] },
      context: CONTEXT,
    });
    const form = (await PDFDocument.load(pdf)).getForm();
    expect(form.getTextField('startdatum').getText()).toBeUndefined();
    expect(form.getFields().map((f) => f.getName())).not.toContain('dagar.mandag'); // omfattning invalid: the schedule step is hidden
  });
});

describe('the form as a computer sees it', () => {
  it('fields type in Helvetica from the form resources (covers Swedish), while the printed appearance uses the embedded font', async () => {
    const pdf = await service.blankett(shippedFlow('support-e-tjanster'), { lang: 'sv' });
    const doc = await PDFDocument.load(pdf);
    const form = doc.getForm();
    expect(form.getTextField('etjanst').acroField.getDefaultAppearance()).toBe('/Helv 10 Tf 0 g');
    const dr = form.acroForm.dict.lookup(PDFName.of('DR'));
    expect(dr?.toString()).toContain('/Helv');
    expect(form.acroForm.dict.get(PDFName.of('NeedAppearances'))).toBeUndefined();
    const tooltip = form.getTextField('etjanst').acroField.dict.get(PDFName.of('TU'));
    expect(tooltip).toBeDefined();
  });

  it('documents of the same input are the same, byte for byte (deterministic layout)', async () => {
    const flow: FlowDefinition = shippedFlow('forskoleplats');
    const a = await service.blankett(flow, { lang: 'sv', now: NOW });
    const b = await service.blankett(flow, { lang: 'sv', now: NOW });
    expect(a.byteLength).toBe(b.byteLength);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
