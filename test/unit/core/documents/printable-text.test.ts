import { describe, expect, it } from 'vitest';
import { FontLibrary } from '../../../../src/core/documents/fonts';
import { MISSING_GLYPH_MARKER, PrintableText } from '../../../../src/core/documents/printable-text';
import { resourcesDir } from './document-fixtures';

const { printable } = FontLibrary.load(resourcesDir);

describe('PrintableText with DejaVu Sans', () => {
  it('keeps Swedish, Latin-1, Latin Extended, Greek, Cyrillic and common punctuation', () => {
    const text = 'åäöÅÄÖéü ÆØß ŁŚŽčř Ωλ Жизнь – — “citat” ‘x’ … € § ½ • №';
    expect(printable.clean(text)).toBe(text);
  });

  it("normalises to NFC, so a decomposed å prints as the font's own å", () => {
    expect(printable.clean('a\u030Angstro\u0308m')).toBe('ångström');
  });

  it('replaces each character the PDF cannot print (Chinese, Arabic, Hebrew, emoji sequences) with one □', () => {
    expect(printable.clean('Li 李明')).toBe(`Li ${MISSING_GLYPH_MARKER}${MISSING_GLYPH_MARKER}`);
    expect(printable.clean('مرحبا')).toBe('□□□□□');
    expect(printable.clean('שלום')).toBe('□□□□');
    expect(printable.clean('familj 👨‍👩‍👧 🦄!')).toBe('familj □ □!');
  });

  it('drops invisible characters and keeps line breaks only where text may span lines', () => {
    expect(printable.clean('a\u200bb\u202ec\u0007d\r\ne\tf\u00ad')).toBe('abcd\ne f');
    expect(printable.cleanLine(' rad 1\n\n  rad 2 ')).toBe(' rad 1 rad 2 ');
  });

  it('falls back to ? when the font lacks even □', () => {
    const ascii = new PrintableText((cp) => cp < 0x80);
    expect(ascii.clean('Åsa')).toBe('?sa');
  });
});
