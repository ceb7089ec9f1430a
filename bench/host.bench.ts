/**
 * Host cold start to an interactive start screen in Chromium, and the size of the renderer's
 * initial JavaScript and CSS (gzip). Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/support/browser';
import type { Figure } from './run';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function coldStart(): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, `dataDir: ${JSON.stringify(path.join(dir, 'data'))}\n`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['out/host/cli.js', '--config', config], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Kommunkiosk host: (\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (c) => reject(new Error(`host exited ${c}`)));
    });
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('begin').waitFor({ state: 'visible' });
    const ms = performance.now() - started;
    child.kill('SIGTERM');
    return ms;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function initialAssets(): { js: number; css: number } {
  const html = readFileSync(path.join(root, 'out/renderer/index.html'), 'utf8');
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
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(await coldStart());
  runs.sort((a, b) => a - b);
  const { js, css } = initialAssets();
  const assets = readdirSync(path.join(root, 'out/renderer/assets')).length;
  return [
    { bench: 'host.cold_start_to_interactive', value: Math.round(runs[1] as number), unit: 'ms', target: 1000, runs: runs.map(Math.round), note: 'median of 3: host process spawn (node out/host/cli.js) to the start screen interactive in an already running Chromium' },
    { bench: 'renderer.initial_js_css_gzip', value: js + css, unit: 'bytes', target: 200_000, js, css, files: assets },
  ];
}
