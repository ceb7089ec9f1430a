/**
 * Interaction latency on every screen of every shipped journey: tap or key → the next frame painted,
 * as the visitor feels it, unthrottled and with Chromium's CPU throttled 4× (CDP
 * Emulation.setCPUThrottlingRate) as on a small fanless kiosk PC.
 *
 * The journeys are the ones the axe and layout suites walk (test/e2e/support/every-screen.ts): the
 * kiosk's own screens (start, accessibility statement, help, catalogue), parkeringstillstånd with BankID
 * sign-in and signing, förskoleplats, support, felanmälan and the paper route, through the real host with
 * its embedded simulators (the BankID phone reads the QR off the screen). In the page, every `click`
 * and `keydown` is timed from the event's time stamp to after the next frame (requestAnimationFrame,
 * then a message: the frame has been produced), and filed under the screen's heading at that moment.
 * Text typed with Playwright's `fill` makes no key events; typing is measured by the renderer bench.
 * Each journey starts in a fresh page load, so each one meets its screens for the first time in that page
 * (the first visitor after the kiosk started); the walk begins once the kiosk has loaded every screen's
 * code in the background (`data-screens-ready`), as a visitor arriving a moment after the start would.
 * Each line names its slowest interaction (`slowest`: click or key, and the element's test id).
 *
 * One line per screen and CPU rate (p95 as the value; p50, max and the number of interactions with
 * it), and the overall p95 per rate. Target: p95 < 100 ms for every interaction at 4×.
 * Needs `npm run build` first.
 */
import { chromium, type Page } from 'playwright-core';
import { walkCameraLaunchOptions } from '../test/e2e/support/camera';
import {
  walkFelanmalan,
  walkForskola,
  walkKioskScreens,
  walkPaperRoute,
  walkParkering,
  walkSupport,
} from '../test/e2e/support/every-screen';
import { startTestHost, type TestHost } from '../test/e2e/support/host';
import { openKioskWaitsForScreens } from '../test/e2e/support/journey';
import { A11Y_CONFIG } from '../test/e2e/support/a11y-modes';
import type { Figure } from './run';
import { allowSlowScreens } from './expect-timeout';
import { quantile, round } from './statistics';

/** Runs in every document before the kiosk's own scripts (a string, so no bundler helper sneaks in). */
const RECORDER = `(() => {
  window.__interactions = [];
  const heading = () => (document.querySelector('h1')?.textContent ?? '(no heading)').trim().replace(/\\s+/g, ' ').slice(0, 70);
  for (const type of ['click', 'keydown']) {
    addEventListener(type, (e) => {
      if (!e.isTrusted) return;
      const t0 = e.timeStamp;
      const screen = heading();
      const el = e.target instanceof Element ? e.target : null;
      const target = el?.closest('[data-testid]')?.getAttribute('data-testid') ?? el?.closest('[id]')?.id ?? el?.tagName.toLowerCase() ?? '?';
      const key = type === 'keydown' ? ' ' + e.key : '';
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__interactions.push({ screen, type, target: target + key, ms: performance.now() - t0 });
        channel.port2.postMessage(null);
      });
    }, true);
  }
})()`;

interface Interaction {
  screen: string;
  type: string;
  /** The element tapped or typed in (its data-testid or id) and the key: which interaction was slowest. */
  target: string;
  ms: number;
}

const WALKS = [walkKioskScreens, walkParkering, walkForskola, walkSupport, walkFelanmalan, walkPaperRoute];

/** Walks every journey once at `rate`, collecting the interactions of each page load. */
async function walkAll(page: Page, host: TestHost, rate: number): Promise<Interaction[]> {
  const cdp = await page.context().newCDPSession(page);
  const collected: Interaction[] = [];
  const drain = async (): Promise<void> => {
    // the last tap's frame: wait for it to be recorded before reading
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))');
    const list = (await page.evaluate('window.__interactions.splice(0)')) as Interaction[] | null;
    collected.push(...(list ?? []));
    // a new document (openKiosk loads the page) is a new renderer state: throttle it again
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  };
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  for (const walk of WALKS) {
    // each journey in a fresh page load, as the e2e suites walk them (the host's URL carries its token in
    // the fragment, so going to it from the same URL would not load the page again)
    await page.goto('about:blank');
    await walk(page, host, async () => drain());
    await drain();
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return collected;
}

function figures(all: Interaction[], rate: number): Figure[] {
  const byScreen = new Map<string, number[]>();
  const slowest = new Map<string, Interaction>();
  for (const i of all) {
    byScreen.set(i.screen, [...(byScreen.get(i.screen) ?? []), i.ms]);
    if ((slowest.get(i.screen)?.ms ?? -1) < i.ms) slowest.set(i.screen, i);
  }
  const lines: Figure[] = [];
  const suffix = rate === 1 ? '' : `_${rate}x_cpu`;
  for (const [screen, values] of [...byScreen].sort((a, b) => a[0].localeCompare(b[0], 'sv'))) {
    const sorted = [...values].sort((a, b) => a - b);
    lines.push({
      bench: `interaction.screen${suffix}_p95`,
      screen,
      value: round(quantile(sorted, 0.95)),
      unit: 'ms',
      ...(rate === 1 ? {} : { target: 100 }),
      p50: round(quantile(sorted, 0.5)),
      max: round(sorted.at(-1) ?? Number.NaN),
      slowest: `${slowest.get(screen)?.type} ${slowest.get(screen)?.target}`,
      interactions: sorted.length,
      cpuThrottling: rate,
    });
  }
  const sorted = all.map((i) => i.ms).sort((a, b) => a - b);
  const worst = lines.reduce<Figure | null>((w, l) => (w === null || l.value > w.value ? l : w), null);
  lines.push({
    bench: `interaction.all${suffix}_p95`,
    value: round(quantile(sorted, 0.95)),
    unit: 'ms',
    ...(rate === 1 ? {} : { target: 100 }),
    p50: round(quantile(sorted, 0.5)),
    max: round(sorted.at(-1) ?? Number.NaN),
    interactions: sorted.length,
    screens: byScreen.size,
    worstScreen: worst?.screen,
    cpuThrottling: rate,
    note: 'click or keydown → the next frame, every screen of every shipped journey',
  });
  return lines;
}

export async function run(): Promise<Figure[]> {
  allowSlowScreens(30_000);
  openKioskWaitsForScreens(true);
  // the every-screen suites' config (the scanner on SANE's test backend, a QR that waits for a slow
  // phone); the paper route prints into the host's own temporary data folder
  const host = await startTestHost(
    `${A11Y_CONFIG.replace('idleSeconds: 600', 'idleSeconds: 3600')}printing:\n  folderAllowPersonalData: true\n`,
  );
  // the walk photographs a page too: Chromium's fake camera, fed with the walk suites' paper video
  const browser = await chromium.launch(walkCameraLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1400 } });
    await context.addInitScript(RECORDER);
    const page = await context.newPage();
    const out: Figure[] = [];
    for (const rate of [1, 4]) out.push(...figures(await walkAll(page, host, rate), rate));
    return out;
  } finally {
    await browser.close();
    await host.stop();
  }
}
