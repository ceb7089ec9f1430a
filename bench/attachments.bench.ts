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
 *  - attachments.capture_to_page_ms: the camera, in real Chromium through the host, its fake capture
 *    device fed with the e2e tests' paper video at 1920 × 1080 (test/e2e/support/camera.ts): "Ta bild" tapped → the
 *    page's edges found, the crop encoded as JPEG, sent to core, kept, and the page shown in the list
 *    (its preview decoded and the next frame painted). p95 of RUNS, p50, max and the page's size.
 *
 * The scanner's figures are skipped with NaN and the reason when scanimage is missing. Needs
 * `npm run build` first (the camera figure runs the built renderer).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { expect } from '@playwright/test';
import { createAttachmentService } from '../src/core/attachments/attachment-service';
import { attachmentsConfigSchema } from '../src/core/attachments/config';
import { createSaneScanner } from '../src/core/attachments/sane-scanner';
import { attachmentWorld } from '../test/unit/core/attachments/attachment-fixtures';
import { saneTestBackend, scanimageInstalled, TEST_SCANNER } from '../test/support/sane-test-backend';
import { cameraConfig, cameraLaunchOptions, writePaperVideo } from '../test/e2e/support/camera';
import { startTestHost } from '../test/e2e/support/host';
import { beginService, CONFIG, h1, openKiosk, openService } from '../test/e2e/support/journey';
import { allowSlowScreens } from './expect-timeout';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 20);
const KB = 1024;

/** A flow of one attachment field and nothing else (no e-ID): the attachment screen in two taps. */
const PHOTO_FLOW = `id: bilaga-foto
version: 1
title: { sv: Skicka en bilaga, en: Send an attachment }
description: { sv: En bilaga., en: An attachment. }
category: Test
identification: none
steps:
  - id: bilaga
    title: { sv: Bilaga, en: Attachment }
    fields:
      - id: bilaga
        type: attachment
        maxPages: 50
        label: { sv: Bilagan, en: The attachment }
        expected: { sv: Intyg, en: Certificate }
paper:
  handIn: { sv: I receptionen, en: At the reception }
`;

async function captureToPage(): Promise<Figure> {
  allowSlowScreens(30_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-camera-'));
  const video = path.join(dir, 'paper.y4m');
  // a full-HD document camera's picture: an A4 sheet of 680 × 960 px on the mat
  writePaperVideo(video, { x: 620, y: 60, width: 680, height: 960 }, 10, { width: 1920, height: 1080 });
  writeFileSync(path.join(dir, 'bilaga-foto.yaml'), PHOTO_FLOW);
  const host = await startTestHost(
    cameraConfig(`${CONFIG}flows:\n  dirs: [${JSON.stringify(dir)}]\n  enabled: [bilaga-foto]\n`),
  );
  const browser = await chromium.launch(cameraLaunchOptions(video));
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 }, locale: 'sv-SE' });
    await openKiosk(page, host);
    await openService(page, 'bilaga-foto', 'Skicka en bilaga');
    await beginService(page);
    await page.getByRole('button', { name: 'Lägg till Intyg' }).click();
    await expect(h1(page)).toHaveText('Lägg till Intyg');
    await page.getByTestId('camera-open').click();
    await expect(page.getByTestId('camera-capture')).toBeVisible();
    await expect
      .poll(() => page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    const times: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const shot = await page.evaluate(
        () =>
          new Promise<{ ms: number; bytes: number }>((resolve, reject) => {
            const list = document.querySelector('[data-testid="attachment-pages"]');
            const button = document.querySelector<HTMLElement>('[data-testid="camera-capture"]');
            if (!list || !button) return reject(new Error('no page list or capture button'));
            const before = list.children.length;
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              const added = list.children[before];
              const img = added?.querySelector('img');
              if (!img) return;
              observer.disconnect();
              void img
                .decode()
                .then(() =>
                  requestAnimationFrame(() =>
                    resolve({ ms: performance.now() - t0, bytes: Math.round(((img.src.length - 23) * 3) / 4) }),
                  ),
                );
            });
            observer.observe(list, { childList: true, subtree: true });
            button.click();
          }),
      );
      times.push(shot.ms);
      sizes.push(shot.bytes);
    }
    times.sort((a, b) => a - b);
    sizes.sort((a, b) => a - b);
    return {
      bench: 'attachments.capture_to_page_ms',
      value: round(quantile(times, 0.95)),
      unit: 'ms',
      target: 1000,
      p50: round(quantile(times, 0.5)),
      max: round(Math.max(...times)),
      runs: RUNS,
      pageKB: round(quantile(sizes, 0.5) / KB),
      frame: '1920x1080 fake camera, an A4 sheet of 680x960 px on a dark mat',
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  const camera = await captureToPage();
  return [...(await scannerFigures()), camera];
}

async function scannerFigures(): Promise<Figure[]> {
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
