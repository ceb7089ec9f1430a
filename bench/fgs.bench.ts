/**
 * FGS package benchmarks for a typical case: a signed case with nine answers and its real case PDF/A
 * (the parking permit e-service, rendered by the document service):
 *  - fgs.package_build_p50: time to build the package (envelope, METS ×2, ERMS, zip) (ms);
 *  - fgs.package_size: its size (kB).
 */
import path from 'node:path';
import { buildEnvelope } from '../src/core/cases/envelope';
import { buildFgsPackage } from '../src/core/cases/fgs/fgs-package';
import { loadFgsSchemas } from '../src/core/cases/fgs/fgs-schemas';
import { prepareSubmission } from '../src/core/submission/case-document';
import { ASTRID, ASTRID_SIGNATURE, deliveryItemFrom, makeDraft } from '../test/unit/core/cases/case-fixtures';
import { documentService, shippedFlow } from '../test/unit/core/documents/document-fixtures';
import { children, person, samples } from '../test/unit/fixtures/shipped-flow-answers';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const RUNS = 50;

export async function run(): Promise<Figure[]> {
  const flow = shippedFlow('parkeringstillstand');
  const doc = prepareSubmission(flow, samples.parkeringstillstand, { ...person, children, kioskId: 'bench-kiosk' });
  const pdf = await documentService().casePdf(doc, {
    reference: 'K7-4F9Q-2',
    identification: { name: ASTRID.name, personnummer: ASTRID.personalNumber },
    signature: { signedAt: ASTRID_SIGNATURE.signedAt, ocspPresent: true, signatureSha256: 'ab'.repeat(32) },
  });
  const item = deliveryItemFrom(
    makeDraft({
      flowId: flow.id,
      flowVersion: flow.version,
      flowTitle: flow.title,
      answers: doc.answers,
      documents: [{ name: 'arende-K7-4F9Q-2.pdf', kind: 'case', mediaType: 'application/pdf', bytes: pdf }],
    }),
  );
  const schemas = loadFgsSchemas(path.resolve('resources', 'fgs-schemas'));
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const pkg = buildFgsPackage(buildEnvelope(item, { inlineDocuments: false }), item.payload.documents, {
      software: { name: 'Kommunkiosk', version: '0.1.0' },
      municipality: 'Testby kommun',
      schemas,
      now: new Date(),
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    size = pkg.bytes.byteLength;
  }
  times.sort((a, b) => a - b);
  return [
    { bench: 'fgs.package_build_p50', value: round(quantile(times, 0.5)), unit: 'ms', target: 200, runs: RUNS },
    { bench: 'fgs.package_size', value: round(size / 1024), unit: 'kB', pdfKb: round(pdf.byteLength / 1024) },
  ];
}
