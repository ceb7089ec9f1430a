/**
 * Documents: blankett generation time and size for each shipped flow, blank and prefilled, and the
 * case document as PDF/A. Targets (issue 6): under 100 ms and under 150 KB for a 4-page blankett.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { createDocumentService } from '../src/core/documents/document-service';
import { loadFlows } from '../src/core/flows/loader';
import { prepareSubmission } from '../src/core/submission/case-document';
import { createLogger } from '../src/core/log/logger';
import { CONTEXT, SAMPLE_ANSWERS } from '../test/unit/core/documents/document-fixtures';
import type { Figure } from './run';
import { median } from './statistics';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;
const WARM_UP = 3;

/** Median wall time, and mean CPU time of this process (less disturbed by other load on the machine). */
async function time(make: () => Promise<Uint8Array>): Promise<{ ms: number; cpuMs: number; bytes: Uint8Array }> {
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < WARM_UP; i += 1) bytes = await make();
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    bytes = await make();
    samples.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: Math.round(median(samples) * 10) / 10,
    cpuMs: Math.round((used.user + used.system) / RUNS / 100) / 10,
    bytes,
  };
}

export async function run(): Promise<Figure[]> {
  const { logger } = createLogger({ level: 'silent' });
  const service = createDocumentService({
    resourcesDir: path.join(root, 'resources'),
    municipality: { name: 'Exempelkommun' },
    logger,
  });
  const { flows } = loadFlows({ builtinDir: path.join(root, 'resources/flows'), logger });
  const figures: Figure[] = [];
  for (const [id, flow] of flows) {
    for (const variant of ['blank', 'prefilled'] as const) {
      const options =
        variant === 'blank' ? { lang: 'sv' } : { lang: 'sv', answers: SAMPLE_ANSWERS[id], context: CONTEXT };
      const { ms, cpuMs, bytes } = await time(() => service.blankett(flow, options));
      const pages = (await PDFDocument.load(bytes)).getPageCount();
      figures.push({
        bench: `documents.blankett.${id}.${variant}.time`,
        value: ms,
        unit: 'ms',
        target: 100,
        pages,
        runs: RUNS,
        cpuMs,
      });
      figures.push({
        bench: `documents.blankett.${id}.${variant}.size`,
        value: Math.round(bytes.byteLength / 102.4) / 10,
        unit: 'KB',
        target: 150,
        pages,
      });
    }
  }
  const flow = flows.get('parkeringstillstand');
  if (flow) {
    const doc = prepareSubmission(flow, SAMPLE_ANSWERS.parkeringstillstand, {
      ...CONTEXT,
      kioskId: 'bench',
      now: new Date('2025-06-15T10:00:00Z'),
    });
    const extra = {
      reference: 'KK-2025-BENCH1',
      identification: { name: 'Tolvan Tolvansson', personnummer: '191212121212' },
      signature: { signedAt: '2025-06-15T09:59:00Z', ocspPresent: true },
    };
    const { ms, cpuMs, bytes } = await time(() => service.casePdf(doc, extra));
    figures.push({
      bench: 'documents.casePdfA.parkeringstillstand.time',
      value: ms,
      unit: 'ms',
      runs: RUNS,
      cpuMs,
      bytes: bytes.byteLength,
    });
  }
  return figures;
}
