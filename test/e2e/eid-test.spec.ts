/**
 * "Testa din e-legitimation" (issue 17): beside the catalogue, the visitor signs in with Mobile BankID or
 * Freja eID+ by scanning the on-screen QR (the simulators' phone side), and is told in plain words that
 * the e-ID works and what the e-ID says about itself — or what went wrong and whom to call. Nothing is
 * kept: no case in the outbox, no one signed in, no name or personnummer in the log; "Klar" ends the visit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import { frejaSimulator, frejaTransactions, scanFrejaQr } from './support/freja-phone';
import type { TestHost } from './support/host';
import { CONFIG, expectScreenOk, h1, openKiosk } from './support/journey';

const ANNA = '199001012385';
const BOTH = `${CONFIG.replace('kiosk:\n', 'kiosk:\n  languages: [sv, en, ar]\n')}
identity:
  methods: [bankid, freja]
  freja:
    pollIntervalMs: 1000
`;

test.use({ hostConfig: BOTH });

async function toTest(page: Page, host: TestHost): Promise<void> {
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.getByTestId('eid-test-entry').click();
  await expect(h1(page)).toHaveText('Testa din e-legitimation');
}

function log(host: TestHost): string {
  const file = path.join(host.dataDir, 'logs', 'kiosk.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Nothing of the visitor is kept: no case delivered or queued for delivery, no personal data in the log. */
async function expectNothingKept(page: Page, host: TestHost): Promise<void> {
  await expect.poll(() => log(host)).toContain('e-ID test: works');
  const text = log(host);
  for (const secret of [ANNA, 'Anna', 'Andersson', 'Provgatan']) expect(text).not.toContain(secret);
  expect(text).not.toContain('visitor signed in');
  expect(text).not.toMatch(/case (queued|stored|created)/i);
  const outbox = path.join(host.dataDir, 'outbox');
  expect(existsSync(outbox) ? readdirSync(outbox) : []).toEqual([]);
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
}

test('BankID: the visitor chooses it, scans, and is told it works and when the BankID was issued; Klar ends the visit', async ({
  page,
  host,
}) => {
  await toTest(page, host);
  await expect(page.getByTestId('eid-choice').getByRole('button')).toHaveText(['Mobilt BankID', 'Freja eID+']);
  await expectScreenOk(page, 'e-ID test choice');
  await page.getByRole('button', { name: 'Mobilt BankID' }).click();
  await expect(h1(page)).toHaveText('Testa ditt Mobilt BankID');
  await expect(page.getByText('Vi sparar ingenting')).toBeVisible();
  // a test is no e-service: no ways to the paper route here
  await expect(page.getByRole('button', { name: /skyddade personuppgifter/i })).toHaveCount(0);
  await expectScreenOk(page, 'e-ID test BankID QR');
  await scanQr(page, bankIdSimulator(host), { personalNumber: ANNA });
  await expect(h1(page)).toHaveText('Din e-legitimation fungerar');
  await expect(page.getByText('Ditt Mobilt BankID fungerar.')).toBeVisible();
  await expect(page.getByTestId('eid-test-issued')).toHaveText(/^Ditt BankID utfärdades \d{4}-\d{2}-\d{2}\.$/);
  await expect(page.getByTestId('eid-test-level')).toHaveCount(0);
  await expectScreenOk(page, 'e-ID test result');
  await expectNothingKept(page, host);
  await page.getByTestId('eid-test-done').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
});

test('Freja eID+: the visitor scans with the Freja app and is told it works and its level; nothing kept', async ({
  page,
  host,
}) => {
  const sim = frejaSimulator(host);
  await toTest(page, host);
  await page.getByRole('button', { name: 'Freja eID+' }).click();
  await expect(h1(page)).toHaveText('Testa ditt Freja eID+');
  await expect(page.getByTestId('bankid-status')).toHaveText('Öppna Freja-appen och skanna QR-koden.');
  await expectScreenOk(page, 'e-ID test Freja QR');
  await scanFrejaQr(page, sim, { personalNumber: ANNA });
  await expect(h1(page)).toHaveText('Din e-legitimation fungerar');
  await expect(page.getByText('Ditt Freja eID+ fungerar.')).toBeVisible();
  await expect(page.getByTestId('eid-test-level')).toHaveText(/nivån (Plus|Utökad)/);
  // Freja tells no issue date (and neither e-ID tells when its certificate ends): nothing is said of it
  await expect(page.getByTestId('eid-test-issued')).toHaveCount(0);
  await expectNothingKept(page, host);
  expect((await frejaTransactions(sim)).map((t) => [t.service, t.status])).toEqual([['authentication', 'APPROVED']]);
  await page.getByTestId('eid-test-done').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
});

test('when it fails the visitor is told what happened and whom to call: the bank for BankID, Freja for Freja', async ({
  page,
  host,
}) => {
  const sim = frejaSimulator(host);
  await toTest(page, host);
  await page.getByRole('button', { name: 'Freja eID+' }).click();
  await scanFrejaQr(page, sim, { personalNumber: ANNA, scenario: 'reject' });
  await expect(page.getByTestId('bankid-status')).toHaveText('Du avböjde i Freja-appen. Åtgärden avbröts.');
  await expect(page.getByTestId('eid-test-help')).toContainText('kontakta Freja eID:s kundtjänst');
  await expectScreenOk(page, 'e-ID test Freja failed');
  await page.getByTestId('eid-switch').click();
  await page.getByRole('button', { name: 'Mobilt BankID' }).click();
  await scanQr(page, bankIdSimulator(host), { personalNumber: ANNA, scenario: 'userCancel' });
  await expect(page.getByTestId('bankid-status')).toHaveText('Åtgärden avbröts.');
  await expect(page.getByTestId('eid-test-help')).toContainText('kontakta din bank');
  await expect(page.getByTestId('bankid-retry')).toBeVisible();
  // Avbryt while it runs goes back to the catalogue
  await page.getByTestId('bankid-retry').click();
  await page.getByTestId('bankid-cancel').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  const outbox = path.join(host.dataDir, 'outbox');
  expect(existsSync(outbox) ? readdirSync(outbox) : []).toEqual([]);
});

test('the test screens pass axe in English and Arabic, and the texts follow the language', async ({ page, host }) => {
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('begin').click();
  await page.getByTestId('eid-test-entry').click();
  await expect(h1(page)).toHaveText('Test your e-ID');
  await expectScreenOk(page, 'e-ID test choice (English)');
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(h1(page)).toHaveText('اختبر هويتك الإلكترونية');
  await expectScreenOk(page, 'e-ID test choice (Arabic)');
  await page.getByTestId('eid-bankid').click();
  await expect(h1(page)).toHaveText('اختبر BankID للهاتف');
  await scanQr(page, bankIdSimulator(host), { personalNumber: ANNA });
  await expect(h1(page)).toHaveText('هويتك الإلكترونية تعمل');
  await expectScreenOk(page, 'e-ID test result (Arabic)');
  await page.getByTestId('eid-test-done').click();
});
