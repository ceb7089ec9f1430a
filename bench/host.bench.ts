/**
 * Host cold start to an interactive start screen in Chromium, and the size of the renderer's initial
 * JavaScript and CSS (gzip). Needs `npm run build` first.
 *
 * host.cold_start_to_interactive: from spawning a new host process (`node out/host/cli.js`, embedded
 * defaults, its own data folder) to the start screen's "Börja" button painted and enabled in Chromium.
 * The browser's window is already open on a blank page, as the kiosk's browser waits for the kiosk
 * (creating a browser tab is Chromium's cost, not the kiosk's). The moment of paint is taken inside the
 * page (a MutationObserver, then the next animation frame) on the machine's clock, not by polling from
 * outside, which under load adds its own delay.
 *
 * The first start on a new data folder also creates the simulators' test certificates and fills
 * Node's compile cache; it is reported on its own (`firstStart`), and the figure is the median of the
 * starts after it — the kiosk's every morning.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/support/browser';
import type { Figure } from './run';
import { median } from './statistics';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 7;

/**
 * In the page before any of the kiosk's own scripts: the epoch time (ms, sub-ms precision) of the first
 * frame painted after the start button exists and is enabled. A string, so no bundler helper sneaks in.
 */
const PAINT_PROBE = `(() => {
  const done = () => {
    const b = document.querySelector('[data-testid="begin"]');
    return b && !b.disabled && b.getClientRects().length > 0;
  };
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__beginPaintedAt = performance.timeOrigin + performance.now(); }, 0));
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, attributes: true }));
})()`;

async function startOnce(browser: Browser, config: string): Promise<{ total: number; hostReady: number }> {
  const page = await browser.newPage();
  await page.addInitScript(PAINT_PROBE);
  await page.goto('about:blank');
  // let the new tab's renderer process settle first: on a kiosk the window has long been open
  await new Promise((r) => setTimeout(r, 1000));
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['out/host/cli.js', '--config', config], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Kommunkiosk host: (\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (c) => reject(new Error(`host exited ${c}`)));
    });
    const readyAt = performance.timeOrigin + performance.now();
    await page.goto(url);
    // (polled from outside: the kiosk's CSP refuses waitForFunction's string evaluation)
    let paintedAt: number | undefined;
    for (let i = 0; i < 600 && !paintedAt; i += 1) {
      paintedAt = (await page.evaluate('window.__beginPaintedAt')) as number | undefined;
      if (!paintedAt) await new Promise((r) => setTimeout(r, 50));
    }
    if (!paintedAt) throw new Error('the start screen did not become interactive within 30 s');
    return { total: paintedAt - spawnedAt, hostReady: readyAt - spawnedAt };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    await page.close();
  }
}

function initialAssets(): { js: number; css: number } {
  const html = readFileSync(path.join(root, 'out/renderer/index.html'), 'utf8');
  // the entry script, its module preloads and the style sheet: what the start screen loads before it can paint
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1] as string);
  let js = 0;
  let css = 0;
  for (const ref of refs) {
    const size = gzipSync(readFileSync(path.join(root, 'out/renderer', ref))).byteLength;
    if (ref.endsWith('.js')) js += size;
    if (ref.endsWith('.css')) css += size;
  }
  // the host client is part of the initial load in the browser host (the preload, in Electron)
  const client = gzipSync(readFileSync(path.join(root, 'out/host-client/client.js'))).byteLength;
  return { js: js + client, css };
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  const config = path.join(dir, 'config.yaml');
  // the embedded simulators, as `npm start` runs them (a config file is production unless it says demo)
  writeFileSync(config, `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\n`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const first = await startOnce(browser, config);
    const runs: Array<{ total: number; hostReady: number }> = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await startOnce(browser, config));
    const { js, css } = initialAssets();
    const files = readdirSync(path.join(root, 'out/renderer/assets')).length;
    return [
      {
        bench: 'host.cold_start_to_interactive',
        value: Math.round(median(runs.map((r) => r.total))),
        unit: 'ms',
        target: 1000,
        hostReady: Math.round(median(runs.map((r) => r.hostReady))),
        runs: runs.map((r) => Math.round(r.total)),
        firstStart: Math.round(first.total),
        note: `median of ${RUNS}: host process spawned to the start button painted in Chromium (window already open); hostReady = spawn to the host printing its URL; firstStart = the first start on a new data folder (test certificates made)`,
      },
      { bench: 'renderer.initial_js_css_gzip', value: js + css, unit: 'bytes', target: 200_000, js, css, files },
    ];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
