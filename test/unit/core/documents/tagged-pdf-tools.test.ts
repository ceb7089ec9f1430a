/**
 * Accessible PDFs as other programs read them (test:integration: it runs poppler and qpdf on every
 * document): every shipped blankett as `npm run blankett -- --all` writes it for the website (each
 * e-service × sv, en) and as the kiosk prints it for an Arabic visitor, a receipt and a case document.
 *  - `pdfinfo`: Tagged: yes; `pdfinfo -struct-text`: the structure tree starts at Document, the title is
 *    the H1, and every word on the pages is in the tree except the page furniture (artifacts);
 *  - `qpdf --json`: the StructTreeRoot with its ParentTree, /MarkInfo, /Lang, every form field with a
 *    /TU, every page with /Tabs /S and /StructParents, every widget with /StructParent;
 *  - `qpdf --check`: no syntax or stream errors.
 * The same documents checked in-process, in more detail: tagged-pdf.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localise } from '../../../../src/contract/flows/localise';
import { prepareSubmission } from '../../../../src/core/submission/case-document';
import {
  CONTEXT,
  documentService,
  popplerMissing,
  qpdfMissing,
  root,
  SAMPLE_ANSWERS,
  shippedFlow,
  shippedFlows,
} from './document-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-tagged-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const service = documentService();
const NOW = new Date('2025-06-15T10:00:00Z');

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

type Json = Record<string, unknown>;

/** The objects of the PDF as qpdf's JSON (version 2) gives them: "obj:12 0 R" → { value }. */
function qpdfObjects(file: string): Map<string, unknown> {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [Json, Json] };
  const objects = new Map<string, unknown>();
  for (const [key, object] of Object.entries(json.qpdf[1])) {
    if (key.startsWith('obj:')) objects.set(key.slice(4), (object as { value?: unknown }).value);
  }
  return objects;
}

/** What qpdf's JSON says about the tagging; problems as sentences. */
function qpdfTagging(file: string): { problems: string[]; lang: unknown; fields: number; pages: number } {
  const objects = qpdfObjects(file);
  const problems: string[] = [];
  const dict = (ref: unknown): Json => (typeof ref === 'string' ? (objects.get(ref) as Json) : (ref as Json)) ?? {};
  const catalog = [...objects.values()].find((o) => (o as Json | null)?.['/Type'] === '/Catalog') as Json;
  if ((dict(catalog['/MarkInfo']) as Json)['/Marked'] !== true) problems.push('no /MarkInfo /Marked true');
  if (dict(catalog['/ViewerPreferences'])['/DisplayDocTitle'] !== true) problems.push('no /DisplayDocTitle true');
  const tree = dict(catalog['/StructTreeRoot']);
  if (tree['/Type'] !== '/StructTreeRoot') problems.push('no /StructTreeRoot');
  if (dict(tree['/K'])['/S'] !== '/Document') problems.push('the structure does not start at Document');
  const nums = dict(tree['/ParentTree'])['/Nums'];
  if (!Array.isArray(nums) || nums.length === 0) problems.push('no ParentTree');
  const keys = new Set((Array.isArray(nums) ? nums : []).filter((_, i) => i % 2 === 0));
  let fields = 0;
  let pages = 0;
  for (const [ref, value] of objects) {
    const object = value as Json | null;
    if (!object || typeof object !== 'object' || Array.isArray(object)) continue;
    if (object['/Type'] === '/Page') {
      pages += 1;
      if (object['/Tabs'] !== '/S') problems.push(`page ${ref}: no /Tabs /S`);
      if (!keys.has(object['/StructParents'])) problems.push(`page ${ref}: no /StructParents in the ParentTree`);
    }
    if (object['/Subtype'] === '/Widget' && !keys.has(object['/StructParent']))
      problems.push(`widget ${ref}: no /StructParent in the ParentTree`);
    if (typeof object['/T'] === 'string') {
      fields += 1;
      if (typeof object['/TU'] !== 'string' || object['/TU'] === 'u:') problems.push(`field ${object['/T']}: no /TU`);
    }
  }
  return { problems, lang: catalog['/Lang'], fields, pages };
}

/** The words of the structure tree (`pdfinfo -struct-text`). */
function structWords(structText: string): Set<string> {
  const words = new Set<string>();
  for (const match of structText.matchAll(/^\s*"(.*)"$/gm)) for (const w of (match[1] ?? '').split(/\s+/)) words.add(w);
  return words;
}

/**
 * Checks one document with all three tools; `furniture` is the text of the running header and
 * footers (artifacts, not in the structure tree). `filled`: form fields show answers, which are in
 * the tree as widgets (OBJR), not as words.
 */
function checkWithTools(
  file: string,
  expected: { title: string; lang: string; furniture: string[]; filled?: boolean; fields?: boolean },
): void {
  const where = path.basename(file);
  const info = run('pdfinfo', [file]);
  expect(info, where).toMatch(/^Tagged:\s+yes$/m);
  const structText = run('pdfinfo', ['-struct-text', file]);
  expect(structText.split('\n')[0], where).toBe('Document');
  // the H1's text (its lines, when the title wraps) is the title
  const lines = structText.split('\n');
  const h1 = lines.indexOf('  H1 (block)');
  expect(h1, `${where}: no H1`).toBeGreaterThan(0);
  const heading: string[] = [];
  for (const line of lines.slice(h1 + 1)) {
    const text = /^ {4}"(.*)"$/.exec(line)?.[1];
    if (text === undefined) break;
    heading.push(text);
  }
  expect(heading.join(' '), where).toBe(expected.title);
  if (!expected.filled) {
    const inTree = structWords(structText);
    const allowed = new Set(expected.furniture.join(' ').split(/\s+/));
    const untagged = run('pdftotext', ['-enc', 'UTF-8', file, '-'])
      .split(/\s+/)
      .filter((w) => w !== '' && !inTree.has(w) && !allowed.has(w) && !/^\d+$/.test(w));
    expect(untagged, `${where}: words on the page that are not in the structure tree`).toEqual([]);
  }
  const tagging = qpdfTagging(file);
  expect(tagging.problems, where).toEqual([]);
  expect(tagging.lang, where).toBe(`u:${expected.lang}`);
  if (expected.fields) expect(tagging.fields, where).toBeGreaterThan(5);
  const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(check.status, `${where}: ${check.stdout}${check.stderr}`).toBe(0);
}

const missing = popplerMissing ?? qpdfMissing;

describe.skipIf(missing)('tagged PDFs read by poppler and qpdf', () => {
  let website: string;
  beforeAll(() => {
    // the shipped blanketter as the municipality publishes them: npm run blankett -- --all
    website = path.join(dir, 'website');
    writeFileSync(path.join(dir, 'config.yaml'), 'kiosk:\n  municipality:\n    name: Exempelkommun\n');
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'src/core/documents/blankett-cli.ts'), '--all', '--out', website],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, KIOSK_CONFIG: path.join(dir, 'config.yaml') },
        timeout: 90_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
  }, 120_000);

  it('every shipped blankett the website gets (each e-service × sv, en), and the one an Arabic visitor is printed', async () => {
    const files = readdirSync(website).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(shippedFlows.size * 2);
    for (const [id, flow] of shippedFlows) {
      for (const lang of ['sv', 'en'] as const) {
        const file = path.join(website, `blankett-${id}-${lang}.pdf`);
        const title = localise(flow.title, lang);
        const blankett = lang === 'sv' ? 'Blankett' : 'Form';
        checkWithTools(file, {
          title,
          lang: lang === 'sv' ? 'sv-SE' : 'en-GB',
          furniture: [
            `${title} – ${blankett}`,
            `${title} · ${blankett} ${id} v${flow.version}`,
            lang === 'sv' ? 'Sida av' : 'Page of',
          ],
          fields: true,
        });
      }
      // an Arabic visitor's blankett is printed in English and says so
      const ar = path.join(dir, `blankett-${id}-ar.pdf`);
      writeFileSync(ar, await service.blankett(flow, { lang: 'ar', now: NOW }));
      const title = localise(flow.title, 'en');
      checkWithTools(ar, {
        title,
        lang: 'en-GB',
        furniture: [`${title} – Form`, `${title} · Form ${id} v${flow.version}`, 'Page of'],
        fields: true,
      });
      const filled = path.join(dir, `blankett-${id}-prefilled.pdf`);
      writeFileSync(
        filled,
        await service.blankett(flow, { lang: 'sv', answers: SAMPLE_ANSWERS[id], context: CONTEXT, now: NOW }),
      );
      checkWithTools(filled, {
        title: localise(flow.title, 'sv'),
        lang: 'sv-SE',
        furniture: [],
        filled: true,
        fields: true,
      });
    }
  }, 240_000);

  it('a receipt and a case document', async () => {
    const receipt = path.join(dir, 'receipt.pdf');
    writeFileSync(
      receipt,
      await service.receiptPdf(
        {
          reference: 'KK-2025-7QX4M2',
          service: shippedFlow('felanmalan-gata-park').title,
          submittedAt: '2025-06-15T10:02:03Z',
          status: 'delivered',
          lang: 'sv',
          followUrl: 'https://minasidor.exempel.se/arende/{reference}',
        },
        NOW,
      ),
    );
    checkWithTools(receipt, {
      title: 'Kvitto',
      lang: 'sv-SE',
      furniture: ['Kvitto KK-2025-7QX4M2 · Exempelkommun Sida av'],
    });
    expect(run('pdfinfo', ['-struct-text', receipt])).toContain('Figure');

    const flow = shippedFlow('parkeringstillstand');
    const caseDocument = prepareSubmission(flow, SAMPLE_ANSWERS.parkeringstillstand, {
      ...CONTEXT,
      kioskId: 'kiosk-3',
      now: NOW,
    });
    const casePdf = path.join(dir, 'case.pdf');
    writeFileSync(
      casePdf,
      await service.casePdf(caseDocument, {
        reference: 'KK-2025-7QX4M2',
        identification: { name: 'Åsa Öberg-Ärlig', personnummer: '191212121212' },
        signature: { signedAt: '2025-06-15T10:01:30Z', ocspPresent: true },
        now: NOW,
      }),
    );
    const title = `Ärende: ${flow.title.sv}`;
    checkWithTools(casePdf, {
      title,
      lang: 'sv-SE',
      furniture: [
        `Ärende KK-2025-7QX4M2 – ${flow.title.sv}`,
        `Ärende KK-2025-7QX4M2 · ${flow.id} v${flow.version} · Exempelkommun Sida av`,
      ],
    });
    // still PDF/A-2b, now also declaring PDF/UA-1
    const meta = run('pdfinfo', ['-meta', casePdf]);
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(readFileSync(casePdf).subarray(0, 8).toString()).toMatch(/^%PDF-1\.\d/);
  }, 120_000);
});
