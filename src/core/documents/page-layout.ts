/**
 * A top-to-bottom layout on A4 pages: a cursor that moves down, wraps text at the content width and
 * starts a new page when the next block does not fit. Callers measure a block first (`heightOf…`)
 * and `ensure` room for it, so a label never ends up on one page and its field on the next.
 *
 * Everything it draws is tagged (pdf-structure.ts): text belongs to the structure element the caller
 * opened with `tag` (a P of its own when none is open), rules and the running header are artifacts,
 * `finish` draws the footers as artifacts and writes the structure tree.
 */
import { rgb, type PDFDocument, type PDFPage, type RGB } from 'pdf-lib';
import type { DocumentFonts } from './fonts';
import { PdfStructure, type ElementOptions, type StructureType } from './pdf-structure';
import type { PrintableText } from './printable-text';
import { parseBold, wrapRuns, wrapText, type RunLine } from './text-wrap';

/** A4 in points. */
export const A4: [number, number] = [595.28, 841.89];

export const COLOURS = {
  text: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.35, 0.35, 0.35),
  rule: rgb(0.6, 0.6, 0.6),
  box: rgb(0.45, 0.45, 0.45),
  shade: rgb(0.94, 0.94, 0.94),
  warning: rgb(0.6, 0.25, 0),
} as const;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: RGB;
  /** Line height as a multiple of the size (default 1.3). */
  leading?: number;
}

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PageLayoutOptions {
  margins?: Partial<Margins>;
  /** Called for each new page after the first (a running header); may move `layout.y` down. */
  onNewPage?: (layout: PageLayout, page: PDFPage) => void;
}

const DEFAULT_MARGINS: Margins = { top: 50, bottom: 64, left: 56, right: 56 };

export class PageLayout {
  readonly pages: PDFPage[] = [];
  readonly margins: Margins;
  /** The document's structure tree, filled while drawing. */
  readonly structure: PdfStructure;
  page: PDFPage;
  /** The top of the next line, in points from the bottom of the page. */
  y: number;
  private readonly widths = new Map<string, number>();
  /** Where the cursor stood when this page began (below a running header). */
  private pageStart: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
    readonly printable: PrintableText,
    private readonly options: PageLayoutOptions = {},
  ) {
    this.margins = { ...DEFAULT_MARGINS, ...options.margins };
    this.structure = new PdfStructure(doc);
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - this.margins.top;
    this.pageStart = this.y;
  }

  get left(): number {
    return this.margins.left;
  }
  get contentWidth(): number {
    return A4[0] - this.margins.left - this.margins.right;
  }
  /** Room left on this page above the bottom margin. */
  get remaining(): number {
    return this.y - this.margins.bottom;
  }
  /** The height a new page offers (after a running header of `headerHeight`). */
  get pageHeight(): number {
    return A4[1] - this.margins.top - this.margins.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - this.margins.top;
    const onNewPage = this.options.onNewPage;
    if (onNewPage) this.structure.artifact(() => onNewPage(this, this.page), 'Header');
    this.pageStart = this.y;
  }

  /** Nothing has been drawn on this page below its running header yet. */
  get atPageStart(): boolean {
    return this.y >= this.pageStart - 0.5;
  }

  /** Starts a new page unless `height` fits on this one. Returns true when it did. */
  ensure(height: number): boolean {
    if (height <= this.remaining) return false;
    // a block taller than a whole page starts where it is when this page is still empty
    if (this.atPageStart) return false;
    this.newPage();
    return true;
  }

  space(height: number): void {
    this.y -= height;
    if (this.y < this.margins.bottom) this.newPage();
  }

  // ─── measuring ──────────────────────────────────────────────────────────────────────────────────

  /** Width of already cleaned text. */
  measure(text: string, size: number, bold = false): number {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let unit = this.widths.get(key);
    if (unit === undefined) {
      unit = (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(text, 1);
      if (this.widths.size < 20_000) this.widths.set(key, unit);
    }
    return unit * size;
  }

  lineHeight(style: TextStyle): number {
    return style.size * (style.leading ?? 1.3);
  }

  /** Cleans and wraps `text` at `width` (default the content width). */
  wrap(text: string, style: TextStyle, width = this.contentWidth): string[] {
    return wrapText(this.printable.clean(text), (t) => this.measure(t, style.size, style.bold), width);
  }

  heightOf(lines: number, style: TextStyle): number {
    return lines * this.lineHeight(style);
  }

  // ─── structure ──────────────────────────────────────────────────────────────────────────────────

  /** Draws what `fn` draws inside a new structure element (a heading, a paragraph, a list …). */
  tag<T>(type: StructureType, fn: () => T, options?: ElementOptions): T {
    return this.structure.element(type, fn, options);
  }

  /** Draws what `fn` draws as page furniture (not read out): rules, lines, boxes. */
  artifact<T>(fn: () => T): T {
    return this.structure.artifact(fn);
  }

  // ─── drawing ────────────────────────────────────────────────────────────────────────────────────

  /** Draws cleaned text with its baseline at `baseline`. */
  drawAt(text: string, x: number, baseline: number, style: TextStyle, page: PDFPage = this.page): void {
    if (text === '') return;
    this.structure.content(page, () =>
      page.drawText(text, {
        x,
        y: baseline,
        size: style.size,
        font: style.bold ? this.fonts.bold : this.fonts.regular,
        color: style.color ?? COLOURS.text,
      }),
    );
  }

  /** The baseline of a line whose top is at `top`. */
  baseline(top: number, style: TextStyle): number {
    return top - style.size * 0.95;
  }

  /** Draws wrapped lines at the cursor, breaking pages between lines (one P unless an element is open). */
  drawLines(lines: readonly string[], style: TextStyle, indent = 0): void {
    if (lines.length === 0) return;
    const height = this.lineHeight(style);
    this.structure.leaf(() => {
      for (const line of lines) {
        this.ensure(height);
        this.drawAt(line, this.left + indent, this.baseline(this.y, style), style);
        this.y -= height;
      }
    });
  }

  /** Wraps and draws a paragraph; it may run over several pages. */
  paragraph(text: string, style: TextStyle, indent = 0): void {
    this.drawLines(this.wrap(text, style, this.contentWidth - indent), style, indent);
  }

  /** A horizontal rule at the cursor (an artifact). */
  rule(color: RGB = COLOURS.rule, thickness = 0.5): void {
    this.line(
      this.page,
      { x: this.left, y: this.y },
      { x: this.left + this.contentWidth, y: this.y },
      thickness,
      color,
    );
  }

  /** A line on `page`: an artifact (a rule, the line to sign on, the bar beside a long answer). */
  line(
    page: PDFPage,
    start: { x: number; y: number },
    end: { x: number; y: number },
    thickness: number,
    color: RGB,
  ): void {
    this.structure.artifact(() => this.structure.content(page, () => page.drawLine({ start, end, thickness, color })));
  }

  // ─── markdown-ish text (info fields): paragraphs, "- " lists, **bold** ─────────────────────────────

  /** Lays out markdown-ish text into blocks of rich lines, each with its indent and bullet. */
  richBlocks(
    text: string,
    style: TextStyle,
    width = this.contentWidth,
  ): Array<{ lines: RunLine[]; indent: number; bullet: boolean }> {
    const cleaned = this.printable.clean(text);
    const blocks: Array<{ lines: RunLine[]; indent: number; bullet: boolean }> = [];
    const bulletIndent = style.size * 1.2;
    const measure = (t: string, bold: boolean) => this.measure(t, style.size, bold);
    for (const paragraph of cleaned.split(/\n\s*\n/)) {
      let prose: string[] = [];
      const flush = () => {
        if (prose.length === 0) return;
        blocks.push({ lines: wrapRuns(parseBold(prose.join(' ')), measure, width), indent: 0, bullet: false });
        prose = [];
      };
      for (const raw of paragraph.split('\n')) {
        const line = raw.trim();
        if (line === '') continue;
        const item = /^[-*•]\s+(.*)$/.exec(line);
        if (item) {
          flush();
          blocks.push({
            lines: wrapRuns(parseBold(item[1] ?? ''), measure, width - bulletIndent),
            indent: bulletIndent,
            bullet: true,
          });
        } else {
          prose.push(line);
        }
      }
      flush();
    }
    return blocks;
  }

  heightOfRich(blocks: ReturnType<PageLayout['richBlocks']>, style: TextStyle): number {
    const gap = style.size * 0.4;
    return blocks.reduce((h, b) => h + this.heightOf(b.lines.length, style) + gap, 0);
  }

  /**
   * Draws rich blocks at the cursor (indent added to each), breaking pages between lines. Prose is
   * a P each; a run of bullets is a list (L, LI with Lbl and LBody), or items of the list the caller
   * opened with `tag('L', …)`.
   */
  drawRich(blocks: ReturnType<PageLayout['richBlocks']>, style: TextStyle, indent = 0): void {
    const height = this.lineHeight(style);
    const gap = style.size * 0.4;
    const drawBlock = (block: (typeof blocks)[number]) => {
      const drawLines = () =>
        block.lines.forEach((line) => {
          this.ensure(height);
          const baseline = this.baseline(this.y, style);
          let x = this.left + indent + block.indent;
          for (const run of line) {
            const runStyle = { ...style, bold: run.bold || style.bold };
            this.drawAt(run.text, x, baseline, runStyle);
            x += this.measure(run.text, style.size, runStyle.bold);
          }
          this.y -= height;
        });
      if (block.bullet) {
        this.ensure(height);
        const baseline = this.baseline(this.y, style);
        this.tag('Lbl', () => this.drawAt('•', this.left + indent + style.size * 0.2, baseline, style));
        this.tag('LBody', drawLines);
      } else {
        drawLines();
      }
      this.y -= gap;
    };
    const inList = this.structure.currentType === 'L';
    let i = 0;
    while (i < blocks.length) {
      const block = blocks[i] as (typeof blocks)[number];
      if (!block.bullet) {
        this.structure.leaf(() => drawBlock(block));
        i += 1;
        continue;
      }
      let end = i;
      while (blocks[end]?.bullet) end += 1;
      const items = blocks.slice(i, end);
      const drawItems = () => items.forEach((item) => this.tag('LI', () => drawBlock(item)));
      if (inList) drawItems();
      else this.tag('L', drawItems);
      i = end;
    }
  }

  /**
   * Calls `draw` for every page with its number and the total (page footers, drawn as artifacts),
   * then writes the structure tree: nothing is drawn after this.
   */
  finish(draw: (page: PDFPage, pageNumber: number, pageCount: number) => void): void {
    this.structure.artifact(() => this.pages.forEach((page, i) => draw(page, i + 1, this.pages.length)), 'Footer');
    this.structure.finish();
  }
}
