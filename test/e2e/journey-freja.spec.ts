/**
 * Freja eID+ beside Mobile BankID (issue 17): the visitor chooses an e-ID, signs in and signs by
 * scanning the on-screen QR with the Freja app (the simulator's phone side), can switch back to
 * BankID, and is told in plain words when the app says no. The choice screen passes axe in sv/en/ar.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import { frejaSimulator, frejaTransactions, scanFrejaQr } from './support/freja-phone';
import { repoRoot } from './support/host';
import { CONFIG, expectReceipt, expectScreenOk, expectStep, h1, next, openKiosk, openService } from './support/journey';

const ANNA = '199001012385';
const FLOWS = path.join(repoRoot, 'test', 'e2e', 'support', 'eid-flows');
const BOTH = `${CONFIG.replace('kiosk:\n', 'kiosk:\n  languages: [sv, en, ar]\n')}
identity:
  methods: [bankid, freja]
  freja:
    pollIntervalMs: 1000
flows:
  dirs: [${JSON.stringify(FLOWS)}]
`;

test.use({ hostConfig: BOTH });

async function toChoice(page: Page, host: Parameters<typeof openKiosk>[1]): Promise<void> {
  await openKiosk(page, host);
  await openService(page, 'intygsbestallning', 'Beställning av intyg');
  await page.getByRole('button', { name: 'Börja', exact: true }).click();
  await expect(h1(page)).toHaveText('Välj e-legitimation');
}

test('signs in and signs with Freja eID+ by scanning the QR on the screen; the case keeps the Freja signature', async ({
  page,
  host,
}) => {
  const sim = frejaSimulator(host);
  await toChoice(page, host);
  await expect(page.getByTestId('eid-choice').getByRole('button')).toHaveText(['Mobilt BankID', 'Freja eID+']);
  await expectScreenOk(page, 'e-ID choice');
  await page.getByRole('button', { name: 'Freja eID+' }).click();
  await expect(h1(page)).toHaveText('Logga in med Freja eID+');
  await expect(page.getByText('Öppna Freja-appen och tryck på Skanna QR. Skanna sedan QR-koden.')).toBeVisible();
  await expect(page.getByTestId('bankid-status')).toHaveText('Öppna Freja-appen och skanna QR-koden.');
  await expectScreenOk(page, 'Freja sign-in');
  await scanFrejaQr(page, sim, { personalNumber: ANNA });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');
  await expectStep(page, 'Intyget');
  await page.getByLabel('Vad ska intyget användas till?').fill('Bostadsansökan');
  await next(page);
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
  await expect(h1(page)).toHaveText('Skriv under med Freja eID+');
  await expect(page.locator('.signed-summary')).toContainText('Bostadsansökan');
  await expectScreenOk(page, 'Freja signing');
  await scanFrejaQr(page, sim, { personalNumber: ANNA });
  await expectReceipt(page, 'Beställning av intyg');
  const tx = await frejaTransactions(sim);
  expect(tx.map((t) => [t.service, t.status, t.minRegistrationLevel])).toEqual([
    ['authentication', 'APPROVED', 'EXTENDED'],
    ['sign', 'APPROVED', 'PLUS'],
  ]);
});

test('the visitor can switch back from Freja to BankID, and a flow that accepts BankID only goes straight to it', async ({
  page,
  host,
}) => {
  const freja = frejaSimulator(host);
  await toChoice(page, host);
  await page.getByRole('button', { name: 'Freja eID+' }).click();
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await page.getByTestId('eid-switch').click();
  await expect(h1(page)).toHaveText('Välj e-legitimation');
  // leaving the Freja screen cancelled its transaction at Freja
  await expect.poll(async () => (await frejaTransactions(freja)).map((t) => t.status)).toEqual(['RP_CANCELED']);
  await page.getByRole('button', { name: 'Mobilt BankID' }).click();
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await scanQr(page, bankIdSimulator(host), { personalNumber: ANNA });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.locator('[data-service="bara-bankid"]').click();
  await expect(h1(page)).toHaveText('Ansökan med BankID');
  await page.getByRole('button', { name: 'Börja', exact: true }).click();
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByTestId('eid-choice')).toHaveCount(0);
});

test('a visitor who declines in the Freja app is told so and can try again; Avbryt cancels at Freja', async ({
  page,
  host,
}) => {
  const sim = frejaSimulator(host);
  await toChoice(page, host);
  await page.getByRole('button', { name: 'Freja eID+' }).click();
  await scanFrejaQr(page, sim, { personalNumber: ANNA, scenario: 'reject' });
  await expect(page.getByTestId('bankid-status')).toHaveText('Du avböjde i Freja-appen. Åtgärden avbröts.');
  await expect(page.getByTestId('bankid-qr')).toHaveCount(0);
  await expectScreenOk(page, 'Freja rejected');
  await page.getByRole('button', { name: 'Försök igen' }).click();
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(h1(page)).toHaveText('Beställning av intyg');
  await expect
    .poll(async () => (await frejaTransactions(sim)).map((t) => t.status))
    .toEqual(['REJECTED', 'RP_CANCELED']);
});

test('the e-ID choice passes axe in English and Arabic too, and the Freja texts follow the language', async ({
  page,
  host,
}) => {
  await openKiosk(page, host);
  for (const [lang, heading, status] of [
    ['English', 'Choose your e-ID', 'Open the Freja app and scan the QR code.'],
    ['العربية', 'اختر الهوية الإلكترونية', 'افتح تطبيق Freja وامسح رمز QR.'],
  ] as const) {
    await page.getByRole('button', { name: lang }).click();
    // the first time from the start screen, then from the e-service's intro that Avbryt returned to
    if (lang === 'English') {
      await page.getByTestId('begin').click();
      await page.locator('[data-service="intygsbestallning"]').click();
    }
    await page.getByTestId('intro-begin').click();
    await expect(h1(page)).toHaveText(heading);
    await expectScreenOk(page, `e-ID choice (${lang})`);
    await page.getByTestId('eid-freja').click();
    await expect(page.getByTestId('bankid-status')).toHaveText(status);
    await expectScreenOk(page, `Freja sign-in (${lang})`);
    await page.getByTestId('bankid-cancel').click();
    await expect(page.getByTestId('intro-begin')).toBeVisible();
  }
});
