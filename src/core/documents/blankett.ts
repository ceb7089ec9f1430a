/**
 * The blankett: the paper form of a flow, rendered from its definition.
 *
 * Every answerable field becomes a fillable AcroForm field named after the field id (blankett-fields.ts),
 * so the blank PDF can be filled in on a computer and the prefilled one holds the visitor's answers. Info and stop
 * fields are printed as text. In the blank variant every field is printed and a conditional one says
 * when it applies ("Fyll i om …"); the prefilled variant holds only the fields the answers make
 * visible. Then a signature block, where to hand the form in, and the data protection notice.
 *
 * What is drawn is printed with the embedded DejaVu subset. The fields' default appearance names
 * Helvetica from the form's resources, which every PDF viewer has and which covers Swedish, so a
 * visitor typing into the blank form on a computer sees the letters they type.
 *
 * The parts: blankett-document.ts (the shared state, field names, the form's appearance),
 * blankett-layout.ts (heading, steps, signature, hand-in, notice, footers), blankett-fields.ts (one
 * renderer per field type), blankett-style.ts (styles, sizes, box border, section heading).
 */
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { analyseAnswers } from '../../contract/flows/answers-schema';
import type { FieldDefinition, FlowDefinition, StepDefinition } from '../../contract/flows/definition';
import { localise } from '../../contract/flows/localise';
import type { ValidationContext } from '../../contract/flows/validation-context';
import { BlankettDocument, type Prefill } from './blankett-document';
import { BlankettLayout } from './blankett-layout';
import { documentLanguage, documentLanguageTag, textsFor } from './document-texts';
import type { FontLibrary } from './fonts';
import { setDocumentProperties, type DocumentProperties, type Municipality } from './letterhead';
import { compressContentStreams, useNativeCompression } from './native-compression';
import { addXmpMetadata } from './pdfa';

export interface BlankettOptions {
  /** 'sv' or 'en'; any other visitor language is printed in English. */
  lang: string;
  /** The visitor's answers: gives the prefilled variant. Omit (or undefined) for the blank blankett. */
  answers?: unknown;
  /** For the prefilled variant: the day the answers are judged on and the visitor's children. */
  context?: ValidationContext;
  /** When the blankett is made (printed on the prefilled variant). Default: now. */
  now?: Date;
  /** Post address used when the flow names none (config `documents.postAddress`). */
  defaultPostAddress?: readonly string[] | null;
}

/** Renders the blank or prefilled blankett of `flow`. Everything happens in memory. */
export async function renderBlankett(
  library: FontLibrary,
  municipality: Municipality,
  logo: (doc: PDFDocument) => Promise<PDFImage | null>,
  flow: FlowDefinition,
  options: BlankettOptions,
): Promise<Uint8Array> {
  const lang = documentLanguage(options.lang);
  const now = options.now ?? new Date();
  const prefilled = options.answers !== undefined;
  const t = textsFor(lang);

  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeCompression(doc);
  const properties: DocumentProperties = {
    title: `${localise(flow.title, lang)} – ${t.blankett}`,
    author: municipality.name,
    subject: localise(flow.description, lang),
    language: documentLanguageTag(lang),
    created: now,
    keywords: [flow.id, `v${flow.version}`],
  };
  setDocumentProperties(doc, properties);
  const seed = `${flow.id}:${flow.version}:${lang}:${prefilled ? 'prefilled' : 'blank'}`;
  addXmpMetadata(doc, properties, `${seed}:${now.toISOString()}`);
  const fonts = await library.embed(doc, seed);
  const form = doc.getForm();

  let prefill: Prefill | null = null;
  let steps: Array<{ step: StepDefinition; fields: FieldDefinition[] }>;
  if (prefilled) {
    const analysis = analyseAnswers(flow, options.answers, options.context);
    prefill = { clean: analysis.clean, context: options.context };
    steps = analysis.steps.map((step) => ({
      step,
      fields: analysis.fields.filter((f) => f.step === step).map((f) => f.field),
    }));
  } else {
    steps = flow.steps.map((step) => ({ step, fields: step.fields }));
  }

  const blankett = new BlankettDocument(doc, form, fonts, library, flow, lang, prefill);
  const writer = new BlankettLayout(blankett);
  writer.heading(municipality, await logo(doc), now);
  steps.forEach(({ step, fields }, i) => writer.step(step, i + 1, fields));
  writer.gdpr(); // read before signing
  writer.signature(writer.handInHeight(options.defaultPostAddress));
  writer.handIn(options.defaultPostAddress);
  writer.footers();
  blankett.finishForm();
  compressContentStreams(doc);
  return doc.save({ updateFieldAppearances: false, useObjectStreams: true });
}
