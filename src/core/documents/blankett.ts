/**
 * The blankett: the paper form of a flow, rendered from its definition.
 *
 * Every answerable field becomes a fillable AcroForm field named after the field id (an address as
 * `<id>.street`, `<id>.postalCode`, `<id>.city`; check boxes as `<id>.<option value>`), so the blank
 * PDF can be filled in on a computer and the prefilled one holds the visitor's answers. Info and stop
 * fields are printed as text. In the blank variant every field is printed and a conditional one says
 * when it applies ("Fyll i om …"); the prefilled variant holds only the fields the answers make
 * visible. Then a signature block, where to hand the form in, and the data protection notice.
 *
 * What is drawn is printed with the embedded DejaVu subset. The fields' default appearance names
 * Helvetica from the form's resources, which every PDF viewer has and which covers Swedish, so a
 * visitor typing into the blank form on a computer sees the letters they type.
 */
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  type PDFCheckBox,
  type PDFDropdown,
  type PDFField,
  type PDFForm,
  type PDFImage,
  type PDFTextField,
} from 'pdf-lib';
import { analyseAnswers } from '../../contract/flows/answers-schema';
import {
  isAnswerable,
  type AnswerableField,
  type FieldDefinition,
  type FlowDefinition,
  type InfoField,
  type StepDefinition,
  type StopField,
} from '../../contract/flows/definition';
import { localise } from '../../contract/flows/localise';
import { displayValue } from '../../contract/flows/review';
import type { AnswerValue, CleanAnswers, ValidationContext } from '../../contract/flows/validation-context';
import { describeCondition } from './condition-text';
import {
  documentLanguage,
  formatSwedishDate,
  textsFor,
  type DocumentLanguage,
  type DocumentTexts,
} from './document-texts';
import type { DocumentFonts, FontLibrary } from './fonts';
import { compressContentStreams, useNativeCompression } from './native-compression';
import { drawFooter, drawLetterhead, setDocumentProperties, type Municipality } from './letterhead';
import { COLOURS, PageLayout, type TextStyle } from './page-layout';

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

const STYLE = {
  title: { size: 18, bold: true },
  subtitle: { size: 9, color: COLOURS.muted },
  heading: { size: 13, bold: true },
  subheading: { size: 10.5, bold: true },
  label: { size: 10, bold: true },
  body: { size: 10 },
  help: { size: 8.5, color: COLOURS.muted },
  condition: { size: 8.5, color: COLOURS.warning },
  option: { size: 9.5 },
} satisfies Record<string, TextStyle>;

/** Text size inside the form fields. */
const FIELD_FONT_SIZE = 10;
const BOX_HEIGHT = 20;
const BOX_GAP = 3;
const FIELD_GAP = 12;
const TICK = 11;
const OPTION_INDENT = TICK + 7;
/** A prefilled textarea taller than this is printed as text instead of a field. */
const MAX_BOX_HEIGHT = 320;
/** Line height pdf-lib uses inside a multiline field, for DejaVu Sans at FIELD_FONT_SIZE. */
const FIELD_LINE = FIELD_FONT_SIZE * 1.17;

/** Characters a PDF field name part may hold as is (a dot would make a hierarchy). */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,60}$/;

interface Prefill {
  clean: CleanAnswers;
  context?: ValidationContext;
}

class BlankettWriter {
  readonly layout: PageLayout;
  private readonly t: DocumentTexts;
  private readonly names = new Set<string>();
  private readonly textFields: PDFField[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly form: PDFForm,
    private readonly fonts: DocumentFonts,
    private readonly library: FontLibrary,
    private readonly flow: FlowDefinition,
    private readonly lang: DocumentLanguage,
    private readonly prefill: Prefill | null,
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

  private text(t: Parameters<typeof localise>[0]): string {
    return localise(t, this.lang);
  }

  private get blank(): boolean {
    return this.prefill === null;
  }

  private uniqueName(name: string): string {
    let candidate = name;
    for (let n = 2; this.names.has(candidate); n += 1) candidate = `${name}-${n}`;
    this.names.add(candidate);
    return candidate;
  }

  private tooltip(field: PDFField, label: string): void {
    field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
  }

  // ─── the page parts ─────────────────────────────────────────────────────────────────────────────

  heading(municipality: Municipality, logo: PDFImage | null, now: Date): void {
    const { layout, t } = this;
    drawLetterhead(layout, municipality, logo);
    layout.drawLines(layout.wrap(this.text(this.flow.title), STYLE.title), STYLE.title);
    layout.drawLines(layout.wrap(`${t.blankett} · ${this.flow.category}`, STYLE.subtitle), STYLE.subtitle);
    layout.space(6);
    layout.paragraph(this.text(this.flow.description), STYLE.body);
    layout.space(8);

    const instructions = this.blank ? t.instructionsBlank : t.instructionsFilled(formatSwedishDate(now));
    layout.ensure(layout.lineHeight(STYLE.subheading) + 3 * layout.lineHeight(STYLE.body));
    layout.drawLines(layout.wrap(t.instructionsTitle, STYLE.subheading), STYLE.subheading);
    for (const line of instructions) {
      layout.drawRich(layout.richBlocks(`- ${line}`, STYLE.body), STYLE.body);
    }
    if (this.blank && this.flow.needs && this.flow.needs.length > 0) {
      layout.space(4);
      layout.ensure(layout.lineHeight(STYLE.subheading) + 2 * layout.lineHeight(STYLE.body));
      layout.drawLines(layout.wrap(t.needsTitle, STYLE.subheading), STYLE.subheading);
      layout.drawRich(
        layout.richBlocks(this.flow.needs.map((n) => `- ${this.text(n)}`).join('\n'), STYLE.body),
        STYLE.body,
      );
    }
    layout.space(6);
  }

  step(step: StepDefinition, index: number, fields: FieldDefinition[]): void {
    const { layout } = this;
    const title = layout.wrap(`${index}. ${this.text(step.title)}`, STYLE.heading);
    const intro = step.intro ? layout.wrap(this.text(step.intro), STYLE.help) : [];
    const condition =
      this.blank && step.visibleIf
        ? layout.wrap(this.t.conditionalStep(this.conditionWords(step.visibleIf)), STYLE.condition)
        : [];
    // the heading stays with the start of the step's first field
    layout.ensure(
      layout.heightOf(title.length, STYLE.heading) +
        10 +
        layout.heightOf(intro.length + condition.length, STYLE.help) +
        70,
    );
    layout.space(6);
    layout.drawLines(title, STYLE.heading);
    layout.y -= 2;
    layout.rule(COLOURS.rule, 0.8);
    layout.y -= 8;
    layout.drawLines(condition, STYLE.condition);
    layout.drawLines(intro, STYLE.help);
    if (condition.length + intro.length > 0) layout.y -= 4;
    for (const field of fields) this.field(field);
  }

  private conditionWords(condition: NonNullable<StepDefinition['visibleIf']>): string {
    const words = describeCondition(condition, this.flow, this.lang);
    return words ?? (this.lang === 'sv' ? 'det gäller dig' : 'it applies to you');
  }

  private field(field: FieldDefinition): void {
    if (field.type === 'info') return this.info(field);
    if (field.type === 'stop') return this.stop(field);
    if (!isAnswerable(field)) return;
    const value =
      this.prefill && Object.hasOwn(this.prefill.clean, field.id)
        ? (this.prefill.clean[field.id] as AnswerValue)
        : undefined;
    switch (field.type) {
      case 'radio':
        return this.choice(
          field,
          field.options.map((o) => ({ value: o.value, label: this.text(o.label) })),
          value,
          false,
        );
      case 'yesno':
        return this.choice(
          field,
          [
            { value: 'yes', label: this.text(field.yesLabel) || this.t.yes },
            { value: 'no', label: this.text(field.noLabel) || this.t.no },
          ],
          value,
          true,
        );
      case 'checkboxes':
        return this.checkboxes(field, value);
      case 'consent':
        return this.consent(field, value);
      case 'select':
        return this.select(field, value);
      case 'address':
        return this.address(field, value);
      case 'textarea':
        return this.textarea(field, value);
      default:
        return this.textInput(field, value);
    }
  }

  /** The lines above a field's control: condition (blank variant), label with *, help. */
  private labelBlock(
    field: AnswerableField,
    width = this.layout.contentWidth,
  ): { lines: Array<{ text: string; style: TextStyle }>; height: number } {
    const { layout } = this;
    const lines: Array<{ text: string; style: TextStyle }> = [];
    if (this.blank && field.visibleIf) {
      for (const l of layout.wrap(
        this.t.conditionalField(this.conditionWords(field.visibleIf)),
        STYLE.condition,
        width,
      ))
        lines.push({ text: l, style: STYLE.condition });
    }
    const label = `${this.text(field.label)}${field.required || field.type === 'consent' ? ' *' : ''}`;
    for (const l of layout.wrap(label, STYLE.label, width)) lines.push({ text: l, style: STYLE.label });
    if (field.help)
      for (const l of layout.wrap(this.text(field.help), STYLE.help, width)) lines.push({ text: l, style: STYLE.help });
    const height = lines.reduce((h, l) => h + layout.lineHeight(l.style), 0) + BOX_GAP;
    return { lines, height };
  }

  private drawLabelBlock(block: ReturnType<BlankettWriter['labelBlock']>, indent = 0): void {
    for (const line of block.lines) this.layout.drawLines([line.text], line.style, indent);
    this.layout.y -= BOX_GAP;
  }

  private createTextField(name: string, label: string): PDFTextField {
    const field = this.form.createTextField(this.uniqueName(name));
    this.tooltip(field, label);
    this.textFields.push(field);
    return field;
  }

  private placeTextField(field: PDFTextField, x: number, width: number, height: number): void {
    field.addToPage(this.layout.page, {
      x,
      y: this.layout.y - height,
      width,
      height,
      font: this.fonts.regular,
      borderWidth: 0.8,
      borderColor: COLOURS.box,
    });
    field.setFontSize(FIELD_FONT_SIZE);
  }

  private textInput(
    field: Exclude<
      AnswerableField,
      { type: 'radio' | 'yesno' | 'checkboxes' | 'consent' | 'select' | 'address' | 'textarea' }
    >,
    value: AnswerValue | undefined,
  ): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const widths: Partial<Record<FieldDefinition['type'], number>> = {
      date: 120,
      postalCode: 90,
      personnummer: 170,
      phone: 200,
      number: 150,
    };
    const short =
      field.type === 'text' && field.maxLength !== undefined && field.maxLength <= 40
        ? Math.max(80, field.maxLength * 7 + 24)
        : undefined;
    const width = Math.min(short ?? widths[field.type] ?? layout.contentWidth, layout.contentWidth);
    const shown = value === undefined ? '' : layout.printable.cleanLine(this.display(field, value));
    // a long prefilled answer wraps in a taller box instead of being cut off at the edge
    const valueLines = shown === '' ? 1 : layout.wrap(shown, { size: FIELD_FONT_SIZE }, width - 10).length;
    const height = valueLines > 1 ? valueLines * FIELD_LINE + 8 : BOX_HEIGHT;
    const hint = this.blank ? this.inputHint(field) : null;
    const unit = field.type === 'number' && field.unit ? layout.printable.cleanLine(this.text(field.unit)) : '';
    const total = label.height + height + (hint ? layout.lineHeight(STYLE.help) : 0) + FIELD_GAP;
    layout.ensure(total);
    this.drawLabelBlock(label);
    const tf = this.createTextField(field.id, this.text(field.label));
    if (valueLines > 1) tf.enableMultiline();
    if (this.blank && (field.type === 'text' || field.type === 'postalCode') && 'maxLength' in field && field.maxLength)
      tf.setMaxLength(field.maxLength);
    if (field.required) tf.enableRequired();
    if (shown !== '') tf.setText(valueLines > 1 ? this.fitToBox(shown, width - 10) : shown);
    this.placeTextField(tf, layout.left, width, height);
    if (unit !== '')
      layout.drawAt(unit, layout.left + width + 6, layout.y - height / 2 - STYLE.body.size * 0.35, STYLE.body);
    layout.y -= height;
    if (hint) {
      layout.y -= 1;
      layout.drawLines([hint], STYLE.help);
    }
    layout.y -= FIELD_GAP;
  }

  private inputHint(field: AnswerableField): string | null {
    switch (field.type) {
      case 'date':
        return this.t.datePlaceholder;
      case 'personnummer':
        return this.t.personnummerPlaceholder;
      case 'childSelect':
        return this.t.childHint;
      default: {
        if (!('placeholder' in field) || !field.placeholder) return null;
        const example = this.layout.printable.cleanLine(this.text(field.placeholder));
        return /^(till exempel|t\.ex\.|exempel|for example|e\.g\.|example)/i.test(example)
          ? example
          : `${this.t.example}: ${example}`;
      }
    }
  }

  /**
   * pdf-lib wraps a multiline field's text at spaces only; a word wider than the box would be cut
   * off. Such text gets the line breaks of our own wrapping, which breaks long words.
   */
  private fitToBox(text: string, width: number): string {
    const { layout } = this;
    const tooWide = text.split(/\s+/).some((word) => layout.measure(word, FIELD_FONT_SIZE) > width);
    return tooWide ? layout.wrap(text, { size: FIELD_FONT_SIZE }, width).join('\n') : text;
  }

  private display(field: AnswerableField, value: AnswerValue): string {
    try {
      return displayValue(field, value, this.lang, this.prefill?.context);
    } catch {
      return typeof value === 'object' ? '' : String(value);
    }
  }

  private textarea(field: Extract<AnswerableField, { type: 'textarea' }>, value: AnswerValue | undefined): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const width = layout.contentWidth;
    const rows = field.rows ?? 4;
    let height = rows * 14 + 6;
    const shown = typeof value === 'string' ? layout.printable.clean(value) : '';
    if (shown !== '') {
      const lines = layout.wrap(shown, { size: FIELD_FONT_SIZE }, width - 10).length + 1;
      height = Math.max(height, lines * FIELD_LINE + 8);
      if (height > MAX_BOX_HEIGHT) return this.longAnswer(label, shown);
    }
    layout.ensure(label.height + height + FIELD_GAP);
    this.drawLabelBlock(label);
    const tf = this.createTextField(field.id, this.text(field.label));
    tf.enableMultiline();
    if (this.blank && field.maxLength) tf.setMaxLength(field.maxLength);
    if (field.required) tf.enableRequired();
    if (shown !== '') tf.setText(this.fitToBox(shown, width - 10));
    this.placeTextField(tf, layout.left, width, height);
    layout.y -= height + FIELD_GAP;
  }

  /** A prefilled answer too long for any box: printed as text over as many pages as it needs. */
  private longAnswer(label: ReturnType<BlankettWriter['labelBlock']>, shown: string): void {
    const { layout } = this;
    const note = layout.wrap(this.t.longAnswer, STYLE.help);
    layout.ensure(label.height + layout.heightOf(note.length + 3, STYLE.body));
    this.drawLabelBlock(label);
    layout.drawLines(note, STYLE.help);
    const top = layout.y;
    const startPage = layout.page;
    layout.paragraph(shown, STYLE.body, 8);
    if (layout.page === startPage) {
      layout.page.drawLine({
        start: { x: layout.left + 2, y: top },
        end: { x: layout.left + 2, y: layout.y },
        thickness: 1.2,
        color: COLOURS.rule,
      });
    }
    layout.y -= FIELD_GAP;
  }

  private address(field: Extract<AnswerableField, { type: 'address' }>, value: AnswerValue | undefined): void {
    const { layout, t } = this;
    const label = this.labelBlock(field);
    const partLabel = { size: 8, color: COLOURS.muted };
    const rowHeight = layout.lineHeight(partLabel) + BOX_HEIGHT + 6;
    layout.ensure(label.height + 2 * rowHeight + FIELD_GAP);
    this.drawLabelBlock(label);
    const parts = value && typeof value === 'object' && !Array.isArray(value) ? value : null;
    const clean = (s: string | undefined) => (s ? layout.printable.cleanLine(s) : '');
    const place = (part: 'street' | 'postalCode' | 'city', partName: string, x: number, width: number, top: number) => {
      layout.drawAt(partName, x, layout.baseline(top, partLabel), partLabel);
      const tf = this.createTextField(`${field.id}.${part}`, `${this.text(field.label)}: ${partName}`);
      if (field.required) tf.enableRequired();
      const shown = clean(parts?.[part]);
      if (shown !== '') tf.setText(shown);
      tf.addToPage(layout.page, {
        x,
        y: top - layout.lineHeight(partLabel) - BOX_HEIGHT,
        width,
        height: BOX_HEIGHT,
        font: this.fonts.regular,
        borderWidth: 0.8,
        borderColor: COLOURS.box,
      });
      tf.setFontSize(FIELD_FONT_SIZE);
    };
    place('street', t.street, layout.left, layout.contentWidth, layout.y);
    layout.y -= rowHeight;
    place('postalCode', t.postalCode, layout.left, 90, layout.y);
    place('city', t.city, layout.left + 100, layout.contentWidth - 100, layout.y);
    layout.y -= rowHeight - 6 + FIELD_GAP;
  }

  /** Radio buttons (and yes/no): one option per row, or side by side for yes/no. */
  private choice(
    field: AnswerableField,
    options: Array<{ value: string; label: string }>,
    value: AnswerValue | undefined,
    inline: boolean,
  ): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const group = this.form.createRadioGroup(this.uniqueName(field.id));
    this.tooltip(group, this.text(field.label));
    if (field.required) group.enableRequired();
    const rowHeight = Math.max(layout.lineHeight(STYLE.option), TICK + 4);

    if (inline) {
      layout.ensure(label.height + rowHeight + FIELD_GAP);
      this.drawLabelBlock(label);
      let x = layout.left;
      for (const option of options) {
        const text = layout.printable.cleanLine(option.label);
        group.addOptionToPage(option.value, layout.page, this.tickBox(x));
        layout.drawAt(text, x + OPTION_INDENT, layout.baseline(layout.y, STYLE.option), STYLE.option);
        x += OPTION_INDENT + layout.measure(text, STYLE.option.size) + 28;
      }
      layout.y -= rowHeight;
    } else {
      const rows = options.map((o) => layout.wrap(o.label, STYLE.option, layout.contentWidth - OPTION_INDENT));
      const firstRow = Math.max(layout.heightOf(rows[0]?.length ?? 1, STYLE.option), rowHeight);
      layout.ensure(label.height + firstRow + FIELD_GAP);
      this.drawLabelBlock(label);
      options.forEach((option, i) => {
        const lines = rows[i] ?? [''];
        const height = Math.max(layout.heightOf(lines.length, STYLE.option), rowHeight);
        layout.ensure(height);
        group.addOptionToPage(option.value, layout.page, this.tickBox(layout.left));
        const top = layout.y;
        layout.drawLines(lines, STYLE.option, OPTION_INDENT);
        layout.y = Math.min(layout.y, top - height);
      });
    }
    if (typeof value === 'string' && options.some((o) => o.value === value)) group.select(value);
    layout.y -= FIELD_GAP;
  }

  private tickBox(x: number): {
    x: number;
    y: number;
    width: number;
    height: number;
    borderWidth: number;
    borderColor: typeof COLOURS.box;
  } {
    const y = this.layout.y - STYLE.option.size * 0.95 - 1;
    return { x, y, width: TICK, height: TICK, borderWidth: 0.8, borderColor: COLOURS.box };
  }

  private createCheckBox(name: string, label: string): PDFCheckBox {
    const box = this.form.createCheckBox(this.uniqueName(name));
    this.tooltip(box, label);
    return box;
  }

  private checkboxes(field: Extract<AnswerableField, { type: 'checkboxes' }>, value: AnswerValue | undefined): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const hint = this.blank ? layout.wrap(this.t.chooseAny, STYLE.help) : [];
    const rows = field.options.map((o) =>
      layout.wrap(this.text(o.label), STYLE.option, layout.contentWidth - OPTION_INDENT),
    );
    const rowHeight = Math.max(layout.lineHeight(STYLE.option), TICK + 4);
    layout.ensure(
      label.height +
        layout.heightOf(hint.length, STYLE.help) +
        Math.max(layout.heightOf(rows[0]?.length ?? 1, STYLE.option), rowHeight) +
        FIELD_GAP,
    );
    this.drawLabelBlock(label);
    if (hint.length > 0) {
      layout.y += BOX_GAP;
      layout.drawLines(hint, STYLE.help);
      layout.y -= BOX_GAP;
    }
    const chosen = Array.isArray(value) ? value : [];
    field.options.forEach((option, i) => {
      const lines = rows[i] ?? [''];
      const height = Math.max(layout.heightOf(lines.length, STYLE.option), rowHeight);
      layout.ensure(height);
      const part = SAFE_NAME.test(option.value) ? option.value : String(i + 1);
      const box = this.createCheckBox(`${field.id}.${part}`, `${this.text(field.label)}: ${this.text(option.label)}`);
      box.addToPage(layout.page, this.tickBox(layout.left));
      if (chosen.includes(option.value)) box.check();
      const top = layout.y;
      layout.drawLines(lines, STYLE.option, OPTION_INDENT);
      layout.y = Math.min(layout.y, top - height);
    });
    layout.y -= FIELD_GAP;
  }

  private consent(field: Extract<AnswerableField, { type: 'consent' }>, value: AnswerValue | undefined): void {
    const { layout } = this;
    const lines: Array<{ text: string; style: TextStyle }> = [];
    const width = layout.contentWidth - OPTION_INDENT;
    if (this.blank && field.visibleIf) {
      for (const l of layout.wrap(
        this.t.conditionalField(this.conditionWords(field.visibleIf)),
        STYLE.condition,
        width,
      ))
        lines.push({ text: l, style: STYLE.condition });
    }
    for (const l of layout.wrap(`${this.text(field.label)} *`, STYLE.label, width))
      lines.push({ text: l, style: STYLE.label });
    if (field.help)
      for (const l of layout.wrap(this.text(field.help), STYLE.help, width)) lines.push({ text: l, style: STYLE.help });
    const height = lines.reduce((h, l) => h + layout.lineHeight(l.style), 0);
    layout.ensure(height + FIELD_GAP);
    const box = this.createCheckBox(field.id, this.text(field.label));
    box.enableRequired();
    let boxTop = layout.y;
    const labelIndex = lines.findIndex((l) => l.style === STYLE.label);
    for (let i = 0; i < labelIndex; i += 1) boxTop -= layout.lineHeight(lines[i]?.style ?? STYLE.label);
    box.addToPage(layout.page, {
      x: layout.left,
      y: boxTop - STYLE.label.size * 0.95 - 1,
      width: TICK,
      height: TICK,
      borderWidth: 0.8,
      borderColor: COLOURS.box,
    });
    if (value === true) box.check();
    for (const line of lines) layout.drawLines([line.text], line.style, OPTION_INDENT);
    layout.y -= FIELD_GAP;
  }

  private select(field: Extract<AnswerableField, { type: 'select' }>, value: AnswerValue | undefined): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const labels = field.options.map((o) => layout.printable.cleanLine(this.text(o.label)));
    const width = Math.min(
      layout.contentWidth,
      Math.max(220, ...labels.map((l) => layout.measure(l, FIELD_FONT_SIZE) + 30)),
    );
    const listIntro = this.blank ? layout.wrap(this.t.selectHint, STYLE.help) : [];
    layout.ensure(label.height + BOX_HEIGHT + layout.heightOf(listIntro.length + 1, STYLE.help) + FIELD_GAP);
    this.drawLabelBlock(label);
    const dropdown: PDFDropdown = this.form.createDropdown(this.uniqueName(field.id));
    this.tooltip(dropdown, this.text(field.label));
    this.textFields.push(dropdown);
    dropdown.addOptions(labels);
    if (field.required) dropdown.enableRequired();
    const index = field.options.findIndex((o) => o.value === value);
    if (index >= 0) dropdown.select(labels[index] as string);
    dropdown.addToPage(layout.page, {
      x: layout.left,
      y: layout.y - BOX_HEIGHT,
      width,
      height: BOX_HEIGHT,
      font: this.fonts.regular,
      borderWidth: 0.8,
      borderColor: COLOURS.box,
    });
    dropdown.setFontSize(FIELD_FONT_SIZE);
    layout.y -= BOX_HEIGHT + 3;
    if (this.blank) {
      layout.drawLines(listIntro, STYLE.help);
      this.optionList(labels);
    }
    layout.y -= FIELD_GAP;
  }

  /** The options of a list printed for a reader with a pen: two columns when they are short. */
  private optionList(labels: string[]): void {
    const { layout } = this;
    const style = STYLE.option;
    const lineHeight = layout.lineHeight(style);
    const gutter = 16;
    const columnWidth = (layout.contentWidth - gutter) / 2 - 10;
    const twoColumns = labels.length > 6 && labels.every((l) => layout.measure(l, style.size) <= columnWidth);
    if (!twoColumns) {
      layout.drawRich(layout.richBlocks(labels.map((l) => `- ${l.replace(/\*\*/g, '')}`).join('\n'), style), {
        ...style,
        leading: 1.25,
      });
      return;
    }
    let next = 0;
    while (next < labels.length) {
      layout.ensure(lineHeight * 2);
      const rows = Math.max(1, Math.floor(layout.remaining / lineHeight));
      const rest = labels.length - next;
      const perColumn = Math.min(rows, Math.ceil(rest / 2));
      for (let column = 0; column < 2; column += 1) {
        for (let row = 0; row < perColumn; row += 1) {
          const label = labels[next + column * perColumn + row];
          if (label === undefined) break;
          const x = layout.left + column * (columnWidth + 10 + gutter);
          const baseline = layout.baseline(layout.y - row * lineHeight, style);
          layout.drawAt('•', x + 2, baseline, style);
          layout.drawAt(label, x + 12, baseline, style);
        }
      }
      next += perColumn * 2;
      layout.y -= perColumn * lineHeight;
      if (next < labels.length) layout.newPage();
    }
  }

  private info(field: InfoField): void {
    const { layout } = this;
    const condition =
      this.blank && field.visibleIf
        ? layout.wrap(this.t.conditionalNotice(this.conditionWords(field.visibleIf)), STYLE.condition)
        : [];
    const heading = field.label ? layout.wrap(this.text(field.label), STYLE.label) : [];
    const prefix = field.variant === 'warning' ? `**${this.t.notePrefix}** ` : '';
    const blocks = layout.richBlocks(`${prefix}${this.text(field.text)}`, STYLE.body);
    const first = blocks[0] ? layout.heightOf(Math.min(blocks[0].lines.length, 3), STYLE.body) : 0;
    layout.ensure(
      layout.heightOf(condition.length, STYLE.condition) + layout.heightOf(heading.length, STYLE.label) + first,
    );
    layout.drawLines(condition, STYLE.condition);
    layout.drawLines(heading, STYLE.label);
    layout.drawRich(blocks, STYLE.body);
    layout.y -= FIELD_GAP - 4;
  }

  private stop(field: StopField): void {
    const { layout } = this;
    const condition = field.visibleIf
      ? layout.wrap(this.t.conditionalNotice(this.conditionWords(field.visibleIf)), STYLE.condition)
      : [];
    const heading = layout.wrap(
      field.label ? `${this.t.stopPrefix}: ${this.text(field.label)}` : this.t.stopPrefix,
      STYLE.label,
    );
    const blocks = layout.richBlocks(this.text(field.text), STYLE.body);
    layout.ensure(
      layout.heightOf(condition.length, STYLE.condition) +
        layout.heightOf(heading.length, STYLE.label) +
        layout.heightOfRich(blocks.slice(0, 1), STYLE.body),
    );
    layout.drawLines(condition, STYLE.condition);
    layout.drawLines(heading, { ...STYLE.label, color: COLOURS.warning });
    layout.drawRich(blocks, STYLE.body);
    layout.y -= FIELD_GAP - 4;
  }

  /** The signature block; `keepWith` is the height of what must follow on the same page (where to hand it in). */
  signature(keepWith = 0): void {
    const { layout, t } = this;
    const caption = { size: 8.5, color: COLOURS.muted };
    const lineGap = 30;
    const height = layout.lineHeight(STYLE.heading) + 16 + 2 * (lineGap + layout.lineHeight(caption) + 8);
    layout.ensure(height + keepWith);
    layout.space(8);
    layout.drawLines(layout.wrap(t.signatureTitle, STYLE.heading), STYLE.heading);
    layout.y -= 2;
    layout.rule(COLOURS.rule, 0.8);
    layout.y -= 10;
    const half = (layout.contentWidth - 24) / 2;
    type Cell = { label: string; name: string | null } | null;
    const row = (left: Cell, right: Cell) => {
      const top = layout.y;
      for (const [i, cell] of [left, right].entries()) {
        if (cell === null) continue;
        const x = layout.left + i * (half + 24);
        if (cell.name) {
          const tf = this.createTextField(cell.name, cell.label);
          tf.addToPage(layout.page, {
            x,
            y: top - lineGap,
            width: half,
            height: BOX_HEIGHT,
            font: this.fonts.regular,
            borderWidth: 0,
          });
          tf.setFontSize(FIELD_FONT_SIZE);
        }
        layout.page.drawLine({
          start: { x, y: top - lineGap },
          end: { x: x + half, y: top - lineGap },
          thickness: 0.8,
          color: COLOURS.text,
        });
        layout.drawAt(layout.printable.cleanLine(cell.label), x, layout.baseline(top - lineGap - 3, caption), caption);
      }
      layout.y = top - lineGap - 3 - layout.lineHeight(caption) - 8;
    };
    row({ label: t.placeAndDate, name: 'Underskrift.OrtOchDatum' }, null);
    row({ label: t.signature, name: null }, { label: t.nameClarification, name: 'Underskrift.Namnfortydligande' });
  }

  handInHeight(defaultPostAddress: readonly string[] | null | undefined): number {
    const { layout } = this;
    const post = this.flow.paper.postAddress ?? defaultPostAddress ?? null;
    const handIn = layout.wrap(this.text(this.flow.paper.handIn), STYLE.body);
    return (
      10 +
      layout.lineHeight(STYLE.heading) +
      16 +
      layout.heightOf(handIn.length + (post ? post.length + 1 : 0), STYLE.body)
    );
  }

  handIn(defaultPostAddress: readonly string[] | null | undefined): void {
    const { layout, t } = this;
    const post = this.flow.paper.postAddress ?? defaultPostAddress ?? null;
    const handIn = layout.wrap(this.text(this.flow.paper.handIn), STYLE.body);
    layout.ensure(this.handInHeight(defaultPostAddress) - 10);
    layout.space(10);
    layout.drawLines(layout.wrap(t.handInTitle, STYLE.heading), STYLE.heading);
    layout.y -= 2;
    layout.rule(COLOURS.rule, 0.8);
    layout.y -= 8;
    layout.drawLines(handIn, STYLE.body);
    if (post && post.length > 0) {
      layout.y -= 4;
      layout.drawLines(layout.wrap(t.postTo, STYLE.body), STYLE.body);
      layout.drawLines(
        post.flatMap((line) => layout.wrap(line, STYLE.label, layout.contentWidth - 12)),
        STYLE.label,
        12,
      );
    }
  }

  gdpr(): void {
    const { layout, t } = this;
    const notice = this.flow.gdpr;
    if (!notice) return;
    const entries: Array<[string, Parameters<typeof localise>[0]]> = [
      [t.gdprPurpose, notice.purpose],
      [t.gdprLegalBasis, notice.legalBasis],
      [t.gdprRetention, notice.retention],
      [t.gdprRecipient, notice.recipient],
      [t.gdprController, notice.controller],
    ];
    const style = { size: 8.5 };
    layout.ensure(layout.lineHeight(STYLE.subheading) + 4 * layout.lineHeight(style));
    layout.space(12);
    layout.drawLines(layout.wrap(t.gdprTitle, STYLE.subheading), STYLE.subheading);
    for (const [name, text] of entries) {
      if (!text) continue;
      layout.drawRich(layout.richBlocks(`**${name}:** ${this.text(text).replace(/\*\*/g, '')}`, style), style);
    }
  }

  footers(): void {
    const left = `${this.text(this.flow.title)} · ${this.t.blankett} ${this.flow.id} v${this.flow.version}`;
    this.layout.finish((page, n, total) => drawFooter(this.layout, page, left, this.t.page(n, total)));
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
  setDocumentProperties(doc, {
    title: `${localise(flow.title, lang)} – ${t.blankett}`,
    author: municipality.name,
    subject: localise(flow.description, lang),
    language: lang === 'sv' ? 'sv-SE' : 'en-GB',
    created: now,
    keywords: [flow.id, `v${flow.version}`],
  });
  const fonts = await library.embed(doc, `${flow.id}:${flow.version}:${lang}:${prefilled ? 'prefilled' : 'blank'}`);
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

  const writer = new BlankettWriter(doc, form, fonts, library, flow, lang, prefill);
  writer.heading(municipality, await logo(doc), now);
  steps.forEach(({ step, fields }, i) => writer.step(step, i + 1, fields));
  writer.gdpr(); // read before signing
  writer.signature(writer.handInHeight(options.defaultPostAddress));
  writer.handIn(options.defaultPostAddress);
  writer.footers();
  writer.finishForm();
  compressContentStreams(doc);
  return doc.save({ updateFieldAppearances: false, useObjectStreams: true });
}
