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
import {
  Cache,
  PDFContentStream,
  PDFCrossRefStream,
  PDFObjectStream,
  PDFRawStream,
  type PDFDocument,
  type PDFFlateStream,
} from 'pdf-lib';

/**
 * `save({ useObjectStreams: true })` packs the document's objects into object streams and a cross-
 * reference stream that pdf-lib's writer makes itself and compresses with pako — after the streams above,
 * the largest cost left in a blankett (a fifth of a cold start). Their two factories are wrapped once,
 * for every document, so that these streams compress with zlib too; the bytes they hold are the same.
 */
function compressWithZlib<T extends PDFFlateStream>(stream: T): T {
  const internal = stream as unknown as { contentsCache: unknown; encode: boolean };
  internal.contentsCache = Cache.populatedBy(() =>
    internal.encode ? deflateSync(stream.getUnencodedContents()) : stream.getUnencodedContents(),
  );
  return stream;
}
const objectStreamOf = PDFObjectStream.withContextAndObjects.bind(PDFObjectStream);
PDFObjectStream.withContextAndObjects = (...args) => compressWithZlib(objectStreamOf(...args));
const crossRefStreamOf = PDFCrossRefStream.create.bind(PDFCrossRefStream);
PDFCrossRefStream.create = (...args) => compressWithZlib(crossRefStreamOf(...args));

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
