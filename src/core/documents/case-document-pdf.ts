/**
 * The case document as PDF/A-2b, for delivery to the municipality and for its archive: reference and
 * times, the e-service, who identified and signed (name, personnummer, time, OCSP response present)
 * and every answer in flow order with its question. Rendered in memory from the CaseDocument that
 * prepareSubmission built; never written to a file here.
 */
import { PDFDocument } from 'pdf-lib';
import { formatPersonnummer } from '../../contract/flows/personnummer';
import { localise } from '../../contract/flows/localise';
import type { CaseDocument } from '../submission/case-document';
import {
  documentLanguage,
  documentLanguageTag,
  formatSwedishTime,
  textsFor,
  type DocumentTexts,
} from './document-texts';
import type { FontLibrary } from './fonts';
import { compressContentStreams, useNativeCompression } from './native-compression';
import {
  drawFooter,
  drawLetterhead,
  setDocumentProperties,
  type DocumentProperties,
  type Municipality,
} from './letterhead';
import { COLOURS, PageLayout, type TextStyle } from './page-layout';
import { makePdfA } from './pdfa';
import type { PDFImage } from 'pdf-lib';

export interface CaseIdentification {
  name: string;
  /** 12 digits (or as the register gave it); printed as YYYYMMDD-NNNN. */
  personnummer: string;
  /** ISO 8601. */
  identifiedAt?: string | null;
  /** The e-ID used; default bankid. */
  method?: 'bankid' | 'freja';
}

export interface CaseSignature {
  /** ISO 8601: when BankID completed the signature. */
  signedAt: string;
  /** Whether BankID's completion data held an OCSP response. */
  ocspPresent: boolean;
  /** Hex SHA-256 of the BankID signature (the XML itself travels with the case, not in the PDF). */
  signatureSha256?: string | null;
  /** The e-ID used; default bankid (Freja: the digest is of the result JWS, there is no OCSP). */
  method?: 'bankid' | 'freja';
}

export interface CasePdfExtra {
  /** The case reference shown on the receipt. */
  reference: string;
  /** The signed-in person; null or absent for flows without identification. */
  identification?: CaseIdentification | null;
  /** The BankID signature, for flows that are signed. */
  signature?: CaseSignature | null;
  /** A staff member who helped (name or staff id), if any. */
  assistedBy?: string | null;
  /** Language of the fixed texts; default Swedish (the municipality's archive language). */
  lang?: string;
  /** When the PDF is made; default now. */
  now?: Date;
}

const STYLE = {
  title: { size: 16, bold: true },
  heading: { size: 12, bold: true },
  key: { size: 9, color: COLOURS.muted },
  value: { size: 10 },
  label: { size: 9.5, bold: true },
  answer: { size: 10 },
  note: { size: 8, color: COLOURS.muted },
} satisfies Record<string, TextStyle>;

const KEY_WIDTH = 150;

class CaseWriter {
  constructor(
    readonly layout: PageLayout,
    private readonly t: DocumentTexts,
  ) {}

  heading(text: string): void {
    const { layout } = this;
    layout.ensure(layout.lineHeight(STYLE.heading) + 50);
    layout.space(10);
    layout.tag('H2', () => layout.drawLines(layout.wrap(text, STYLE.heading), STYLE.heading));
    layout.y -= 2;
    layout.rule(COLOURS.rule, 0.8);
    layout.y -= 8;
  }

  /** Key–value rows, tagged as a list (each key a Lbl, its value the LBody). */
  rows(draw: () => void): void {
    this.layout.tag('L', draw);
  }

  /**
   * A key–value row, an LI of the list `rows` opened (a list of its own outside `rows`): the key in a
   * narrow column, the value wrapped beside it.
   */
  row(key: string, value: string): void {
    const item = () => this.layout.tag('LI', () => this.drawRow(key, value));
    if (this.layout.structure.currentType === 'L') item();
    else this.rows(item);
  }

  private drawRow(key: string, value: string): void {
    const { layout } = this;
    const keys = layout.wrap(key, STYLE.key, KEY_WIDTH - 10);
    const values = layout.wrap(value, STYLE.value, layout.contentWidth - KEY_WIDTH);
    const lineHeight = layout.lineHeight(STYLE.value);
    layout.ensure(Math.max(keys.length, Math.min(values.length, 3)) * lineHeight);
    const top = layout.y;
    layout.tag('Lbl', () =>
      keys.forEach((line, i) =>
        layout.drawAt(line, layout.left, layout.baseline(top - i * lineHeight, STYLE.value) + 0.5, STYLE.key),
      ),
    );
    layout.tag('LBody', () => layout.drawLines(values, STYLE.value, KEY_WIDTH));
    layout.y = Math.min(layout.y, top - keys.length * lineHeight) - 3;
  }

  answer(label: string, value: string): void {
    const { layout } = this;
    const labels = layout.wrap(label, STYLE.label);
    const values = layout.wrap(value, STYLE.answer, layout.contentWidth - 10);
    // the question stays with the first lines of its answer
    layout.ensure(
      layout.heightOf(labels.length, STYLE.label) + layout.heightOf(Math.min(values.length, 3), STYLE.answer),
    );
    layout.drawLines(labels, STYLE.label);
    layout.drawLines(values, STYLE.answer, 10);
    layout.y -= 6;
  }

  note(text: string): void {
    this.layout.drawLines(this.layout.wrap(text, STYLE.note), STYLE.note);
  }

  get texts(): DocumentTexts {
    return this.t;
  }
}

export async function renderCasePdf(
  library: FontLibrary,
  municipality: Municipality,
  logo: (doc: PDFDocument) => Promise<PDFImage | null>,
  caseDocument: CaseDocument,
  extra: CasePdfExtra,
): Promise<Uint8Array> {
  const lang = documentLanguage(extra.lang ?? 'sv');
  const t = textsFor(lang);
  const now = extra.now ?? new Date();
  const title = localise(caseDocument.flow.title, lang);

  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeCompression(doc);
  const properties: DocumentProperties = {
    title: `${t.caseTitle} ${extra.reference} – ${title}`,
    author: municipality.name,
    subject: t.caseSubject,
    language: documentLanguageTag(lang),
    created: now,
    keywords: [extra.reference, caseDocument.flow.id, `v${caseDocument.flow.version}`],
  };
  setDocumentProperties(doc, properties);
  makePdfA(doc, properties, `${extra.reference}:${caseDocument.times.submittedAt}:${now.toISOString()}`);
  const fonts = await library.embed(doc, `case:${extra.reference}`);
  const layout = new PageLayout(doc, fonts, library.printable, {
    onNewPage: (l, page) => {
      const style = { size: 8, color: COLOURS.muted };
      l.drawAt(
        l.printable.cleanLine(`${t.caseTitle} ${extra.reference} – ${title}`),
        l.left,
        l.baseline(l.y, style),
        style,
        page,
      );
      l.y -= 14;
      l.rule();
      l.y -= 12;
    },
  });
  const w = new CaseWriter(layout, t);

  drawLetterhead(layout, municipality, await logo(doc), t.logoAlt(municipality.name));
  layout.tag('H1', () => layout.drawLines(layout.wrap(`${t.caseTitle}: ${title}`, STYLE.title), STYLE.title));
  layout.space(6);

  w.rows(() => {
    w.row(t.reference, extra.reference);
    w.row(t.service, `${title} (${caseDocument.flow.id}, ${t.version.toLowerCase()} ${caseDocument.flow.version})`);
    w.row(t.category, caseDocument.flow.category);
    w.row(t.submitted, formatSwedishTime(caseDocument.times.submittedAt, true));
    if (caseDocument.times.startedAt) w.row(t.started, formatSwedishTime(caseDocument.times.startedAt, true));
    w.row(t.kiosk, caseDocument.kioskId);
    w.row(t.visitorLanguage, caseDocument.language);
    w.row(t.deliveryTarget, caseDocument.deliveryTarget ?? t.defaultTarget);
    if (extra.assistedBy) w.row(t.assistedBy, extra.assistedBy);
  });

  w.heading(t.identificationTitle);
  w.rows(() => {
    const id = extra.identification;
    if (id) {
      w.row(t.identifiedWith, id.method === 'freja' ? t.freja : t.bankId);
      w.row(t.name, id.name);
      w.row(t.personnummer, /^\d{12}$/.test(id.personnummer) ? formatPersonnummer(id.personnummer) : id.personnummer);
      if (id.identifiedAt) w.row(t.identifiedAt, formatSwedishTime(id.identifiedAt, true));
    } else {
      w.row(t.identifiedWith, t.notIdentified);
    }
    const sig = extra.signature;
    if (sig) {
      w.row(t.signedWith, sig.method === 'freja' ? t.freja : t.bankId);
      w.row(t.signedAt, formatSwedishTime(sig.signedAt, true));
      if (sig.method !== 'freja') w.row(t.ocspPresent, sig.ocspPresent ? t.yes : t.no);
      if (sig.signatureSha256) w.row(t.signatureDigest, sig.signatureSha256);
    } else {
      w.row(t.signedWith, t.notSigned);
    }
  });

  w.heading(t.answersTitle);
  if (caseDocument.answers.length === 0) w.note(t.noAnswers);
  let step: string | null = null;
  for (const answer of caseDocument.answers) {
    if (answer.stepId !== step) {
      step = answer.stepId;
      const stepTitle = layout.wrap(localise(answer.stepTitle, lang), { size: 10.5, bold: true, color: COLOURS.muted });
      layout.ensure(layout.heightOf(stepTitle.length + 3, STYLE.answer));
      layout.space(4);
      layout.tag('H3', () => layout.drawLines(stepTitle, { size: 10.5, bold: true, color: COLOURS.muted }));
      layout.y -= 2;
    }
    w.answer(localise(answer.label, lang), lang === 'sv' ? answer.displayValue.sv : answer.displayValue.en);
  }
  layout.space(8);
  w.note(t.timeZoneNote);

  const footer = `${t.caseTitle} ${extra.reference} · ${caseDocument.flow.id} v${caseDocument.flow.version} · ${municipality.name}`;
  layout.finish((page, n, total) => drawFooter(layout, page, footer, t.page(n, total)));
  compressContentStreams(doc);
  return doc.save({ useObjectStreams: true });
}
