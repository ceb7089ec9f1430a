/**
 * Shared by the document tests: the shipped flows, complete answer sets for each (the same visitors as
 * test/unit/core/flows/shipped-flows.test.ts), and tools to read a PDF back (poppler, qpdf).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flowDefinitionSchema, type FlowDefinition, type FlowDefinitionInput } from '../../../../src/contract/flows/definition';
import { createDocumentService, type DocumentService } from '../../../../src/core/documents/document-service';
import { loadFlows } from '../../../../src/core/flows/loader';
import { createLogger } from '../../../../src/core/log/logger';

export const root = path.resolve(import.meta.dirname, '../../../..');
export const resourcesDir = path.join(root, 'resources');

export const { flows: shippedFlows } = loadFlows({ builtinDir: path.join(resourcesDir, 'flows'), logger: createLogger({ level: 'silent' }).logger });

export function shippedFlow(id: string): FlowDefinition {
  const flow = shippedFlows.get(id);
  if (!flow) throw new Error(`flow ${id} did not load`);
  return flow;
}

export const TODAY = '2025-06-15';
export const CHILDREN = [{ personnummer: '202309151237', name: 'Lisa Test' }];
export const CONTEXT = { today: TODAY, children: CHILDREN };

const address = { street: 'Storgatan 12', postalCode: '123 45', city: 'Kommunby' };

export const SAMPLE_ANSWERS: Record<string, Record<string, unknown>> = {
  'support-e-tjanster': {
    etjanst: 'Ansökan om plats i förskola',
    problemtyp: 'felmeddelande',
    felmeddelande: 'Tekniskt fel (kod 500)',
    beskrivning: 'Jag kom inte vidare efter steg två, knappen Nästa gjorde ingenting.',
    tidpunkt: '2025-06-14',
    'vill-bli-kontaktad': 'yes',
    namn: 'Tolvan Tolvansson',
    kontaktsatt: 'epost',
    epost: 'tolvan@example.se',
    personuppgifter: true,
  },
  'felanmalan-gata-park': {
    akut: 'no',
    feltyp: 'belysning',
    stolpnummer: 'B-1234',
    beskrivning: 'Lampan har varit släckt i en vecka.',
    plats: 'Storgatan 12',
    ort: 'Centrum',
    aterkoppling: 'no',
  },
  parkeringstillstand: {
    folkbokford: 'yes',
    roll: 'passagerare',
    namn: 'Åsa Öberg-Ärlig',
    personnummer: '19121212-1212',
    adress: address,
    telefon: '070-123 45 67',
    'hjalp-utanfor-bilen': 'yes',
    'lamnas-ensam': 'no',
    'hjalp-beskrivning': 'Jag behöver stöd hela vägen in till mottagningen, även i trappor.',
    funktionsnedsattning: 'Artros i båda knäna; jag kan bara gå korta sträckor med rullator.',
    gangstracka: 'under-25',
    hjalpmedel: ['rullator', 'rullstol'],
    varaktighet: 'over-2-ar',
    'tidigare-tillstand': 'no',
    'riktiga-uppgifter': true,
    personuppgifter: true,
  },
  forskoleplats: {
    barn: '20230915-1237',
    startdatum: '2025-10-01',
    omfattning: 'utokad',
    'forskola-1': 'ekbacken',
    'forskola-2': 'solrosen',
    syskon: 'no',
    sysselsattning: 'arbetar',
    dagar: ['mandag', 'tisdag', 'onsdag', 'torsdag', 'fredag'],
    lamning: '07:30',
    hamtning: '16.15',
    timmar: '40',
    namn: 'Tolvan Tolvansson',
    epost: 'tolvan@example.se',
    telefon: '0701234567',
    'annan-vardnadshavare': 'yes',
    'riktiga-uppgifter': true,
  },
};

export const MUNICIPALITY = {
  name: 'Exempelkommun',
  contact: { phone: '0123-45 67 00', email: 'kommun@exempel.se' },
};

export function documentService(overrides: Partial<Parameters<typeof createDocumentService>[0]> = {}): DocumentService {
  return createDocumentService({ resourcesDir, municipality: MUNICIPALITY, logger: createLogger({ level: 'silent' }).logger, ...overrides });
}

/** A flow from an author's object (defaults applied, checked like the loader does). */
export function makeFlow(input: FlowDefinitionInput): FlowDefinition {
  return flowDefinitionSchema.parse(input);
}

export const t = (s: string) => ({ sv: s, en: s });

// ─── reading PDFs back with poppler and qpdf ──────────────────────────────────────────────────────────

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

export const popplerMissing = has('pdftotext') && has('pdffonts') && has('pdfinfo') ? null : 'poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed: run .ci/install-cups.sh';
export const qpdfMissing = has('qpdf') ? null : 'qpdf is not installed: run .ci/install-cups.sh';

/** Runs a PDF tool on the bytes (the tools need a file; tests may write one, the kiosk never does). */
function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-pdf-test-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Uint8Array, page?: number): string {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** The text with all white space (line breaks of the layout included) as single spaces. */
export function flatText(pdf: Uint8Array, page?: number): string {
  return pdfText(pdf, page).replace(/\s+/g, ' ');
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Uint8Array): FontRow[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type(may be 2 words) encoding emb sub uni object ID
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0] as string, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

export function pdfInfo(pdf: Uint8Array, meta = false): string {
  return withFile(pdf, (file) => execFileSync('pdfinfo', [...(meta ? ['-meta'] : []), file], { encoding: 'utf8' }));
}

export function qpdfCheck(pdf: Uint8Array): { ok: boolean; output: string } {
  return withFile(pdf, (file) => {
    const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  });
}

/** Renders one page to PNG bytes (pdftoppm). */
export function pageImage(pdf: Uint8Array, page: number, dpi = 100): Buffer {
  return withFile(pdf, (file) => execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', file], { maxBuffer: 64 * 1024 * 1024 }));
}
