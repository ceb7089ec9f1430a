/**
 * Text that the embedded font can print, whatever a visitor or a flow author typed.
 *
 * pdf-lib draws a glyph for every code point it is given: one the font lacks becomes .notdef (an empty
 * box in some viewers, nothing in others, and forbidden in PDF/A). So every string is cleaned before
 * it reaches a page:
 *  - Unicode NFC, so "a" + combining ring prints as the font's own "å";
 *  - line breaks normalised to \n, tabs to a space, other control, zero-width and bidi-control
 *    characters dropped (they are invisible anyway);
 *  - every user-perceived character (grapheme cluster) the fonts cannot draw — emoji, Chinese, and
 *    right-to-left scripts (pdf-lib does no bidi reordering or Arabic shaping, so Arabic or Hebrew
 *    would print garbled) — is replaced with one visible marker, □.
 */

/** Printed in place of a character the PDF cannot show. */
export const MISSING_GLYPH_MARKER = '\u25A1'; // □
/** Used when even the marker is missing from the font. */
const FALLBACK_MARKER = '?';

/** Right-to-left scripts: printed as markers, since nothing here reorders or shapes them. */
function isRightToLeft(cp: number): boolean {
  return (
    (cp >= 0x0590 && cp <= 0x08ff) || // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Ext.
    (cp >= 0xfb1d && cp <= 0xfdff) || // Hebrew and Arabic presentation forms A
    (cp >= 0xfe70 && cp <= 0xfefe) || // Arabic presentation forms B
    (cp >= 0x10800 && cp <= 0x10fff) || // historic right-to-left scripts
    (cp >= 0x1e800 && cp <= 0x1efff) // Adlam, Mende Kikakui, Arabic mathematical symbols …
  );
}

/** Invisible characters dropped without a marker. */
function isInvisible(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x0a) || // C0 controls except \n (tabs and \r are handled before)
    (cp >= 0x7f && cp <= 0x9f) || // DEL and C1 controls
    cp === 0x00ad || // soft hyphen
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, LRM, RLM
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x206f) || // word joiner, invisible operators, bidi isolates
    cp === 0xfeff || // byte order mark
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors (emoji presentation …)
    (cp >= 0xe0000 && cp <= 0xe0fff) // tags, variation selectors supplement
  );
}

/** Latin-1 and ASCII printable plus \n: when the fonts have all of them, such strings skip the segmenter. */
const SIMPLE = /^[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff]*$/;

export class PrintableText {
  private readonly cache = new Map<number, boolean>();
  private readonly segmenter = new Intl.Segmenter('sv', { granularity: 'grapheme' });
  readonly marker: string;
  /** Whether the fonts have all of ASCII and Latin-1, so such text needs no checking. */
  private readonly latin1Complete: boolean;

  /** `hasGlyph` says whether every font the document uses has a glyph for the code point. */
  constructor(private readonly hasGlyph: (codePoint: number) => boolean) {
    this.marker = hasGlyph(MISSING_GLYPH_MARKER.codePointAt(0) as number) ? MISSING_GLYPH_MARKER : FALLBACK_MARKER;
    let complete = true;
    for (let cp = 0x20; cp <= 0xff && complete; cp += 1) {
      if ((cp >= 0x7f && cp < 0xa0) || cp === 0xad) continue;
      complete = hasGlyph(cp);
    }
    this.latin1Complete = complete;
  }

  private printable(cp: number): boolean {
    let ok = this.cache.get(cp);
    if (ok === undefined) {
      ok = !isRightToLeft(cp) && this.hasGlyph(cp);
      this.cache.set(cp, ok);
    }
    return ok;
  }

  /** Cleans text that may span lines (answers of textareas, info texts). */
  clean(text: string): string {
    const normalised = String(text).normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
    if (this.latin1Complete && SIMPLE.test(normalised)) return normalised;
    let out = '';
    for (const { segment } of this.segmenter.segment(normalised)) {
      if (segment === '\n') {
        out += '\n';
        continue;
      }
      let visible = '';
      let printable = true;
      for (const ch of segment) {
        const cp = ch.codePointAt(0) as number;
        if (isInvisible(cp)) continue;
        visible += ch;
        if (!this.printable(cp)) printable = false;
      }
      if (visible === '') continue;
      out += printable ? visible : this.marker;
    }
    return out;
  }

  /** Cleans text that must stay on one line (field values, titles): line breaks and runs of spaces become one space. */
  cleanLine(text: string): string {
    return this.clean(text)
      .replace(/\s*\n\s*/g, ' ')
      .replace(/ {2,}/g, ' ');
  }
}
