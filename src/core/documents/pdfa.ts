/**
 * The XMP metadata every document carries, and what makes a pdf-lib document PDF/A-2b (ISO 19005-2,
 * level B).
 *
 * Every document (blankett, receipt, case document) has an XMP metadata stream that repeats the
 * document information (dc:title is what PDF/UA asks a viewer to show) and declares PDF/UA-1
 * (pdfuaid:part 1, ISO 14289-1): the documents are tagged (pdf-structure.ts).
 *
 * PDF/A-2b adds to that XMP the PDF/A conformance and an extension schema describing pdfuaid (PDF/A
 * allows only described XMP properties), an OutputIntent with an sRGB ICC profile (the pages use
 * DeviceRGB), and a file identifier in the trailer. The rest is up to the caller: every font embedded
 * (DejaVu subsets), no .notdef glyphs (PrintableText), no encryption, no JavaScript, annotations or
 * form fields.
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

/** PDF/A's description of the pdfuaid schema, which is not one of PDF/A-2's predefined schemas. */
const PDFUA_EXTENSION_SCHEMA = `
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates which part of ISO 14289 the document conforms to</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>`;

/** The XMP packet; `pdfa` adds the PDF/A-2b identification and the extension schema it needs. */
export function xmpPacket(p: DocumentProperties & { documentId: string; pdfa: boolean }): string {
  const date = xmpDate(p.created);
  const keywords = (p.keywords ?? []).join(' '); // as pdf-lib's setKeywords writes them
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
${p.pdfa ? `   <pdfaid:part>${PDFA_PART}</pdfaid:part>\n   <pdfaid:conformance>${PDFA_CONFORMANCE}</pdfaid:conformance>\n` : ''}   <pdfuaid:part>1</pdfuaid:part>
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
  </rdf:Description>${p.pdfa ? PDFUA_EXTENSION_SCHEMA : ''}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function digestOf(seed: string): Buffer {
  return createHash('sha256').update(`kommunkiosk:${seed}`).digest();
}

function setXmp(doc: PDFDocument, properties: DocumentProperties, digest: Buffer, pdfa: boolean): void {
  // a metadata stream is not compressed, so a reader can find it without a PDF parser
  const xmp = new TextEncoder().encode(xmpPacket({ ...properties, documentId: uuidFrom(digest), pdfa }));
  const metadata = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
}

/**
 * Adds the XMP metadata (with the PDF/UA identification) to a document that is not PDF/A, whose
 * information dictionary `setDocumentProperties` filled with the same `properties`. `seed` makes
 * the document id.
 */
export function addXmpMetadata(doc: PDFDocument, properties: DocumentProperties, seed: string): void {
  setXmp(doc, properties, digestOf(seed), false);
}

/**
 * Adds the PDF/A-2b parts (and the XMP metadata) to `doc`, whose information dictionary
 * `setDocumentProperties` filled with the same `properties`. `seed` (e.g. the case reference and
 * time) makes the file identifier.
 */
export function makePdfA(doc: PDFDocument, properties: DocumentProperties, seed: string): void {
  const context = doc.context;
  const digest = digestOf(seed);
  setXmp(doc, properties, digest, true);

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
