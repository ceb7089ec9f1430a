/**
 * The blankett's field renderers: one per field type of a flow. Every answerable field becomes a
 * fillable AcroForm field named after the field id (an address as `<id>.street`, `<id>.postalCode`,
 * `<id>.city`; check boxes as `<id>.<option value>`), filled in on the prefilled variant; info and stop
 * fields are printed as text. On the blank variant a conditional field says when it applies.
 */
import type { PDFTextField } from 'pdf-lib';
import {
  isAnswerable,
  type AnswerableField,
  type FieldDefinition,
  type InfoField,
  type StopField,
} from '../../contract/flows/definition';
import { displayValue } from '../../contract/flows/review';
import type { AnswerValue } from '../../contract/flows/validation-context';
import { BlankettPart } from './blankett-document';
import {
  BOX_BORDER,
  BOX_GAP,
  BOX_HEIGHT,
  FIELD_FONT_SIZE,
  FIELD_GAP,
  FIELD_LINE,
  MAX_BOX_HEIGHT,
  OPTION_INDENT,
  STYLE,
  TICK,
} from './blankett-style';
import { COLOURS, type TextStyle } from './page-layout';

/** Characters a PDF field name part may hold as is (a dot would make a hierarchy). */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,60}$/;

/** The lines above a field's control, and their height with the gap to the control. */
interface LabelBlock {
  lines: Array<{ text: string; style: TextStyle }>;
  height: number;
}

export class BlankettFields extends BlankettPart {
  field(field: FieldDefinition): void {
    if (field.type === 'info') return this.info(field);
    if (field.type === 'stop') return this.stop(field);
    if (!isAnswerable(field)) return;
    const value =
      this.b.prefill && Object.hasOwn(this.b.prefill.clean, field.id)
        ? (this.b.prefill.clean[field.id] as AnswerValue)
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
      case 'attachment':
        return this.attachment(field);
      default:
        return this.textInput(field, value);
    }
  }

  /** The lines above a field's control: condition (blank variant), label with *, help. */
  private labelLines(field: AnswerableField, width: number): Array<{ text: string; style: TextStyle }> {
    const { layout } = this;
    const lines: Array<{ text: string; style: TextStyle }> = [];
    if (this.blank && field.visibleIf) {
      for (const l of layout.wrap(
        this.t.conditionalField(this.b.conditionWords(field.visibleIf)),
        STYLE.condition,
        width,
      ))
        lines.push({ text: l, style: STYLE.condition });
    }
    const label = `${this.text(field.label)}${field.required || field.type === 'consent' ? ' *' : ''}`;
    for (const l of layout.wrap(label, STYLE.label, width)) lines.push({ text: l, style: STYLE.label });
    if (field.help)
      for (const l of layout.wrap(this.text(field.help), STYLE.help, width)) lines.push({ text: l, style: STYLE.help });
    return lines;
  }

  private linesHeight(lines: LabelBlock['lines']): number {
    return lines.reduce((h, l) => h + this.layout.lineHeight(l.style), 0);
  }

  /** The label lines with their height and the gap to the control below them. */
  private labelBlock(field: AnswerableField, width = this.layout.contentWidth): LabelBlock {
    const lines = this.labelLines(field, width);
    return { lines, height: this.linesHeight(lines) + BOX_GAP };
  }

  /** Draws label lines: a paragraph for each run of lines in one style (condition, label, help). */
  private drawStyledLines(lines: LabelBlock['lines'], indent = 0): void {
    let i = 0;
    while (i < lines.length) {
      const style = (lines[i] as LabelBlock['lines'][number]).style;
      let end = i;
      while (lines[end]?.style === style) end += 1;
      this.layout.drawLines(
        lines.slice(i, end).map((l) => l.text),
        style,
        indent,
      );
      i = end;
    }
  }

  private drawLabelBlock(block: LabelBlock, indent = 0): void {
    this.drawStyledLines(block.lines, indent);
    this.layout.y -= BOX_GAP;
  }

  private placeTextField(field: PDFTextField, x: number, width: number, height: number): void {
    this.b.widget(() =>
      field.addToPage(this.layout.page, {
        x,
        y: this.layout.y - height,
        width,
        height,
        font: this.b.fonts.regular,
        ...BOX_BORDER,
      }),
    );
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
    const tf = this.b.createTextField(field.id, this.text(field.label));
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
      return displayValue(field, value, this.b.lang, this.b.prefill?.context);
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
    const tf = this.b.createTextField(field.id, this.text(field.label));
    tf.enableMultiline();
    if (this.blank && field.maxLength) tf.setMaxLength(field.maxLength);
    if (field.required) tf.enableRequired();
    if (shown !== '') tf.setText(this.fitToBox(shown, width - 10));
    this.placeTextField(tf, layout.left, width, height);
    layout.y -= height + FIELD_GAP;
  }

  /** A prefilled answer too long for any box: printed as text over as many pages as it needs. */
  private longAnswer(label: LabelBlock, shown: string): void {
    const { layout } = this;
    const note = layout.wrap(this.t.longAnswer, STYLE.help);
    layout.ensure(label.height + layout.heightOf(note.length + 3, STYLE.body));
    this.drawLabelBlock(label);
    layout.drawLines(note, STYLE.help);
    const top = layout.y;
    const startPage = layout.page;
    layout.paragraph(shown, STYLE.body, 8);
    if (layout.page === startPage) {
      layout.line(layout.page, { x: layout.left + 2, y: top }, { x: layout.left + 2, y: layout.y }, 1.2, COLOURS.rule);
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
      const tf = this.b.createTextField(
        `${field.id}.${part}`,
        `${this.text(field.label)}: ${partName}`,
        this.text(field.label),
      );
      if (field.required) tf.enableRequired();
      const shown = clean(parts?.[part]);
      if (shown !== '') tf.setText(shown);
      this.b.widget(() =>
        tf.addToPage(layout.page, {
          x,
          y: top - layout.lineHeight(partLabel) - BOX_HEIGHT,
          width,
          height: BOX_HEIGHT,
          font: this.b.fonts.regular,
          ...BOX_BORDER,
        }),
      );
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
    const group = this.b.named((n) => this.b.form.createRadioGroup(n), field.id, this.text(field.label));
    if (field.required) group.enableRequired();
    const rowHeight = Math.max(layout.lineHeight(STYLE.option), TICK + 4);

    if (inline) {
      layout.ensure(label.height + rowHeight + FIELD_GAP);
      this.drawLabelBlock(label);
      let x = layout.left;
      for (const option of options) {
        const text = layout.printable.cleanLine(option.label);
        this.b.widget(
          () => group.addOptionToPage(option.value, layout.page, this.tickBox(x)),
          () => layout.drawAt(text, x + OPTION_INDENT, layout.baseline(layout.y, STYLE.option), STYLE.option),
        );
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
        const top = layout.y;
        this.b.widget(
          () => group.addOptionToPage(option.value, layout.page, this.tickBox(layout.left)),
          () => layout.drawLines(lines, STYLE.option, OPTION_INDENT),
        );
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
    return { x, y, width: TICK, height: TICK, ...BOX_BORDER };
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
      const box = this.b.createCheckBox(
        `${field.id}.${part}`,
        `${this.text(field.label)}: ${this.text(option.label)}`,
        this.text(field.label),
      );
      const top = layout.y;
      this.b.widget(
        () => box.addToPage(layout.page, this.tickBox(layout.left)),
        () => layout.drawLines(lines, STYLE.option, OPTION_INDENT),
      );
      if (chosen.includes(option.value)) box.check();
      layout.y = Math.min(layout.y, top - height);
    });
    layout.y -= FIELD_GAP;
  }

  private consent(field: Extract<AnswerableField, { type: 'consent' }>, value: AnswerValue | undefined): void {
    const { layout } = this;
    const lines = this.labelLines(field, layout.contentWidth - OPTION_INDENT);
    const height = this.linesHeight(lines);
    layout.ensure(height + FIELD_GAP);
    const box = this.b.createCheckBox(field.id, this.text(field.label));
    box.enableRequired();
    let boxTop = layout.y;
    const labelIndex = lines.findIndex((l) => l.style === STYLE.label);
    for (let i = 0; i < labelIndex; i += 1) boxTop -= layout.lineHeight(lines[i]?.style ?? STYLE.label);
    // the condition ("Fill in if …") before the field; the box with its label and help is the Form
    this.drawStyledLines(lines.slice(0, Math.max(labelIndex, 0)), OPTION_INDENT);
    this.b.widget(
      () =>
        box.addToPage(layout.page, {
          x: layout.left,
          y: boxTop - STYLE.label.size * 0.95 - 1,
          width: TICK,
          height: TICK,
          ...BOX_BORDER,
        }),
      () => {
        this.drawStyledLines(lines.slice(Math.max(labelIndex, 0)), OPTION_INDENT);
      },
    );
    if (value === true) box.check();
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
    const dropdown = this.b.named((n) => this.b.form.createDropdown(n), field.id, this.text(field.label));
    this.b.typedInto(dropdown);
    dropdown.addOptions(labels);
    if (field.required) dropdown.enableRequired();
    const index = field.options.findIndex((o) => o.value === value);
    if (index >= 0) dropdown.select(labels[index] as string);
    this.b.widget(() =>
      dropdown.addToPage(layout.page, {
        x: layout.left,
        y: layout.y - BOX_HEIGHT,
        width,
        height: BOX_HEIGHT,
        font: this.b.fonts.regular,
        ...BOX_BORDER,
      }),
    );
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
    layout.tag('L', () => {
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
            layout.tag('LI', () => {
              layout.tag('Lbl', () => layout.drawAt('•', x + 2, baseline, style));
              layout.tag('LBody', () => layout.drawAt(label, x + 12, baseline, style));
            });
          }
        }
        next += perColumn * 2;
        layout.y -= perColumn * lineHeight;
        if (next < labels.length) layout.newPage();
      }
    });
  }

  /** An attachment is not scanned on paper: the visitor attaches a copy to the blankett. */
  private attachment(field: Extract<AnswerableField, { type: 'attachment' }>): void {
    const { layout } = this;
    const label = this.labelBlock(field);
    const note = layout.wrap(this.t.attachCopy(this.text(field.expected ?? field.label)), STYLE.body);
    layout.ensure(label.height + layout.heightOf(note.length, STYLE.body));
    this.drawLabelBlock(label);
    layout.drawLines(note, STYLE.body);
    layout.y -= FIELD_GAP;
  }

  private info(field: InfoField): void {
    const { layout } = this;
    const condition =
      this.blank && field.visibleIf
        ? layout.wrap(this.t.conditionalNotice(this.b.conditionWords(field.visibleIf)), STYLE.condition)
        : [];
    const heading = field.label ? layout.wrap(this.text(field.label), STYLE.label) : [];
    const prefix = field.variant === 'warning' ? `**${this.t.notePrefix}** ` : '';
    const blocks = layout.richBlocks(`${prefix}${this.text(field.text)}`, STYLE.body);
    const first = blocks[0] ? layout.heightOf(Math.min(blocks[0].lines.length, 3), STYLE.body) : 0;
    layout.ensure(
      layout.heightOf(condition.length, STYLE.condition) + layout.heightOf(heading.length, STYLE.label) + first,
    );
    layout.drawLines(condition, STYLE.condition);
    layout.tag('H3', () => layout.drawLines(heading, STYLE.label));
    layout.drawRich(blocks, STYLE.body);
    layout.y -= FIELD_GAP - 4;
  }

  private stop(field: StopField): void {
    const { layout } = this;
    const condition = field.visibleIf
      ? layout.wrap(this.t.conditionalNotice(this.b.conditionWords(field.visibleIf)), STYLE.condition)
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
    layout.tag('H3', () => layout.drawLines(heading, { ...STYLE.label, color: COLOURS.warning }));
    layout.drawRich(blocks, STYLE.body);
    layout.y -= FIELD_GAP - 4;
  }
}
