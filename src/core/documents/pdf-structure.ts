/**
 * Tagged PDF for pdf-lib, which has none: the logical structure a screen reader follows (ISO 32000-1
 * §14.7–14.8, PDF/UA-1). While a document is drawn, the writer opens structure elements (`element`:
 * H1, P, L, LI, Form …) and everything painted inside them is wrapped in marked content with an MCID
 * (`/P <</MCID 3>> BDC … EMC`); rules, page headers and footers are wrapped as artifacts instead, and a
 * widget annotation just added to a page becomes an object reference (OBJR) of a Form element.
 * `finish` writes the StructTreeRoot, the ParentTree (page → elements by MCID, widget → its element),
 * /StructParents on the pages and /StructParent on the widgets, /MarkInfo, and /Tabs /S on every page
 * (tab order follows the structure).
 *
 * Content drawn while the innermost open element only groups others (Document, L, LI …) gets a P of
 * its own, so nothing painted is ever outside the structure or an artifact.
 */
import {
  type PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFRef,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** The standard structure types the documents use (no role map needed). */
export type StructureType =
  'Document' | 'Sect' | 'Div' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Form' | 'Figure';

/** Elements that hold other elements, not content of their own. */
const GROUPING: ReadonlySet<StructureType> = new Set(['Document', 'Sect', 'Div', 'L', 'LI']);

/** Page furniture: a running header, a footer with the page number, or layout (rules, lines). */
export type ArtifactKind = 'Header' | 'Footer' | 'Layout';

export interface ElementOptions {
  /** Alternative text (a Figure must have one). */
  alt?: string;
  /** A Figure's bounding box on its page: x, y (bottom left), width, height. */
  box?: { x: number; y: number; width: number; height: number };
}

interface Element {
  type: StructureType;
  kids: Kid[];
  options: ElementOptions;
  /** The page of its first content (its /Pg). */
  page: PDFPage | null;
}

type Kid = Element | { mcid: number; page: PDFPage } | { annotation: PDFRef; page: PDFPage };

export class PdfStructure {
  private readonly root: Element = { type: 'Document', kids: [], options: {}, page: null };
  private current: Element = this.root;
  /** Per page, the element of each MCID (index = MCID). */
  private readonly marked = new Map<PDFPage, Element[]>();
  private readonly annotations: Array<{ ref: PDFRef; element: Element }> = [];
  private artifactKind: ArtifactKind | null = null;

  constructor(private readonly doc: PDFDocument) {}

  /** Runs `fn` with a new element of `type`, under the current one, as the current element. */
  element<T>(type: StructureType, fn: () => T, options: ElementOptions = {}): T {
    const element: Element = { type, kids: [], options, page: null };
    this.current.kids.push(element);
    const parent = this.current;
    this.current = element;
    try {
      return fn();
    } finally {
      this.current = parent;
    }
  }

  /** Whether the current element groups others (content drawn now would get a P of its own). */
  get grouping(): boolean {
    return GROUPING.has(this.current.type);
  }

  /** The type of the current element. */
  get currentType(): StructureType {
    return this.current.type;
  }

  /** Runs `fn` in the current element, or in a new P when the current element only groups others. */
  leaf<T>(fn: () => T): T {
    return this.grouping ? this.element('P', fn) : fn();
  }

  /** Runs `fn`, whose drawing is page furniture, not content: each draw is marked as an artifact. */
  artifact<T>(fn: () => T, kind: ArtifactKind = 'Layout'): T {
    const outer = this.artifactKind;
    this.artifactKind = kind;
    try {
      return fn();
    } finally {
      this.artifactKind = outer;
    }
  }

  /** Marks what `draw` paints on `page`: content of the current element, or an artifact inside `artifact`. */
  content(page: PDFPage, draw: () => void): void {
    if (this.artifactKind !== null) {
      const properties =
        this.artifactKind === 'Layout' ? '<</Type /Layout>>' : `<</Type /Pagination /Subtype /${this.artifactKind}>>`;
      // a property list is written as is (pdf-lib's operator arguments may be raw strings)
      page.pushOperators(
        PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), properties]),
      );
      draw();
      page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
      return;
    }
    this.leaf(() => {
      const element = this.current;
      let elements = this.marked.get(page);
      if (!elements) {
        elements = [];
        this.marked.set(page, elements);
      }
      const mcid = elements.length;
      elements.push(element);
      element.kids.push({ mcid, page });
      element.page ??= page;
      page.pushOperators(
        PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(element.type), `<</MCID ${mcid}>>`]),
      );
      draw();
      page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    });
  }

  /**
   * The widget annotation just added to `page` (the last of its /Annots) belongs to the current
   * element, which must be a Form.
   */
  widget(page: PDFPage): void {
    if (this.current.type !== 'Form') throw new Error(`a widget belongs in a Form element, not ${this.current.type}`);
    const annots = page.node.Annots();
    const ref = annots?.get(annots.size() - 1);
    if (!(ref instanceof PDFRef)) throw new Error('no widget annotation was added to the page');
    this.current.kids.push({ annotation: ref, page });
    this.current.page ??= page;
    this.annotations.push({ ref, element: this.current });
  }

  /** Writes the structure tree into the document. Call once, after everything is drawn. */
  finish(): void {
    const context = this.doc.context;
    const pages = this.doc.getPages();
    const rootRef = context.nextRef();
    const refs = new Map<Element, PDFRef>();

    // an element that ended up empty (nothing drawn in it) is left out
    const empty = (element: Element): boolean => element.kids.every((kid) => 'type' in kid && empty(kid));
    const write = (element: Element, parentRef: PDFRef): PDFRef => {
      const ref = context.nextRef();
      refs.set(element, ref);
      const kids: PDFObject[] = [];
      for (const kid of element.kids) {
        if ('type' in kid) {
          if (!empty(kid)) kids.push(write(kid, ref));
        } else if ('mcid' in kid) {
          kids.push(
            kid.page === element.page
              ? PDFNumber.of(kid.mcid)
              : context.obj({ Type: 'MCR', Pg: kid.page.ref, MCID: kid.mcid }),
          );
        } else {
          kids.push(context.obj({ Type: 'OBJR', Obj: kid.annotation, Pg: kid.page.ref }));
        }
      }
      const dict = context.obj({ Type: 'StructElem', S: element.type, P: parentRef }) as PDFDict;
      dict.set(PDFName.of('K'), kids.length === 1 ? (kids[0] as PDFObject) : context.obj(kids));
      if (element.page) dict.set(PDFName.of('Pg'), element.page.ref);
      if (element.options.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(element.options.alt));
      const box = element.options.box;
      if (box)
        dict.set(
          PDFName.of('A'),
          context.obj({ O: 'Layout', BBox: [box.x, box.y, box.x + box.width, box.y + box.height] }),
        );
      context.assign(ref, dict);
      return ref;
    };
    const documentRef = write(this.root, rootRef);

    // the ParentTree: key i for page i (its elements by MCID), then one key per widget
    const nums: PDFObject[] = [];
    pages.forEach((page, i) => {
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      const elements = this.marked.get(page);
      if (!elements) return;
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(i));
      nums.push(PDFNumber.of(i), context.obj(elements.map((e) => refs.get(e) as PDFRef)));
    });
    let next = pages.length;
    for (const { ref, element } of this.annotations) {
      const elementRef = refs.get(element);
      if (!elementRef) continue;
      context.lookup(ref, PDFDict).set(PDFName.of('StructParent'), PDFNumber.of(next));
      nums.push(PDFNumber.of(next), elementRef);
      next += 1;
    }
    const parentTree = context.register(context.obj({ Nums: context.obj(nums) as PDFArray }));
    context.assign(
      rootRef,
      context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTree, ParentTreeNextKey: next }),
    );
    this.doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}
