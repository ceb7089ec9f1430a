/**
 * The fonts every document is printed in: DejaVu Sans and DejaVu Sans Bold from resources/fonts
 * (Swedish, all of Latin-1 and Latin Extended, Greek, Cyrillic, common punctuation and symbols;
 * licence in resources/fonts/LICENSE). They are read by each service and parsed once per process (the
 * same bytes are not parsed again); each document embeds a subset holding only the glyphs it uses.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { PrintableText } from './printable-text';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Fonts already parsed in this process, by the SHA-256 of their file: a service that reads the same file
 * again (a second service, or `npm run blankett` started from its startup snapshot, which parsed the
 * shipped fonts while it was built) uses the parsed font instead of parsing 700 KB again. Only the fonts:
 * what the library builds on them (PrintableText's segmenter) is made for each library.
 */
const parsedFonts = new Map<string, FontkitFont>();

function parsedFont(bytes: Uint8Array): FontkitFont {
  const key = createHash('sha256').update(bytes).digest('hex');
  let font = parsedFonts.get(key);
  if (!font) {
    font = directLayout(fontkit.create(bytes));
    parsedFonts.set(key, font);
  }
  return font;
}

/** The font files, parsed once; shared by every document the service renders. */
export class FontLibrary {
  readonly printable: PrintableText;
  private readonly parsed = new WeakMap<Uint8Array, FontkitFont>();
  /** Hands pdf-lib the already parsed font instead of parsing 700 KB again for each document. */
  private readonly fontkit: Fontkit;

  private constructor(
    private readonly regularBytes: Uint8Array,
    private readonly boldBytes: Uint8Array,
  ) {
    const regular = parsedFont(regularBytes);
    const bold = parsedFont(boldBytes);
    this.parsed.set(regularBytes, regular);
    this.parsed.set(boldBytes, bold);
    this.fontkit = {
      create: (data: Uint8Array, postscriptName?: string) =>
        this.parsed.get(data) ?? fontkit.create(data, postscriptName),
    };
    this.printable = new PrintableText((cp) => regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp));
  }

  /** Reads `<resourcesDir>/fonts/`. Throws an error naming the missing or broken file. */
  static load(resourcesDir: string): FontLibrary {
    const read = (name: string): Uint8Array => {
      const file = path.join(resourcesDir, 'fonts', name);
      try {
        return new Uint8Array(readFileSync(file));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new Error(`document font ${file} cannot be read (${code}); the PDFs need resources/fonts/${name}`, {
          cause: err,
        });
      }
    };
    const regular = read(FONT_FILES.regular);
    const bold = read(FONT_FILES.bold);
    try {
      return new FontLibrary(regular, bold);
    } catch (err) {
      throw new Error(
        `document fonts in ${path.join(resourcesDir, 'fonts')} are not valid TrueType files: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /**
   * Embeds both fonts into `doc` as subsets. `seed` makes the subset tag (the six capitals before "+"
   * in the font name that mark a subset) the same for the same document.
   */
  async embed(doc: PDFDocument, seed: string): Promise<DocumentFonts> {
    doc.registerFontkit(this.fontkit);
    const tag = subsetTag(seed);
    const [regular, bold] = await Promise.all([
      doc.embedFont(this.regularBytes, { subset: true, customName: `${tag}+DejaVuSans` }),
      doc.embedFont(this.boldBytes, { subset: true, customName: `${subsetTag(`${seed}:bold`)}+DejaVuSans-Bold` }),
    ]);
    return { regular, bold };
  }
}

/**
 * The font with a `layout` that maps each code point to its glyph through the cmap, skipping
 * OpenType shaping. pdf-lib uses only the glyphs of a layout (never the positions: it draws no
 * kerning), shaping is what made measuring and encoding slow, and the text it gets is NFC-normalised
 * left-to-right text (right-to-left scripts are replaced before, see printable-text.ts).
 */
function directLayout(font: FontkitFont): FontkitFont {
  const direct = Object.create(font) as FontkitFont;
  Object.defineProperty(direct, 'layout', {
    value: (text: string) => {
      const glyphs: Array<ReturnType<FontkitFont['glyphForCodePoint']>> = [];
      for (const ch of text) glyphs.push(font.glyphForCodePoint(ch.codePointAt(0) as number));
      return { glyphs, positions: [] };
    },
  });
  return direct;
}

/** Six capital letters derived from `seed`. */
export function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i += 1) tag += String.fromCharCode(65 + ((digest[i] as number) % 26));
  return tag;
}
