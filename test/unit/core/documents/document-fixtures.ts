/**
 * Shared by the document tests: the shipped flows, complete answer sets for each (the same visitors as
 * test/unit/core/flows/shipped-flows.test.ts), and tools to read a PDF back (poppler, qpdf).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  flowDefinitionSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
} from '../../../../src/contract/flows/definition';
import { createDocumentService, type DocumentService } from '../../../../src/core/documents/document-service';
import { loadFlows } from '../../../../src/core/flows/loader';
import { createLogger } from '../../../../src/core/log/logger';
import { children, samples, today } from '../../fixtures/shipped-flow-answers';

export const root = path.resolve(import.meta.dirname, '../../../..');
export const resourcesDir = path.join(root, 'resources');

export const { flows: shippedFlows } = loadFlows({
  builtinDir: path.join(resourcesDir, 'flows'),
  logger: createLogger({ level: 'silent' }).logger,
});

export function shippedFlow(id: string): FlowDefinition {
  const flow = shippedFlows.get(id);
  if (!flow) throw new Error(`flow ${id} did not load`);
  return flow;
}

export const TODAY = today;
export const CHILDREN = children;
export const CONTEXT = { today: TODAY, children: CHILDREN };

/** The shared answer sets; the parking permit's name and needs exercise å ä ö and two check boxes. */
export const SAMPLE_ANSWERS: Record<string, Record<string, unknown>> = {
  ...samples,
  parkeringstillstand: {
    ...samples.parkeringstillstand,
    namn: 'Åsa Öberg-Ärlig',
    'hjalp-beskrivning': 'Jag behöver stöd hela vägen in till mottagningen, även i trappor.',
    hjalpmedel: ['rullator', 'rullstol'],
  },
};

export const MUNICIPALITY = {
  name: 'Exempelkommun',
  contact: { phone: '0123-45 67 00', email: 'kommun@exempel.se' },
};

/** A 2×2 PNG: a municipality logo. */
export const PNG_LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

export function documentService(overrides: Partial<Parameters<typeof createDocumentService>[0]> = {}): DocumentService {
  return createDocumentService({
    resourcesDir,
    municipality: MUNICIPALITY,
    logger: createLogger({ level: 'silent' }).logger,
    ...overrides,
  });
}

export const t = (s: string) => ({ sv: s, en: s });

type FieldInput = FlowDefinitionInput['steps'][number]['fields'][number];

/**
 * A flow without identification whose one step holds `fields` (defaults applied, checked like the
 * loader does); `more` replaces the title, description or hand-in text where a test reads them.
 */
export function oneStepFlow(
  id: string,
  fields: FieldInput[],
  more: Partial<Pick<FlowDefinitionInput, 'title' | 'description' | 'paper'>> = {},
): FlowDefinition {
  return flowDefinitionSchema.parse({
    id,
    version: 1,
    title: t(id),
    description: t('Beskrivning'),
    category: 'Test',
    identification: 'none',
    steps: [{ id: 's', title: t('Steg'), fields }],
    paper: { handIn: t('Lämna in.') },
    ...more,
  });
}

// ─── reading PDFs back with poppler and qpdf ──────────────────────────────────────────────────────────

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

export const popplerMissing =
  has('pdftotext') && has('pdffonts') && has('pdfinfo')
    ? null
    : 'poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed: run .ci/install-cups.sh';
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
    execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    }),
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
      return {
        name: cols[0] as string,
        type: cols.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
      };
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
  return withFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', file], {
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
}
