/**
 * A shared kiosk forgets every visitor. Visitor A signs in with BankID (and, separately, gets as far
 * as signing the review); then the page is reloaded, closed and opened again, replaced by a second
 * page, or its renderer is killed. Visitor B must meet the start screen, must scan a new QR for any
 * BankID service, and the case B files carries B's identity only; A's pending order is cancelled at
 * the BankID simulator. And core ends a visit by itself when the renderer stops calling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { bankIdSimulator, readQr, scanQr, simRequest, type SimulatorAccess } from './support/bankid-phone';
import { deliveredEnvelope } from './support/delivered-cases';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import {
  beginService,
  configWithSession,
  expectReceipt,
  expectStep,
  h1,
  next,
  openKiosk,
  openService,
} from './support/journey';
import { answerParkeringAsPassenger, tickParkeringDeclarations } from './support/service-steps';

const ANNA = '199001012385';
const ERIK = '198504129803';
const PARKERING = 'Ansökan om parkeringstillstånd för rörelsehindrade';
const START = 'Välkommen till Testby kommun';

test.describe.configure({ timeout: 180_000 });

async function orders(sim: SimulatorAccess): Promise<Array<{ kind: string; status: string; cancelledByRp: boolean }>> {
  return (await simRequest(sim, 'GET', '/sim/orders')).json as Array<{
    kind: string;
    status: string;
    cancelledByRp: boolean;
  }>;
}

/** Parkeringstillstånd from the start screen to its BankID sign-in. */
async function toParkeringSignIn(page: Page, host: TestHost): Promise<void> {
  await openKiosk(page, host);
  await openService(page, 'parkeringstillstand', PARKERING);
  await beginService(page);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
}

/** Signed in, on to the review of Parkeringstillstånd (as a passenger). */
async function answerParkering(page: Page): Promise<void> {
  await answerParkeringAsPassenger(page);
  await tickParkeringDeclarations(page);
  await next(page);
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
}

/** The envelope of a case the kiosk delivered (the journeys' target writes FGS packages). */
async function deliveredCase(
  host: TestHost,
  reference: string,
): Promise<{ identification: unknown; signing: unknown }> {
  return deliveredEnvelope<{ reference: string; identification: unknown; signing: unknown }>(host.dataDir, reference);
}

type Way = 'reloaded' | 'closed and opened again' | 'replaced by a second page' | 'killed (renderer crash)';
const WAYS: Way[] = ['reloaded', 'closed and opened again', 'replaced by a second page', 'killed (renderer crash)'];

/** A's page goes away the given way; returns the page visitor B uses. */
async function pageGoesAway(way: Way, context: BrowserContext, page: Page, host: TestHost): Promise<Page> {
  switch (way) {
    case 'reloaded':
      await page.reload();
      return page;
    case 'closed and opened again': {
      await page.close();
      const again = await context.newPage();
      await again.goto(host.url);
      return again;
    }
    case 'replaced by a second page': {
      const second = await context.newPage();
      await second.goto(host.url);
      // the first page is told another window took over, and shows nothing of A any more
      await expect(page.getByTestId('superseded')).toBeVisible();
      await expect(page.locator('body')).not.toContainText('Anna');
      return second;
    }
    case 'killed (renderer crash)': {
      // the renderer process dies (Chromium's own crash switch); the crash never answers the call
      const crashed = page.waitForEvent('crash');
      const cdp = await context.newCDPSession(page);
      void cdp.send('Page.crash').catch(() => undefined);
      await crashed;
      const next = await context.newPage();
      await next.goto(host.url);
      return next;
    }
  }
}

/** Visitor B: the start screen, a new QR for a BankID service, and a case with B's identity only. */
async function visitorB(page: Page, host: TestHost, sim: SimulatorAccess): Promise<void> {
  await expect(h1(page)).toHaveText(START);
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Anna');
  await openService(page, 'parkeringstillstand', PARKERING);
  await beginService(page);
  // asked for a new QR: never "Inloggad som Anna"
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
  expect(await readQr(page)).toMatch(/^bankid\./);
  await scanQr(page, sim, { personalNumber: ERIK });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Erik');
  await answerParkering(page);
  await expect(page.locator('body')).not.toContainText('Anna');
  await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
  await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
  await scanQr(page, sim, { personalNumber: ERIK });
  const reference = await expectReceipt(page, PARKERING);
  const envelope = await deliveredCase(host, reference);
  expect(envelope.identification).toMatchObject({ personalNumber: ERIK, name: 'Erik Eriksson' });
  const text = JSON.stringify(envelope);
  expect(text).not.toContain(ANNA);
  expect(text).not.toContain('Anna');
}

for (const way of WAYS) {
  test(`A signed in, the page ${way}: B starts clean, scans a new QR, and B's case carries B only`, async ({
    page,
    context,
    host,
  }) => {
    const sim = bankIdSimulator(host);
    await toParkeringSignIn(page, host);
    await scanQr(page, sim, { personalNumber: ANNA });
    await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');
    await expectStep(page, 'Innan du börjar');
    const b = await pageGoesAway(way, context, page, host);
    await visitorB(b, host, sim);
  });

  test(`A at signing, the page ${way}: A's order is cancelled at BankID, and B starts clean`, async ({
    page,
    context,
    host,
  }) => {
    const sim = bankIdSimulator(host);
    await toParkeringSignIn(page, host);
    await scanQr(page, sim, { personalNumber: ANNA });
    await answerParkering(page);
    await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
    await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
    await readQr(page);
    await expect
      .poll(async () => (await orders(sim)).filter((o) => o.kind === 'sign' && o.status === 'pending'))
      .toHaveLength(1);
    const b = await pageGoesAway(way, context, page, host);
    await expect
      .poll(async () => (await orders(sim)).filter((o) => o.kind === 'sign').map((o) => o.cancelledByRp))
      .toEqual([true]);
    await visitorB(b, host, sim);
  });
}

test('core ends the visit by itself when the renderer stops calling: the order is cancelled at BankID', async ({
  page,
  context,
  startHost,
}) => {
  // idle 10 s + warning 20 s + core's grace 15 s
  const host = await startHost(configWithSession({ idleSeconds: 10, warningSeconds: 20 }));
  const sim = bankIdSimulator(host);
  await toParkeringSignIn(page, host);
  await readQr(page);
  await expect.poll(async () => (await orders(sim)).filter((o) => o.status === 'pending')).toHaveLength(1);
  // the renderer freezes: no script runs, so neither its warning nor its own reset ever comes
  const cdp = await context.newCDPSession(page);
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.pause');
  // (an order the phone did not scan in time is replaced by a new one: the last one is what core cancels)
  await expect
    .poll(
      async () => {
        const all = await orders(sim);
        return { pending: all.filter((o) => o.status === 'pending').length, cancelled: all.at(-1)?.cancelledByRp };
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toEqual({ pending: 0, cancelled: true });
  const log = (): string => readFileSync(path.join(host.dataDir, 'logs', 'kiosk.log'), 'utf8');
  await expect.poll(log).toContain('core ends the visit');
  await expect.poll(log).toMatch(/"reason":"expired"[^\n]*"msg":"visit reset"/);
  // the renderer wakes up: core has told it the visit ended, and the next visitor starts clean
  await cdp.send('Debugger.resume');
  await expect(h1(page)).toHaveText(START);
  await openService(page, 'parkeringstillstand', PARKERING);
  await beginService(page);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  expect(await readQr(page)).toMatch(/^bankid\./);
});
