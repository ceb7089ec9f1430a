/**
 * Attachments (bilagor), on SANE's test backend through the real scanimage (Debian sane-utils), with a
 * test configuration of its own (test/support/sane-test-backend.ts: its Grid picture, 200 × 200 mm):
 *
 *  - attachments.scan_to_preview_p95: core's `attachments.scan` at 200 dpi grey — scanimage started,
 *    the page read from its stdout, kept, and answered as the preview the screen shows (a JPEG data:
 *    URL). The test backend has no motor: this is the kiosk's own share of a scan (a real scanner adds
 *    its mechanical time). p95 of RUNS, p50 and max alongside.
 *  - attachments.pdf_bytes_per_page: the attachment PDF of RUNS scanned grey pages at 200 dpi, divided
 *    by the pages; target 500 KB (a text page "well under").
 *
 * The camera's capture-to-page figure is not here: the camera path is not built (docs/attachments.md).
 * Skipped with NaN figures and the reason when scanimage is missing.
 */
import { performance } from 'node:perf_hooks';
import { createAttachmentService } from '../src/core/attachments/attachment-service';
import { attachmentsConfigSchema } from '../src/core/attachments/config';
import { createSaneScanner } from '../src/core/attachments/sane-scanner';
import { attachmentWorld } from '../test/unit/core/attachments/attachment-fixtures';
import { saneTestBackend, scanimageInstalled, TEST_SCANNER } from '../test/support/sane-test-backend';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 20);
const KB = 1024;

export async function run(): Promise<Figure[]> {
  if (!scanimageInstalled()) {
    const skipped = 'scanimage is not installed (apt-get install sane-utils)';
    return [
      { bench: 'attachments.scan_to_preview_p95', value: Number.NaN, unit: 'ms', target: 3000, skipped },
      { bench: 'attachments.pdf_bytes_per_page', value: Number.NaN, unit: 'KB', target: 500, skipped },
    ];
  }
  const backend = saneTestBackend();
  try {
    const world = attachmentWorld();
    const scanner = {
      adapter: 'sane' as const,
      device: TEST_SCANNER,
      command: 'scanimage',
      resolution: 200,
      colour: 'grey' as const,
      source: 'flatbed' as const,
      timeoutSeconds: 60,
    };
    const service = createAttachmentService({
      config: attachmentsConfigSchema.parse({ scanner, maxTotalMb: 50 }),
      scanner: createSaneScanner({ config: scanner, env: { ...process.env, ...backend.env } }),
      flows: () => world.flows,
      visit: world.visit,
      logger: world.logger,
      author: 'Benchmark',
    });
    const times: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      // a fresh attachment per scan (the field takes 3 pages at most); its preview is the answer
      const res = await service.handlers['attachments.scan']({ flowId: 'bilagor', fieldId: 'kvitton' });
      times.push(performance.now() - start);
      ids.push(res.attachmentId);
      if (ids.length === 2) {
        // the field takes two attachments: start over, as the next visitor would
        await world.visit.reset('finished');
        ids.length = 0;
      }
    }
    // the PDF of three pages of the same attachment
    await service.handlers['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    const attachment = service.summaries('bilagor').find((a) => a.fieldId === 'intyg')!.id;
    await service.handlers['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: attachment });
    await service.handlers['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: attachment });
    const [pdf] = await service.documents(world.flow, { intyg: [attachment] }, 'K7-4F9Q-2');
    await world.visit.reset('finished');
    times.sort((a, b) => a - b);
    return [
      {
        bench: 'attachments.scan_to_preview_p95',
        value: round(quantile(times, 0.95)),
        unit: 'ms',
        target: 3000,
        p50: round(quantile(times, 0.5)),
        max: round(Math.max(...times)),
        runs: RUNS,
        dpi: 200,
      },
      {
        bench: 'attachments.pdf_bytes_per_page',
        value: round((pdf?.bytes.length ?? Number.NaN) / 3 / KB),
        unit: 'KB',
        target: 500,
        pages: 3,
        dpi: 200,
        colour: 'grey',
      },
    ];
  } finally {
    backend.remove();
  }
}
