/**
 * Reads a PDF back with pdf-lib and checks what a screen reader (and PDF/UA-1, as far as it can be
 * checked without veraPDF) needs of its tagging:
 *  - the catalog: /MarkInfo <</Marked true>>, /Lang, /ViewerPreferences /DisplayDocTitle true, a
 *    StructTreeRoot with a ParentTree, XMP metadata with dc:title (= the Info title) and pdfuaid:part 1;
 *  - the structure tree: standard types only, each element's /P its parent, lists built as lists (an
 *    L holds LI, an LI holds Lbl and LBody), a Figure has /Alt, one H1 first and no heading level
 *    skipped;
 *  - every page: /Tabs /S; in its content stream everything painted (text, images, paths) is inside
 *    marked content, either an /Artifact or an element's MCID; marked content is never nested; each
 *    MCID is the one the ParentTree maps to the element whose /K holds it (and no element points at an
 *    MCID that is not there);
 *  - every annotation: a widget with /StructParent whose ParentTree entry is a Form element holding an
 *    OBJR to it; every form field has a /TU (its label).
 * Returns the problems found (none: tagged as the documents promise) and what the tests look at.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);
/** Operators that paint: text, XObjects (images), path painting, shadings. */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'Do', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh']);

export interface TaggedReport {
  problems: string[];
  lang: string | null;
  /** Structure types in reading order (depth first). */
  types: string[];
  /** Alternative texts of the Figures. */
  alts: string[];
  /** /TU of every form field, in the order of the AcroForm. */
  tooltips: string[];
  widgets: number;
  markedContents: number;
  artifacts: number;
}

function text(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : null;
}

export async function checkTaggedPdf(bytes: Uint8Array): Promise<TaggedReport> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = doc;
  const problems: string[] = [];
  const report: TaggedReport = {
    problems,
    lang: text(catalog.get(PDFName.of('Lang'))),
    types: [],
    alts: [],
    tooltips: [],
    widgets: 0,
    markedContents: 0,
    artifacts: 0,
  };
  const dictOf = (obj: PDFObject | undefined): PDFDict | null => {
    const resolved = obj instanceof PDFRef ? context.lookup(obj) : obj;
    return resolved instanceof PDFDict ? resolved : null;
  };

  // ─── the catalog and the metadata ──────────────────────────────────────────────────────────────
  if (dictOf(catalog.get(PDFName.of('MarkInfo')))?.get(PDFName.of('Marked')) !== PDFBool.True)
    problems.push('catalog: no /MarkInfo <</Marked true>>');
  if (!report.lang) problems.push('catalog: no /Lang');
  if (dictOf(catalog.get(PDFName.of('ViewerPreferences')))?.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True)
    problems.push('catalog: no /ViewerPreferences /DisplayDocTitle true');
  const metadata = context.lookup(catalog.get(PDFName.of('Metadata')));
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(metadata).decode()).toString() : '';
  const title = doc.getTitle();
  if (!title) problems.push('info: no /Title');
  const escaped = (title ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  if (!xmp.includes(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escaped}</rdf:li></rdf:Alt></dc:title>`))
    problems.push('XMP: no dc:title equal to the document title');
  if (!xmp.includes('<pdfuaid:part>1</pdfuaid:part>')) problems.push('XMP: no pdfuaid:part 1');

  // ─── the structure tree ────────────────────────────────────────────────────────────────────────
  const rootRef = catalog.get(PDFName.of('StructTreeRoot'));
  const root = dictOf(rootRef);
  /** "pageRef mcid" → the element (ref) whose /K holds it. */
  const mcidOwner = new Map<string, PDFRef>();
  /** annotation ref → the element (ref) whose /K holds its OBJR. */
  const objrOwner = new Map<PDFRef, PDFRef>();
  const elementType = new Map<PDFRef, string>();
  const headings: number[] = [];
  if (!root || root.get(PDFName.of('Type')) !== PDFName.of('StructTreeRoot')) {
    problems.push('catalog: no /StructTreeRoot');
  } else {
    /** Where a list's parts may stand. */
    const allowedParents: Record<string, string[]> = { LI: ['L'], Lbl: ['LI'], LBody: ['LI'] };
    const visit = (ref: PDFObject | undefined, parent: PDFObject | undefined, parentType: string) => {
      if (!(ref instanceof PDFRef)) {
        problems.push('structure: an element that is not an indirect object');
        return;
      }
      const element = dictOf(ref);
      const type = element?.get(PDFName.of('S'))?.toString().slice(1) ?? '';
      if (!element || !STANDARD_TYPES.has(type)) {
        problems.push(`structure: element ${ref.toString()} has no standard type (${type || 'none'})`);
        return;
      }
      elementType.set(ref, type);
      report.types.push(type);
      if (allowedParents[type] && !allowedParents[type].includes(parentType))
        problems.push(`structure: ${type} ${ref.toString()} stands in ${parentType}`);
      if (type === 'L' && element.get(PDFName.of('K')) === undefined) problems.push('structure: an empty list');
      if (element.get(PDFName.of('P')) !== parent)
        problems.push(`structure: /P of ${type} ${ref.toString()} is not its parent`);
      const heading = /^H([1-6])$/.exec(type);
      if (heading) headings.push(Number(heading[1]));
      if (type === 'Figure') {
        const alt = text(element.get(PDFName.of('Alt')));
        if (!alt) problems.push(`structure: Figure ${ref.toString()} has no /Alt`);
        else report.alts.push(alt);
      }
      const pg = element.get(PDFName.of('Pg'));
      const k = element.get(PDFName.of('K'));
      const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
      for (const kid of kids) {
        if (kid instanceof PDFNumber) {
          if (!(pg instanceof PDFRef)) problems.push(`structure: ${type} has an MCID but no /Pg`);
          mcidOwner.set(`${pg?.toString()} ${kid.asNumber()}`, ref);
          continue;
        }
        const kidDict = dictOf(kid);
        const kidType = kidDict?.get(PDFName.of('Type'));
        if (kidType === PDFName.of('MCR')) {
          mcidOwner.set(
            `${kidDict?.get(PDFName.of('Pg'))?.toString()} ${kidDict?.get(PDFName.of('MCID'))?.toString()}`,
            ref,
          );
        } else if (kidType === PDFName.of('OBJR')) {
          const obj = kidDict?.get(PDFName.of('Obj'));
          if (obj instanceof PDFRef) objrOwner.set(obj, ref);
          if (type !== 'Form') problems.push(`structure: an annotation is in ${type}, not in a Form element`);
        } else {
          if (type === 'L' && dictOf(kid)?.get(PDFName.of('S')) !== PDFName.of('LI'))
            problems.push(`structure: L ${ref.toString()} holds something other than LI`);
          visit(kid, ref, type);
        }
      }
    };
    const top = root.get(PDFName.of('K'));
    for (const kid of top instanceof PDFArray ? top.asArray() : [top]) visit(kid, rootRef, 'StructTreeRoot');
    if (report.types[0] !== 'Document') problems.push('structure: the root element is not Document');
    if (headings[0] !== 1) problems.push(`structure: the first heading is H${headings[0] ?? '-'}, not H1`);
    if (headings.filter((h) => h === 1).length !== 1) problems.push('structure: not exactly one H1');
    headings.forEach((h, i) => {
      if (i > 0 && h > (headings[i - 1] as number) + 1)
        problems.push(`structure: H${headings[i - 1]} is followed by H${h} (a level skipped)`);
    });
  }
  const nums = dictOf(root?.get(PDFName.of('ParentTree')))?.lookup(PDFName.of('Nums'));
  const parentTree = new Map<number, PDFObject>();
  if (nums instanceof PDFArray) {
    for (let i = 0; i + 1 < nums.size(); i += 2) parentTree.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
  } else if (root) {
    problems.push('structure: no ParentTree with /Nums');
  }

  // ─── pages: tab order, marked content, annotations ─────────────────────────────────────────────
  const seen = new Set<string>();
  doc.getPages().forEach((page, index) => {
    const where = `page ${index + 1}`;
    if (page.node.get(PDFName.of('Tabs')) !== PDFName.of('S')) problems.push(`${where}: no /Tabs /S`);
    const parents = page.node.get(PDFName.of('StructParents'));
    const byMcid = parents instanceof PDFNumber ? context.lookup(parentTree.get(parents.asNumber())) : undefined;
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((c) => context.lookup(c)) : [contents];
    const source = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
    let depth = 0;
    for (const line of source.split('\n')) {
      const op = line.trim().split(/\s+/).pop() ?? '';
      if (op === 'BDC' || op === 'BMC') {
        depth += 1;
        if (depth > 1) problems.push(`${where}: nested marked content`);
        if (line.startsWith('/Artifact')) {
          report.artifacts += 1;
          continue;
        }
        const mcid = /\/MCID (\d+)/.exec(line)?.[1];
        if (mcid === undefined) {
          problems.push(`${where}: marked content that is neither an artifact nor has an MCID: ${line}`);
          continue;
        }
        report.markedContents += 1;
        const key = `${page.ref.toString()} ${mcid}`;
        if (seen.has(key)) problems.push(`${where}: MCID ${mcid} used twice`);
        seen.add(key);
        const owner = mcidOwner.get(key);
        if (!owner) problems.push(`${where}: MCID ${mcid} belongs to no structure element`);
        const listed = byMcid instanceof PDFArray ? byMcid.get(Number(mcid)) : undefined;
        if (!owner || listed !== owner)
          problems.push(`${where}: the ParentTree does not map MCID ${mcid} to its element`);
        const tag = line.trim().split(/\s+/)[0]?.slice(1);
        if (owner && tag !== elementType.get(owner))
          problems.push(`${where}: MCID ${mcid} is tagged /${tag} but its element is ${elementType.get(owner)}`);
      } else if (op === 'EMC') {
        depth -= 1;
        if (depth < 0) problems.push(`${where}: EMC without BDC`);
      } else if (PAINTING.has(op) && depth === 0) {
        problems.push(`${where}: painted outside marked content: ${line.trim().slice(0, 60)}`);
      }
    }
    if (depth !== 0) problems.push(`${where}: marked content left open`);
    for (const annotRef of page.node.Annots()?.asArray() ?? []) {
      const annot = dictOf(annotRef);
      if (annot?.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) {
        problems.push(`${where}: an annotation that is not a widget`);
        continue;
      }
      report.widgets += 1;
      const key = annot.get(PDFName.of('StructParent'));
      const owner = annotRef instanceof PDFRef ? objrOwner.get(annotRef) : undefined;
      if (!(key instanceof PDFNumber) || !owner || parentTree.get(key.asNumber()) !== owner)
        problems.push(`${where}: widget ${annotRef.toString()} is not in the structure as a Form with an OBJR`);
    }
  });
  for (const key of mcidOwner.keys()) if (!seen.has(key)) problems.push(`structure: MCID ${key} is not on its page`);

  // ─── form fields: each has its label as /TU ────────────────────────────────────────────────────
  const acroForm = dictOf(catalog.get(PDFName.of('AcroForm')));
  const walk = (refs: PDFObject | undefined) => {
    const list = context.lookup(refs);
    if (!(list instanceof PDFArray)) return;
    for (const ref of list.asArray()) {
      const field = dictOf(ref);
      if (!field || !field.has(PDFName.of('T'))) continue; // a widget without a name of its own
      const tu = text(field.get(PDFName.of('TU')));
      if (!tu) problems.push(`field ${text(field.get(PDFName.of('T')))}: no /TU`);
      else report.tooltips.push(tu);
      walk(field.get(PDFName.of('Kids')));
    }
  };
  walk(acroForm?.get(PDFName.of('Fields')));
  return report;
}
