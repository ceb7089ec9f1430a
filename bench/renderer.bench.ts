/**
 * Renderer benchmark, through the real host in Chromium:
 *
 *  - renderer.step_render_100_fields: from tapping Nästa on a one-question step to all 100 fields of the
 *    next step being in the DOM (ms, median of RUNS; p95 alongside). Includes core's `flows.validate`
 *    round trip over the bridge, as the visitor experiences it.
 *
 *  - with Chromium's CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), as on a small fanless kiosk
 *    PC, p95 of each: renderer.step_paint_100_fields_4x_cpu_p95, tap → the first frame painted with the
 *    step on screen (target 100 ms); renderer.step_render_100_fields_4x_cpu_p95, tap → all 100 fields in
 *    the DOM (a long step is mounted a screenful per frame: useProgressiveFields.ts);
 *    renderer.step_longest_task_100_fields_4x_cpu_p95, the longest main-thread task in between, which is
 *    how long a tap meanwhile could wait (target 100 ms).
 *
 *  - renderer.typing_100_fields_4x_cpu_p95: typing in a text field of that step, throttled 4×: key down
 *    → the next frame painted (p95, target 100 ms).
 *
 * A synthetic flow with a mix of every input type is written to a temporary flows folder named in the
 * host's config (`flows.dirs`). Needs `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/support/browser';
import { repoRoot, startTestHost } from '../test/e2e/support/host';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const RUNS = 15;
const FIELDS = 100;
const FLOW_ID = 'bench-many-fields';

const text = (sv: string) => ({ sv, en: sv });

/** 100 fields cycling through every input type (info and stop excluded: they hold no input). */
function manyFields(): unknown[] {
  const kinds = [
    'text',
    'textarea',
    'number',
    'date',
    'email',
    'phone',
    'personnummer',
    'postalCode',
    'address',
    'radio',
    'checkboxes',
    'select',
    'yesno',
    'consent',
  ];
  const options = [1, 2, 3, 4].map((n) => ({ value: `o${n}`, label: text(`Alternativ ${n}`) }));
  return Array.from({ length: FIELDS }, (_, i) => {
    const type = kinds[i % kinds.length] as string;
    const base = { id: `f${i}`, type, label: text(`Fråga ${i + 1}`), help: text(`Hjälptext till fråga ${i + 1}.`) };
    return ['radio', 'checkboxes', 'select'].includes(type) ? { ...base, options } : base;
  });
}

function benchFlow(): unknown {
  return {
    id: FLOW_ID,
    version: 1,
    title: text('Benchmark med många fält'),
    description: text('Ett syntetiskt flöde för att mäta hur snabbt ett steg ritas.'),
    category: 'Benchmark',
    identification: 'none',
    steps: [
      { id: 'first', title: text('Första steget'), fields: [{ id: 'ready', type: 'yesno', label: text('Redo?') }] },
      { id: 'many', title: text('Hundra fält'), fields: manyFields() },
    ],
    paper: { handIn: text('Lämna i receptionen.') },
  };
}

/**
 * Runs in the page (a string, so no bundler helper sneaks in): tap Nästa, resolve with the times from
 * the tap to the first frame painted with the big step on screen (`painted`) and to every field of it
 * being in the DOM (`all`; a long step is mounted a screenful per frame), and the longest main-thread
 * task in between (Long Tasks API: only tasks over 50 ms are reported, so 0 means none was).
 */
const MEASURE_NEXT = `new Promise((resolve, reject) => {
  const all = () => document.querySelectorAll('[data-step="many"] .step-form > .field').length >= ${FIELDS};
  const t0 = performance.now();
  let painted = null;
  let allMs = null;
  let longest = 0;
  let framing = false;
  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime + e.duration >= t0) longest = Math.max(longest, e.duration);
  });
  tasks.observe({ type: 'longtask' });
  const timer = setTimeout(() => reject(new Error('the ${FIELDS}-field step did not appear within 10 s')), 10000);
  const done = () => {
    if (painted === null || allMs === null) return;
    observer.disconnect();
    clearTimeout(timer);
    // the last task's entry is queued after it ends
    setTimeout(() => {
      for (const e of tasks.takeRecords()) if (e.startTime + e.duration >= t0) longest = Math.max(longest, e.duration);
      tasks.disconnect();
      resolve({ painted, all: allMs, longest });
    }, 100);
  };
  const observer = new MutationObserver(() => {
    if (!framing && document.querySelector('[data-step="many"]')) {
      framing = true;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { painted = performance.now() - t0; done(); };
        channel.port2.postMessage(null);
      });
    }
    if (allMs === null && all()) { allMs = performance.now() - t0; done(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  document.querySelector('[data-testid="step-next"]').click();
})`;

interface StepTimes {
  painted: number;
  all: number;
  longest: number;
}

/** In the page: for every key pressed, the time from keydown to after the next frame's paint. */
const INSTALL_KEY_RECORDER = `(() => {
  window.__keyLatencies = [];
  document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keyLatencies.push(performance.now() - t0);
      channel.port2.postMessage(null);
    });
  }, true);
})()`;

export async function run(): Promise<Figure[]> {
  if (
    !existsSync(path.join(repoRoot, 'out', 'host', 'cli.js')) ||
    !existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html'))
  ) {
    throw new Error('renderer bench: the built app is missing; run `npm run build` first');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-renderer-'));
  const flowsDir = path.join(dir, 'flows');
  mkdirSync(flowsDir);
  // JSON is YAML
  writeFileSync(path.join(flowsDir, `${FLOW_ID}.yaml`), JSON.stringify(benchFlow(), null, 2));
  const host = await startTestHost(
    `kiosk:\n  id: bench-kiosk\nflows:\n  dirs: [${JSON.stringify(flowsDir)}]\nsession:\n  idleSeconds: 3600\n`,
  );
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } });
    await page.goto(host.url);
    await page.getByTestId('begin').click();
    await page.locator(`[data-service="${FLOW_ID}"]`).click();
    await page.getByTestId('intro-begin').click();
    await page.locator('[data-step="first"]').waitFor();

    // unthrottled, then as a kiosk-class CPU: Chromium's CPU throttling 4× (CDP)
    const cdp = await page.context().newCDPSession(page);
    const measure = async (): Promise<{ painted: number[]; all: number[]; longest: number[] }> => {
      const runs: StepTimes[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        runs.push((await page.evaluate(MEASURE_NEXT)) as StepTimes);
        await page.getByTestId('step-back').click();
        await page.locator('[data-step="first"]').waitFor();
      }
      const sorted = (k: keyof StepTimes) => runs.map((r) => r[k]).sort((a, b) => a - b);
      return { painted: sorted('painted'), all: sorted('all'), longest: sorted('longest') };
    };
    const durations = (await measure()).all;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled = await measure();
    // typing on the 100-field step, throttled: key down → the next frame painted, per keystroke
    await page.locator('[data-testid="step-next"]').click();
    await page.locator('[data-step="many"]').waitFor();
    const field = page.locator('[data-step="many"] input[type="text"]').first();
    await field.click();
    await page.evaluate(INSTALL_KEY_RECORDER);
    await page.keyboard.type('Storgatan tolv i Småstad', { delay: 30 });
    await new Promise((r) => setTimeout(r, 300));
    const keys = ((await page.evaluate('window.__keyLatencies')) as number[]).sort((a, b) => a - b);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return [
      {
        bench: 'renderer.step_render_100_fields',
        value: round(quantile(durations, 0.5)),
        unit: 'ms',
        target: 500,
        p95: round(quantile(durations, 0.95)),
        runs: RUNS,
      },
      {
        bench: 'renderer.step_paint_100_fields_4x_cpu_p95',
        value: round(quantile(throttled.painted, 0.95)),
        unit: 'ms',
        target: 100,
        p50: round(quantile(throttled.painted, 0.5)),
        max: round(throttled.painted.at(-1) ?? Number.NaN),
        runs: RUNS,
        cpuThrottling: 4,
        note: 'tap Nästa → the first frame painted with the 100-field step on screen (its first fields)',
      },
      {
        bench: 'renderer.step_render_100_fields_4x_cpu_p95',
        value: round(quantile(throttled.all, 0.95)),
        unit: 'ms',
        p50: round(quantile(throttled.all, 0.5)),
        max: round(throttled.all.at(-1) ?? Number.NaN),
        runs: RUNS,
        cpuThrottling: 4,
        note: 'tap Nästa → all 100 fields in the DOM (mounted a screenful per frame after the first paint)',
      },
      {
        bench: 'renderer.step_longest_task_100_fields_4x_cpu_p95',
        value: round(quantile(throttled.longest, 0.95)),
        unit: 'ms',
        target: 100,
        p50: round(quantile(throttled.longest, 0.5)),
        max: round(throttled.longest.at(-1) ?? Number.NaN),
        runs: RUNS,
        cpuThrottling: 4,
        note: 'the longest main-thread task from the tap until every field is in the DOM: how long a tap then waits at most (Long Tasks API, 0 = none over 50 ms)',
      },
      {
        bench: 'renderer.typing_100_fields_4x_cpu_p95',
        value: round(quantile(keys, 0.95)),
        unit: 'ms',
        target: 100,
        p50: round(quantile(keys, 0.5)),
        max: round(keys.at(-1) ?? Number.NaN),
        keys: keys.length,
        cpuThrottling: 4,
        note: 'key down in a text field of the 100-field step → the next frame painted',
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
