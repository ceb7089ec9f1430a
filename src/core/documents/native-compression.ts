/**
 * Streams compressed with Node's zlib instead of pdf-lib's JavaScript deflate (pako).
 *
 * A blankett has a hundred or more widgets, each with up to four small appearance streams, plus page
 * content, font programs and their ToUnicode maps; pako's per-stream set-up (a fresh 64 KB window and
 * hash tables) and its slower matching were the largest cost of making a blankett. Only the document
 * passed in is changed: its context makes form XObjects and flate streams with zlib, and
 * `compressContentStreams` replaces the page content streams, complete once drawing is done, by
 * zlib-compressed raw streams just before saving.
 */
import { deflateSync } from 'node:zlib';
import { PDFContentStream, PDFRawStream, type PDFDocument } from 'pdf-lib';

export function useNativeCompression(doc: PDFDocument): void {
  const context = doc.context;
  context.flateStream = (contents, dict = {}) => {
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents;
    return context.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });
  };
  context.formXObject = (operators, dict = {}) => {
    const stream = PDFContentStream.of(context.obj({}), operators, false);
    return context.stream(deflateSync(stream.getUnencodedContents()), {
      BBox: context.obj([0, 0, 0, 0]),
      Matrix: context.obj([1, 0, 0, 1, 0, 0]),
      ...dict,
      Type: 'XObject',
      Subtype: 'Form',
      Filter: 'FlateDecode',
    }) as unknown as PDFContentStream;
  };
}

/** Call when nothing more is drawn, right before `save`: page content streams, compressed by zlib. */
export function compressContentStreams(doc: PDFDocument): void {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    // a PDFContentStream made with encoding on already carries /Filter /FlateDecode in its dictionary
    context.assign(ref, PDFRawStream.of(object.dict, deflateSync(object.getUnencodedContents())));
  }
}
