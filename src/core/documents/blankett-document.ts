/**
 * What the blankett's renderers share: the PDF and its form, the page layout (a new page repeats the
 * form's title), the document texts in the blankett's language, the answers of a prefilled blankett,
 * and the form's field names (unique; a field's tooltip is its question). `finishForm` gives the
 * fields their appearance once everything is placed.
 */
import {
  PDFHexString,
  PDFName,
  PDFString,
  type PDFCheckBox,
  type PDFDocument,
  type PDFField,
  type PDFForm,
  type PDFTextField,
} from 'pdf-lib';
import type { FlowDefinition, StepDefinition } from '../../contract/flows/definition';
import { localise } from '../../contract/flows/localise';
import type { CleanAnswers, ValidationContext } from '../../contract/flows/validation-context';
import { FIELD_FONT_SIZE } from './blankett-style';
import { describeCondition } from './condition-text';
import { textsFor, type DocumentLanguage, type DocumentTexts } from './document-texts';
import type { DocumentFonts, FontLibrary } from './fonts';
import { COLOURS, PageLayout } from './page-layout';

export interface Prefill {
  clean: CleanAnswers;
  context?: ValidationContext | undefined;
}

/** The state of one blankett being written; the renderers are views on it. */
export class BlankettDocument {
  readonly layout: PageLayout;
  readonly t: DocumentTexts;
  private readonly names = new Set<string>();
  private readonly textFields: PDFField[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly form: PDFForm,
    readonly fonts: DocumentFonts,
    library: FontLibrary,
    readonly flow: FlowDefinition,
    readonly lang: DocumentLanguage,
    readonly prefill: Prefill | null,
  ) {
    this.t = textsFor(lang);
    this.layout = new PageLayout(doc, fonts, library.printable, {
      onNewPage: (layout, page) => {
        const style = { size: 8, color: COLOURS.muted };
        const title = `${this.text(flow.title)} – ${this.t.blankett}`;
        layout.drawAt(layout.printable.cleanLine(title), layout.left, layout.baseline(layout.y, style), style, page);
        layout.y -= 14;
        layout.rule();
        layout.y -= 12;
      },
    });
  }

  text(t: Parameters<typeof localise>[0]): string {
    return localise(t, this.lang);
  }

  get blank(): boolean {
    return this.prefill === null;
  }

  private uniqueName(name: string): string {
    let candidate = name;
    for (let n = 2; this.names.has(candidate); n += 1) candidate = `${name}-${n}`;
    this.names.add(candidate);
    return candidate;
  }

  tooltip(field: PDFField, label: string): void {
    field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
  }

  /**
   * A new field of the form under a unique name, with its question as tooltip (/TU, what a screen
   * reader says for the field). A dotted name (`adress.street`) makes a parent field: `group` is its
   * tooltip (the question the parts belong to).
   */
  named<F extends PDFField>(create: (name: string) => F, name: string, label: string, group?: string): F {
    const field = create(this.uniqueName(name));
    this.tooltip(field, label);
    const parent = field.acroField.getParent();
    if (group !== undefined && parent && !parent.dict.has(PDFName.of('TU')))
      parent.dict.set(PDFName.of('TU'), PDFHexString.fromText(group));
    return field;
  }

  createTextField(name: string, label: string, group?: string): PDFTextField {
    const field = this.named((n) => this.form.createTextField(n), name, label, group);
    this.textFields.push(field);
    return field;
  }

  createCheckBox(name: string, label: string, group?: string): PDFCheckBox {
    return this.named((n) => this.form.createCheckBox(n), name, label, group);
  }

  /**
   * Adds a field's widget to the page inside a Form structure element: `add` puts the widget on the
   * current page; `label` (optional) draws the text that belongs to it, such as an option's words.
   */
  widget(add: () => void, label?: () => void): void {
    const { layout } = this;
    layout.tag('Form', () => {
      const page = layout.page;
      add();
      layout.structure.widget(page);
      label?.();
    });
  }

  /** A field a visitor types into on a computer (gets the Helvetica default appearance). */
  typedInto(field: PDFField): void {
    this.textFields.push(field);
  }

  /** "Fill in if …": the condition in words, or the texts' fallback when it cannot be said. */
  conditionWords(condition: NonNullable<StepDefinition['visibleIf']>): string {
    return describeCondition(condition, this.flow, this.lang) ?? this.t.conditionUnknown;
  }

  /**
   * Appearance streams in the embedded font for printing; Helvetica in the fields' default appearance
   * for typing on a computer (an embedded subset holds only the glyphs already used).
   */
  finishForm(): void {
    this.form.updateFieldAppearances(this.fonts.regular);
    if (this.textFields.length === 0) return;
    const helvetica = this.doc.context.register(
      this.doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }),
    );
    this.form.acroForm.dict.set(PDFName.of('DR'), this.doc.context.obj({ Font: { Helv: helvetica } }));
    this.form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/Helv ${FIELD_FONT_SIZE} Tf 0 g`));
    for (const field of this.textFields) field.acroField.setDefaultAppearance(`/Helv ${FIELD_FONT_SIZE} Tf 0 g`);
  }
}

/** A renderer of part of the blankett: reads the shared document under the names the drawing code uses. */
export abstract class BlankettPart {
  constructor(protected readonly b: BlankettDocument) {}

  protected get layout(): PageLayout {
    return this.b.layout;
  }

  protected get t(): DocumentTexts {
    return this.b.t;
  }

  protected get blank(): boolean {
    return this.b.blank;
  }

  protected get flow(): FlowDefinition {
    return this.b.flow;
  }

  protected text(t: Parameters<typeof localise>[0]): string {
    return this.b.text(t);
  }
}
