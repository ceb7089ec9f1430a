/**
 * Printing, through the real host in Chromium and the real CUPS queue (`kiosk-pdf`, cups-pdf):
 *
 *  - printing.tap_to_cups_accepted_p95: on the paper route's review, tap "Skriv ut blanketten" → the
 *    "Blanketten skrivs ut" screen painted. Core shows that screen only once `lp` has returned CUPS's
 *    "request id is …", i.e. the scheduler has accepted the job; so the figure is tap → job accepted by
 *    CUPS, as the visitor sees it (blankett made, sent to lp, accepted, screen painted). p95 of RUNS,
 *    p50 and max alongside.
 *
 * Each visit: "Jag har skyddad identitet" → a one-question e-service → review → print → "Avsluta".
 * The printouts (cups-pdf's PDFs) are deleted at the end. Needs `npm run build` and
 * .ci/install-cups.sh (skipped with a NaN figure and the reason otherwise).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/support/browser';
import {
  cupsPdfNamePrefix,
  cupsPdfOutputDir,
  cupsSkipReason,
  lpHomeWithReadableOutput,
  printedPdfSince,
  QUEUE,
} from '../test/e2e/support/cups-pdf';
import { startTestHost } from '../test/e2e/support/host';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const RUNS = Number(process.env.BENCH_PRINT_RUNS ?? 12);
const FLOW_ID = 'bench-print';
const text = (sv: string) => ({ sv, en: sv });

const FLOW = {
  id: FLOW_ID,
  version: 1,
  title: text('Benchmark utskrift'),
  description: text('Ett flöde med en fråga, för att mäta utskriften.'),
  category: 'Benchmark',
  identification: 'none',
  steps: [{ id: 'only', title: text('Frågan'), fields: [{ id: 'name', type: 'text', label: text('Ditt namn') }] }],
  paper: { handIn: text('Lämna i receptionen.') },
};

/** In the page: tap print, resolve with ms until the next frame after the printed screen's heading. */
const MEASURE_PRINT = `new Promise((resolve, reject) => {
  const done = () => document.querySelector('h1')?.textContent?.trim() === 'Blanketten skrivs ut';
  const timer = setTimeout(() => reject(new Error('the printed screen did not come within 30 s')), 30000);
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Skriv ut blanketten');
  const started = performance.now();
  button.click();
})`;

export async function run(): Promise<Figure[]> {
  const skip = cupsSkipReason();
  if (skip) {
    return [{ bench: 'printing.tap_to_cups_accepted_p95', value: Number.NaN, unit: 'ms', target: 2000, note: skip }];
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-print-'));
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', `${FLOW_ID}.yaml`), JSON.stringify(FLOW));
  const lpHome = lpHomeWithReadableOutput();
  const started = Date.now();
  const host = await startTestHost(
    `kiosk:\n  municipality:\n    name: Testby kommun\nflows:\n  dirs: [${JSON.stringify(path.join(dir, 'flows'))}]\nprinting:\n  adapter: cups\n  printer: ${QUEUE}\n`,
    {
      HOME: lpHome.home,
      ...(process.env.BENCH_HOST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HOST_NODE_OPTIONS } : {}),
    },
  );
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } });
    await page.goto(host.url);
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      await page.getByTestId('begin').click();
      await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
      await page.getByTestId('paper-continue').click();
      await page.locator(`[data-service="${FLOW_ID}"]`).click();
      await page.getByTestId('intro-begin').click();
      await page.getByRole('textbox', { name: 'Ditt namn' }).fill('Bench Utskrift');
      await page.getByTestId('step-next').click();
      await page.getByRole('button', { name: 'Skriv ut blanketten' }).waitFor();
      const ms = (await page.evaluate(MEASURE_PRINT)) as number;
      if (i > 0) times.push(ms); // the first print warms up lp, the fonts, the chunks
      await page.getByTestId('paper-finish').click();
      await page.getByTestId('begin').waitFor();
    }
    // the last job through cups-pdf, so that every printout can be deleted
    await printedPdfSince(started, `Blankett ${FLOW_ID}`);
    times.sort((a, b) => a - b);
    return [
      {
        bench: 'printing.tap_to_cups_accepted_p95',
        value: round(quantile(times, 0.95)),
        unit: 'ms',
        target: 2000,
        p50: round(quantile(times, 0.5)),
        max: round(times[times.length - 1] as number),
        runs: times.length,
        queue: QUEUE,
        note: 'tap "Skriv ut blanketten" → "Blanketten skrivs ut" painted, shown once lp returned CUPS\'s request id',
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
    const out = cupsPdfOutputDir();
    const prefix = cupsPdfNamePrefix(`Blankett ${FLOW_ID}`);
    try {
      for (const f of readdirSync(out)) {
        const file = path.join(out, f);
        if (f.startsWith(prefix) && statSync(file).mtimeMs >= started - 1000) rmSync(file, { force: true });
      }
    } catch {
      // no output folder: nothing printed
    }
    lpHome.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
