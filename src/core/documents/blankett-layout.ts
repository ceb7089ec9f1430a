/**
 * The blankett's layout: the parts around the fields — the heading with the instructions, each step
 * (its heading, condition and intro, then its fields), the data protection notice, the signature
 * block, where to hand the form in, and the page footers.
 */
import type { PDFImage } from 'pdf-lib';
import type { FieldDefinition, StepDefinition } from '../../contract/flows/definition';
import type { localise } from '../../contract/flows/localise';
import { BlankettPart, type BlankettDocument } from './blankett-document';
import { BlankettFields } from './blankett-fields';
import { BOX_HEIGHT, FIELD_FONT_SIZE, sectionHeading, STYLE } from './blankett-style';
import { formatSwedishDate } from './document-texts';
import { drawFooter, drawLetterhead, type Municipality } from './letterhead';
import { COLOURS } from './page-layout';

export class BlankettLayout extends BlankettPart {
  private readonly fields: BlankettFields;

  constructor(b: BlankettDocument) {
    super(b);
    this.fields = new BlankettFields(b);
  }

  heading(municipality: Municipality, logo: PDFImage | null, now: Date): void {
    const { layout, t } = this;
    drawLetterhead(layout, municipality, logo, t.logoAlt(municipality.name));
    layout.tag('H1', () => layout.drawLines(layout.wrap(this.text(this.flow.title), STYLE.title), STYLE.title));
    layout.drawLines(layout.wrap(`${t.blankett} · ${this.flow.category}`, STYLE.subtitle), STYLE.subtitle);
    layout.space(6);
    layout.paragraph(this.text(this.flow.description), STYLE.body);
    layout.space(8);

    const instructions = this.blank ? t.instructionsBlank : t.instructionsFilled(formatSwedishDate(now));
    layout.ensure(layout.lineHeight(STYLE.subheading) + 3 * layout.lineHeight(STYLE.body));
    layout.tag('H2', () => layout.drawLines(layout.wrap(t.instructionsTitle, STYLE.subheading), STYLE.subheading));
    layout.tag('L', () => {
      for (const line of instructions) layout.drawRich(layout.richBlocks(`- ${line}`, STYLE.body), STYLE.body);
    });
    if (this.blank && this.flow.needs && this.flow.needs.length > 0) {
      layout.space(4);
      layout.ensure(layout.lineHeight(STYLE.subheading) + 2 * layout.lineHeight(STYLE.body));
      layout.tag('H2', () => layout.drawLines(layout.wrap(t.needsTitle, STYLE.subheading), STYLE.subheading));
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
        ? layout.wrap(this.t.conditionalStep(this.b.conditionWords(step.visibleIf)), STYLE.condition)
        : [];
    // the heading stays with the start of the step's first field
    layout.ensure(
      layout.heightOf(title.length, STYLE.heading) +
        10 +
        layout.heightOf(intro.length + condition.length, STYLE.help) +
        70,
    );
    layout.space(6);
    sectionHeading(layout, title, 8);
    layout.drawLines(condition, STYLE.condition);
    layout.drawLines(intro, STYLE.help);
    if (condition.length + intro.length > 0) layout.y -= 4;
    for (const field of fields) this.fields.field(field);
  }

  /** The signature block; `keepWith` is the height of what must follow on the same page (where to hand it in). */
  signature(keepWith = 0): void {
    const { layout, t } = this;
    const caption = { size: 8.5, color: COLOURS.muted };
    const lineGap = 30;
    const height = layout.lineHeight(STYLE.heading) + 16 + 2 * (lineGap + layout.lineHeight(caption) + 8);
    layout.ensure(height + keepWith);
    layout.space(8);
    sectionHeading(layout, layout.wrap(t.signatureTitle, STYLE.heading), 10);
    const half = (layout.contentWidth - 24) / 2;
    type Cell = { label: string; name: string | null } | null;
    const row = (left: Cell, right: Cell) => {
      const top = layout.y;
      for (const [i, cell] of [left, right].entries()) {
        if (cell === null) continue;
        const x = layout.left + i * (half + 24);
        // in the structure the caption (under the line on paper) comes before its field
        layout.drawAt(layout.printable.cleanLine(cell.label), x, layout.baseline(top - lineGap - 3, caption), caption);
        if (cell.name) {
          const tf = this.b.createTextField(cell.name, cell.label, t.signatureTitle);
          this.b.widget(() =>
            tf.addToPage(layout.page, {
              x,
              y: top - lineGap,
              width: half,
              height: BOX_HEIGHT,
              font: this.b.fonts.regular,
              borderWidth: 0,
            }),
          );
          tf.setFontSize(FIELD_FONT_SIZE);
        }
        layout.line(layout.page, { x, y: top - lineGap }, { x: x + half, y: top - lineGap }, 0.8, COLOURS.text);
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
    sectionHeading(layout, layout.wrap(t.handInTitle, STYLE.heading), 8);
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
    layout.tag('H2', () => layout.drawLines(layout.wrap(t.gdprTitle, STYLE.subheading), STYLE.subheading));
    for (const [name, text] of entries) {
      if (!text) continue;
      layout.drawRich(layout.richBlocks(`**${name}:** ${this.text(text).replace(/\*\*/g, '')}`, style), style);
    }
  }

  footers(): void {
    const left = `${this.text(this.flow.title)} · ${this.t.blankett} ${this.flow.id} v${this.flow.version}`;
    this.layout.finish((page, n, total) => drawFooter(this.layout, page, left, this.t.page(n, total)));
  }
}
