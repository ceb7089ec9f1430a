/**
 * Endurance: N complete visits (default 500; `npm run bench -- soak --visits 3000` for a night) through
 * the real host in ONE Chromium page, never reloaded (as a kiosk runs for weeks). The visits mix:
 *  - an e-service sent in (Swedish, and every fourth in English): start → catalogue → intro → step →
 *    review → "Skicka in" → receipt → "Avsluta"; the case goes through the queue to the local target;
 *  - the paper route printed (folder printer): "Jag har skyddad identitet" → … → "Skriv ut" → "Avsluta";
 *  - the paper route cancelled ("Avbryt" on its explanation);
 *  - every fifth visit a BankID e-service: sign-in by QR, a step, review, signing by QR, receipt — the
 *    simulator's phone reads each QR off the screen and scans it at once (the embedded BankID simulator
 *    and person register);
 *  - every 50th visit walks away mid-step and the kiosk's inactivity timeout ends it (30 s each).
 * At visit 10, 100, 250, 500 and every 500 after (and the last), after a garbage collection:
 *  - renderer: JS heap used, DOM nodes, event listeners (CDP Performance.getMetrics);
 *  - core (the host process, through its inspector): RSS, heap used;
 *  - the case database's file and WAL sizes, the log folder's size.
 * Figures: growth from visit 100 to the last (renderer heap < 2 MB, listeners and DOM nodes flat,
 * core RSS < 20 MB) and the WAL's size at the end. Not part of `npm test`; needs `npm run build`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { bankIdSimulator, scanQr, type SimulatorAccess } from '../test/e2e/support/bankid-phone';
import { chromiumLaunchOptions } from '../test/e2e/support/browser';
import { configWithSession } from '../test/e2e/support/journey';
import { startTestHost } from '../test/e2e/support/host';
import type { Figure } from './run';
import { allowSlowScreens } from './expect-timeout';
import { round } from './statistics';

const FLOW_ID = 'bench-soak';
const text = (sv: string) => ({ sv, en: `${sv} (en)` });
const FLOW = {
  id: FLOW_ID,
  version: 1,
  title: text('Benchmark besök'),
  description: text('Ett flöde med en fråga, för att mäta många besök.'),
  category: 'Benchmark',
  identification: 'none',
  steps: [{ id: 'only', title: text('Frågan'), fields: [{ id: 'what', type: 'text', label: text('Vad gäller det') }] }],
  paper: { handIn: text('Lämna i receptionen.') },
};

const SIGNED_FLOW_ID = 'bench-soak-bankid';
const SIGNED_FLOW = {
  ...FLOW,
  id: SIGNED_FLOW_ID,
  title: text('Benchmark med BankID'),
  identification: 'sign',
  steps: [{ id: 'only', title: text('Frågan'), fields: [{ id: 'what', type: 'text', label: text('Vad söker du') }] }],
};
const ANNA = '199001012385';

function visitsArg(): number {
  const i = process.argv.indexOf('--visits');
  const n = Number(i >= 0 ? process.argv[i + 1] : (process.env.BENCH_SOAK_VISITS ?? 500));
  return Number.isInteger(n) && n >= 10 ? n : 500;
}

function checkpoints(total: number): number[] {
  const points = [10, 100, 250, 500].filter((n) => n <= total);
  for (let n = 1000; n <= total; n += 500) points.push(n);
  if (!points.includes(total)) points.push(total);
  return points;
}

function sizeOf(p: string): number {
  try {
    const s = statSync(p);
    if (!s.isDirectory()) return s.size;
    return readdirSync(p).reduce((sum, f) => sum + sizeOf(path.join(p, f)), 0);
  } catch {
    return 0;
  }
}

/** The host's inspector: one call at a time over its WebSocket. */
async function inspector(
  wsUrl: string,
): Promise<{ call: (method: string, params?: object) => Promise<unknown>; close: () => void }> {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  return {
    call: (method, params = {}) =>
      new Promise((resolve) => {
        id += 1;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

async function submitVisit(page: Page, english: boolean): Promise<void> {
  if (english) await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('begin').click();
  await page.locator(`[data-service="${FLOW_ID}"]`).click();
  await page.getByTestId('intro-begin').click();
  await page.locator('[data-step="only"] input').fill('Trasig gatlykta');
  await page.getByTestId('step-next').click();
  await page.getByRole('button', { name: english ? 'Send' : 'Skicka in' }).click();
  await page.getByTestId('receipt-finish').click();
  await page.getByTestId('begin').waitFor();
}

async function bankIdVisit(page: Page, sim: SimulatorAccess): Promise<void> {
  // A visitor waiting for the phone does not touch the kiosk; on a busy machine the soak's short
  // inactivity time (for the walk-away visits) can run out meanwhile: they answer the warning
  const warning = page.getByTestId('inactivity-dialog');
  await page.addLocatorHandler(warning, async () => page.getByTestId('inactivity-stay').click());
  try {
    await signedVisit(page, sim);
  } finally {
    await page.removeLocatorHandler(warning);
  }
}

async function signedVisit(page: Page, sim: SimulatorAccess): Promise<void> {
  await page.getByTestId('begin').click();
  await page.locator(`[data-service="${SIGNED_FLOW_ID}"]`).click();
  await page.getByTestId('intro-begin').click();
  await scanQr(page, sim, { personalNumber: ANNA }, 12);
  await page.locator('[data-step="only"] input').fill('Parkeringstillstånd');
  await page.getByTestId('step-next').click();
  await page.getByTestId('review-submit').click();
  await scanQr(page, sim, { personalNumber: ANNA }, 12);
  await page.getByTestId('receipt-finish').click();
  await page.getByTestId('begin').waitFor();
}

async function paperVisit(page: Page, print: boolean): Promise<void> {
  await page.getByTestId('begin').click();
  await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
  if (!print) {
    await page.getByTestId('paper-cancel').click();
    await page.getByTestId('begin').waitFor();
    return;
  }
  await page.getByTestId('paper-continue').click();
  await page.locator(`[data-service="${FLOW_ID}"]`).click();
  await page.getByTestId('intro-begin').click();
  await page.locator('[data-step="only"] input').fill('Hemlig uppgift');
  await page.getByTestId('step-next').click();
  await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
  await page.getByTestId('paper-finish').click();
  await page.getByTestId('begin').waitFor();
}

async function walkAwayVisit(page: Page): Promise<void> {
  await page.getByTestId('begin').click();
  await page.locator(`[data-service="${FLOW_ID}"]`).click();
  await page.getByTestId('intro-begin').click();
  await page.locator('[data-step="only"] input').fill('Halvfärdigt');
  // idleSeconds 10 + warningSeconds 20: the kiosk ends the visit by itself
  await page.getByTestId('begin').waitFor({ timeout: 90_000 });
}

export async function run(): Promise<Figure[]> {
  allowSlowScreens(30_000);
  const visits = visitsArg();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-soak-'));
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', `${FLOW_ID}.yaml`), JSON.stringify(FLOW));
  writeFileSync(path.join(dir, 'flows', `${SIGNED_FLOW_ID}.yaml`), JSON.stringify(SIGNED_FLOW));
  const host = await startTestHost(
    `${configWithSession({ idleSeconds: 10, warningSeconds: 20 })}flows:\n  dirs: [${JSON.stringify(path.join(dir, 'flows'))}]\nprinting:\n  folderAllowPersonalData: true\n`,
    { NODE_OPTIONS: '--inspect=127.0.0.1:0' },
  );
  const wsUrl = /Debugger listening on (ws:\/\/\S+)/.exec(host.output())?.[1];
  if (!wsUrl) throw new Error('soak bench: the host did not open its inspector');
  const core = await inspector(wsUrl);
  const sim = bankIdSimulator(host);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const samples: Array<Record<string, number>> = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(host.url);
    await page.getByTestId('begin').waitFor();
    const points = new Set(checkpoints(visits));
    const started = performance.now();
    for (let v = 1; v <= visits; v += 1) {
      if (v % 50 === 0) await walkAwayVisit(page);
      else if (v % 5 === 0) await bankIdVisit(page, sim);
      else if (v % 4 === 0) await paperVisit(page, v % 8 === 0);
      else await submitVisit(page, v % 4 === 3);
      if (!points.has(v)) continue;
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      await core.call('HeapProfiler.collectGarbage');
      const mem = (await core.call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      })) as { result: { value: string } };
      const usage = JSON.parse(mem.result.value) as { rss: number; heapUsed: number };
      const sample = {
        visit: v,
        minutes: round((performance.now() - started) / 60_000, 1),
        rendererHeapMB: round((m.JSHeapUsedSize ?? 0) / 1e6, 2),
        domNodes: m.Nodes ?? 0,
        listeners: m.JSEventListeners ?? 0,
        coreRssMB: round(usage.rss / 1e6, 1),
        coreHeapMB: round(usage.heapUsed / 1e6, 2),
        sqliteKB: round(sizeOf(path.join(host.dataDir, 'cases.sqlite')) / 1024, 0),
        walKB: round(sizeOf(path.join(host.dataDir, 'cases.sqlite-wal')) / 1024, 0),
        logsKB: round(sizeOf(path.join(host.dataDir, 'logs')) / 1024, 0),
      };
      samples.push(sample);
      process.stderr.write(`soak ${JSON.stringify(sample)}\n`);
    }
    const from = samples.find((s) => s.visit === 100) ?? samples[0];
    const last = samples.at(-1);
    if (!from || !last) throw new Error('soak bench: no samples');
    const growth = (k: string) => round((last[k] ?? 0) - (from[k] ?? 0), 2);
    const extra = { visits, fromVisit: from.visit, samples };
    return [
      { bench: 'soak.renderer_heap_growth', value: growth('rendererHeapMB'), unit: 'MB', target: 2, ...extra },
      { bench: 'soak.renderer_dom_nodes_growth', value: growth('domNodes'), unit: 'nodes', target: 0, visits },
      { bench: 'soak.renderer_listeners_growth', value: growth('listeners'), unit: 'listeners', target: 0, visits },
      { bench: 'soak.core_rss_growth', value: growth('coreRssMB'), unit: 'MB', target: 20, visits },
      { bench: 'soak.core_heap_growth', value: growth('coreHeapMB'), unit: 'MB', visits },
      { bench: 'soak.sqlite_wal_size', value: last.walKB ?? 0, unit: 'KB', visits, sqliteKB: last.sqliteKB },
      { bench: 'soak.logs_size', value: last.logsKB ?? 0, unit: 'KB', visits },
      { bench: 'soak.minutes', value: last.minutes ?? 0, unit: 'min', target: 60, visits },
    ];
  } finally {
    core.close();
    await browser.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
