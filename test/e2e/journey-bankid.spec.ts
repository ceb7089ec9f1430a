import type { Page } from '@playwright/test';
import { bankIdSimulator, readQr, scanQr, simRequest, type SimulatorAccess } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import { configWithSession, CONFIG, expectScreenOk, expectStep, h1, openSignIn } from './support/journey';

const ANNA = '199001012385';
const ULLA = '199511119852'; // cancels in the BankID app
const SARA = '197708159897'; // skyddad folkbokföring

async function toSignIn(page: Page, host: TestHost): Promise<void> {
  await openSignIn(page, host, 'forskoleplats', 'Ansökan om plats i förskola');
}

async function orders(
  sim: SimulatorAccess,
): Promise<Array<{ kind: string; status: string; hintCode: string; cancelledByRp: boolean }>> {
  return (await simRequest(sim, 'GET', '/sim/orders')).json as Array<{
    kind: string;
    status: string;
    hintCode: string;
    cancelledByRp: boolean;
  }>;
}

test('a visitor who cancels in the app is told so, can try again, and can log out', async ({ page, host }) => {
  const sim = bankIdSimulator(host);
  await toSignIn(page, host);
  await scanQr(page, sim, { personalNumber: ULLA });
  await expect(page.getByRole('status')).toHaveText('Åtgärden avbröts.');
  await expect(page.getByTestId('bankid-qr')).toHaveCount(0);
  await expectScreenOk(page, 'sign-in after userCancel');
  await page.getByRole('button', { name: 'Försök igen' }).click();
  await expect(page.getByRole('status')).toHaveText('Starta BankID-appen.');
  await scanQr(page, sim, { personalNumber: ANNA });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');
  await expectStep(page, 'Barnet');
  // Anna has no children: she is told, nothing to choose
  await expect(page.getByTestId('no-children')).toBeVisible();
  // "Tillbaka" from the first step leads to the intro, not to the sign-in again
  await page.getByTestId('step-back').click();
  await expect(h1(page)).toHaveText('Ansökan om plats i förskola');
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
});

test('an unscanned QR ends with BankID\'s startFailed text and "Försök igen"; Avbryt goes back', async ({
  page,
  startHost,
}) => {
  const host = await startHost(`${CONFIG}
identity:
  bankid:
    autoRestarts: 0
    collectIntervalMs: 1000
simulators:
  bankid:
    scenario: startFailed
`);
  await toSignIn(page, host);
  await expect(page.getByRole('status')).toHaveText(
    'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.',
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('bankid-qr')).toHaveCount(0);
  await page.getByRole('button', { name: 'Försök igen' }).click();
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(h1(page)).toHaveText('Ansökan om plats i förskola');
});

test('a person with protected personal data goes on to the paper route, and nothing of them is shown', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await toSignIn(page, host);
  // the visitor's own links to the paper route are offered (paper-route.spec.ts follows them)
  await expect(page.getByRole('button', { name: 'Jag har skyddad identitet' })).toBeVisible();
  await scanQr(page, sim, { personalNumber: SARA });
  await expect(h1(page)).toHaveText('Du gör ärendet på en blankett');
  await expect(page.getByText('Enligt folkbokföringen har du skyddade personuppgifter.')).toBeVisible();
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Sara');
  await expect(page.getByRole('button', { name: 'Tillbaka' })).toHaveCount(0);
  await expectScreenOk(page, 'paper route after a protected login');
  await page.getByTestId('paper-cancel').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
});

test('the inactivity reset during a pending order cancels it at BankID', async ({ page, startHost }) => {
  const host = await startHost(configWithSession({ idleSeconds: 60, warningSeconds: 20 }));
  const sim = bankIdSimulator(host);
  await page.clock.install();
  await toSignIn(page, host);
  await readQr(page);
  await expect.poll(async () => (await orders(sim)).filter((o) => o.status === 'pending').length).toBe(1);
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.clock.runFor(61_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await expect.poll(async () => (await orders(sim)).map((o) => o.cancelledByRp)).toEqual([true]);
});
