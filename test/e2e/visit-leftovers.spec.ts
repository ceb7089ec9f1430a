/**
 * Nothing a visitor typed stays on the kiosk — including in the browser. Chromium runs on a profile of
 * its own on disk (as `npm start`'s Chromium does), with its temp folder beside it. After a paper-route
 * visit with distinctive typed values, and after a normal BankID visit, the browser is closed (so it
 * writes everything it keeps: Web Data, Local Storage, Session Storage, IndexedDB, cache, session
 * restore) and the data folder, the logs, the temp folders and that profile are searched byte for byte
 * in UTF-8 and UTF-16: zero hits. The delivered case goes to the municipality's folder, outside.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { chromiumLaunchOptions } from './support/browser';
import { cupsSkipReason, lpHomeWithReadableOutput, printedPdfSince, QUEUE } from './support/cups-pdf';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import {
  beginService,
  choose,
  CONFIG,
  expectReceipt,
  expectStep,
  finishVisit,
  h1,
  next,
  openKiosk,
  openService,
} from './support/journey';
import { filesUnder, findLeftovers } from './support/leftovers';
import { answerForskolaStartToSchema, tickParkeringDeclarations } from './support/service-steps';

test.describe.configure({ timeout: 180_000 });

const ANNA = '199001012385';
let outside: string;
test.beforeEach(() => {
  // the municipality's side: where delivered cases go (not the kiosk's disk for this search)
  outside = mkdtempSync(path.join(os.tmpdir(), 'kiosk-municipality-'));
});
test.afterEach(() => rmSync(outside, { recursive: true, force: true }));

function config(extra = ''): string {
  // the journeys' delivery target as a plain envelope (readable, unlike an FGS zip) in a folder outside the host's
  const target = /local: \{ type: directory[^}]*\}/;
  expect(CONFIG).toMatch(target);
  return `${CONFIG.replace(target, `local: { type: directory, format: envelope, dir: ${JSON.stringify(outside)} }`)}
${extra}`;
}

/** Chromium with its profile and temp folder inside the host's folder, as a kiosk's browser on disk. */
async function kioskBrowser(host: TestHost): Promise<{ context: BrowserContext; page: Page; profile: string }> {
  const profile = path.join(host.dir, 'chromium-profile');
  const tmp = path.join(host.dir, 'chromium-tmp');
  mkdirSync(tmp, { recursive: true });
  const launch = chromiumLaunchOptions();
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    env: { ...process.env, TMPDIR: tmp },
    viewport: { width: 1080, height: 1400 },
    locale: 'sv-SE',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profile };
}

/** The search is meaningful: the host wrote its log and database, Chromium its profile. */
function expectSearchable(host: TestHost, profile: string): void {
  const files = filesUnder(host.dir);
  expect(files.some((f) => f.includes('/logs/'))).toBe(true);
  expect(files.some((f) => /\.(sqlite|db)3?$/.test(f))).toBe(true);
  for (const kept of ['Default/Preferences', 'Default/Web Data'])
    expect(existsSync(path.join(profile, kept)), kept).toBe(true);
}

test('after a paper-route visit nothing typed is in the data folder, logs, temp folders or the Chromium profile', async ({
  startHost,
}) => {
  const skip = cupsSkipReason();
  test.skip(skip !== null, `paper route through CUPS: ${skip ?? ''}`);
  const lpHome = lpHomeWithReadableOutput();
  try {
    const host = await startHost(config(`printing:\n  adapter: cups\n  printer: ${QUEUE}\n`), { HOME: lpHome.home });
    const { context, page, profile } = await kioskBrowser(host);
    const child = '201903142386';
    const typed = {
      name: 'Qwilla Zebrastrand',
      email: 'qwilla.hemlig@exempel.se',
      phone: '070-111 22 33',
      answer: 'Kodordet är Xylofonkvark-8812',
    };
    await openKiosk(page, host);
    await page.getByTestId('begin').click();
    await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
    await page.getByTestId('paper-continue').click();
    await page.locator('[data-service="forskoleplats"]').click();
    await beginService(page);
    await expectStep(page, 'Barnet');
    await page.getByLabel('Vilket barn gäller ansökan?').fill(child);
    await next(page);
    await answerForskolaStartToSchema(page, { moreToKnow: typed.answer });
    await page.getByRole('textbox', { name: 'Ditt namn', exact: true }).fill(typed.name);
    await page.getByLabel('E-postadress').fill(typed.email);
    await page.getByLabel('Telefonnummer').fill(typed.phone);
    await choose(page, 'Har barnet en vårdnadshavare till?', 'Nej');
    await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
    await next(page);
    await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
    const since = Date.now();
    await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
    await expect(h1(page)).toHaveText('Blanketten skrivs ut', { timeout: 30_000 });
    const printout = await printedPdfSince(since, 'Blankett forskoleplats');
    if (printout) rmSync(printout, { force: true });
    await page.getByTestId('paper-finish').click();
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    await context.close();

    expectSearchable(host, profile);
    const needles = [
      child,
      child.slice(2),
      '20190314-2386',
      typed.name,
      'Zebrastrand',
      typed.email,
      '0701112233',
      typed.phone,
      'Xylofonkvark-8812',
    ];
    expect(findLeftovers([host.dir, lpHome.home], needles)).toEqual([]);
    // and the paper route left no line that dates it (it is counted per day, logged once the day is over)
    const log = readFileSync(path.join(host.dataDir, 'logs', 'kiosk.log'), 'utf8');
    for (const trace of ['paper route', 'paper-route', 'protected', 'print job sent', 'Blankett forskoleplats'])
      expect(log, trace).not.toContain(trace);
  } finally {
    lpHome.remove();
  }
});

test('after a BankID visit the answers typed are nowhere on the kiosk, the browser profile included', async ({
  startHost,
}) => {
  const host = await startHost(config());
  const sim = bankIdSimulator(host);
  const { context, page, profile } = await kioskBrowser(host);
  const typed = { phone: '070-913 57 24', disability: 'Knäet heter Zorbagunnar och gnisslar 7719' };
  await openKiosk(page, host);
  await openService(page, 'parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await beginService(page);
  await scanQr(page, sim, { personalNumber: ANNA });
  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Passagerare – någon annan kör mig');
  await next(page);
  await expectStep(page, 'Dina uppgifter');
  await page.getByLabel('Telefonnummer').fill(typed.phone);
  await next(page);
  await expectStep(page, 'Om dig som passagerare');
  await choose(page, 'Behöver du förarens hjälp även när du har kommit ur bilen?', 'Nej');
  await choose(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?', 'Ja');
  await next(page);
  await expectStep(page, 'Ditt behov');
  await page.getByLabel('Beskriv din funktionsnedsättning').fill(typed.disability);
  await page.getByLabel('Hur långt kan du gå utan att stanna').selectOption({ label: '25–100 meter' });
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', 'Längre än två år eller bestående');
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Nej');
  await next(page);
  await expectStep(page, 'Intyga och skicka');
  await tickParkeringDeclarations(page);
  await next(page);
  await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
  await scanQr(page, sim, { personalNumber: ANNA });
  await expectReceipt(page, 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await finishVisit(page);
  await context.close();

  expectSearchable(host, profile);
  // the case did reach the municipality, with what was typed
  expect(findLeftovers([outside], ['Zorbagunnar'])).not.toEqual([]);
  expect(findLeftovers([host.dir], ['Zorbagunnar', 'gnisslar 7719', typed.phone, '0709135724'])).toEqual([]);
});
