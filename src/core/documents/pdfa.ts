/**
 * What makes a pdf-lib document PDF/A-2b (ISO 19005-2, level B): an XMP metadata stream that
 * declares the conformance and repeats the document information, an OutputIntent with an sRGB ICC
 * profile (the pages use DeviceRGB), and a file identifier in the trailer. The rest is up to the
 * caller: every font embedded (DejaVu subsets), no .notdef glyphs (PrintableText), no encryption,
 * no JavaScript, annotations or form fields.
 */
import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { CREATOR, PRODUCER, type DocumentProperties } from './letterhead';
import { srgbIccProfile } from './srgb-icc-profile';

export const PDFA_PART = 2;
export const PDFA_CONFORMANCE = 'B';

function escapeXml(text: string): string {
  return (
    text
      // characters XML 1.0 does not allow (control characters other than tab, line feed, return)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** XMP dates are ISO 8601; the information dictionary has the same instant (pdf-lib writes UTC). */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function uuidFrom(digest: Buffer): string {
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function xmpPacket(p: DocumentProperties & { documentId: string }): string {
  const date = xmpDate(p.created);
  const keywords = (p.keywords ?? []).join(' '); // as pdf-lib's setKeywords writes them
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfaid:part>${PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>${PDFA_CONFORMANCE}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(p.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escapeXml(p.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(p.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${escapeXml(p.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <xmp:CreatorTool>${escapeXml(CREATOR)}</xmp:CreatorTool>
   <pdf:Producer>${escapeXml(PRODUCER)}</pdf:Producer>${keywords ? `\n   <pdf:Keywords>${escapeXml(keywords)}</pdf:Keywords>` : ''}
   <xmpMM:DocumentID>uuid:${p.documentId}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${p.documentId}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * Adds the PDF/A-2b parts to `doc`, whose information dictionary `setDocumentProperties` filled with
 * the same `properties`. `seed` (e.g. the case reference and time) makes the file identifier.
 */
export function makePdfA(doc: PDFDocument, properties: DocumentProperties, seed: string): void {
  const context = doc.context;
  const digest = createHash('sha256').update(`kommunkiosk:${seed}`).digest();
  const documentId = uuidFrom(digest);

  // XMP: a metadata stream must not be compressed, so a reader can find it without a PDF parser
  const xmp = new TextEncoder().encode(xmpPacket({ ...properties, documentId }));
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.flateStream(srgbIccProfile(), { N: 3 });
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));

  const id = PDFHexString.of(digest.subarray(0, 16).toString('hex').toUpperCase());
  context.trailerInfo.ID = context.obj([id, id]);
}
