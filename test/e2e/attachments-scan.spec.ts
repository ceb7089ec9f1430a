/**
 * Bilagor from the kiosk's document scanner: scanimage with SANE's test backend, whose settings the
 * test changes between scans (test/support/sane-test-backend.ts) to make the scanner jam, run out of
 * paper, stand open or disappear. The visitor scans, sees, turns and deletes pages, recovers from each
 * failure, and sends the läkarintyg with the parking permit application; it reaches the municipality
 * as its own PDF with the right SHA-256, and the kiosk's database never holds its bytes in clear. A
 * visit that ends before sending leaves no page on disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { hashPin } from '../../src/core/staff/pin-hash';
import { saneTestBackend, type SaneTestBackend } from '../support/sane-test-backend';
import {
  filesHolding,
  fingerprint,
  packagedDocuments,
  pageBytes,
  pages,
  scanFails,
  scanPage,
  scannerConfig,
  sha256,
} from './support/attachments';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import {
  beginService,
  CONFIG,
  expectReceipt,
  expectScreenOk,
  expectStep,
  finishVisit,
  h1,
  next,
  openKiosk,
  openService,
  reviewRow,
} from './support/journey';
import { answerParkeringAsPassenger, tickParkeringDeclarations } from './support/service-steps';

test.describe.configure({ timeout: 240_000 });

const ANNA = '199001012385';
let sane: SaneTestBackend;
test.beforeEach(() => {
  sane = saneTestBackend();
});
test.afterEach(() => sane.remove());

test('Parkeringstillstånd with a scanned läkarintyg: a jam and recovery, pages turned and deleted, delivered as its own PDF', async ({
  page,
  startHost,
}) => {
  const host = await startHost(scannerConfig(CONFIG), sane.env);
  const sim = bankIdSimulator(host);
  await openKiosk(page, host);
  await openService(page, 'parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await expect(page.getByText('skanna det här i kiosken')).toBeVisible();
  await beginService(page);
  await scanQr(page, sim, { personalNumber: ANNA });

  await answerParkeringAsPassenger(page);

  // ── the läkarintyg: the attachment screen ──
  await expect(page.getByText('Ingen bilaga tillagd.')).toBeVisible();
  await page.getByRole('button', { name: 'Lägg till Läkarintyg' }).click();
  await expect(h1(page)).toHaveText('Lägg till Läkarintyg');
  await expect(h1(page)).toBeFocused();
  await expect(page.getByText('Lägg papperet med texten nedåt på skannerns glas')).toBeVisible();
  await expectScreenOk(page, 'attachment screen, no page yet');

  // the feeder jams: plain words, nothing added; the paper is freed and the scan works
  sane.set({ status: 'SANE_STATUS_JAMMED' });
  await scanFails(page, 'Papperet har fastnat i skannern.', 0);
  await expectScreenOk(page, 'attachment screen with a scanner problem');
  sane.set({ status: 'Default' });
  await scanPage(page, 1);
  await expect(page.getByTestId('attachment-page-count')).toHaveText('1 sida');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await scanPage(page, 2);
  await scanPage(page, 3);
  await expectScreenOk(page, 'attachment screen with pages');

  // turn page 2 (a quarter, twice makes it upside down), delete page 3
  await page.getByRole('button', { name: 'Vrid sida 2' }).click();
  await expect(pages(page).nth(1)).toHaveAttribute('data-rotation', '90');
  await expect(page.getByTestId('attachment-status')).toHaveText('Sida 2 är vriden.');
  await page.getByRole('button', { name: 'Ta bort sida 3' }).click();
  await expect(pages(page)).toHaveCount(2);
  await expect(page.getByTestId('attachment-page-count')).toHaveText('2 sidor');
  const firstPage = await pageBytes(page, 1);
  expect(firstPage.subarray(0, 2).toString('hex')).toBe('ffd8');

  // by keyboard alone: Klar is reached and pressed with Enter
  await page.getByTestId('attachment-finish').focus();
  await page.keyboard.press('Enter');
  await expectStep(page, 'Intyga och skicka');
  await expect(page.getByTestId('attachment-list')).toContainText('Läkarintyg, 2 sidor');
  await expectScreenOk(page, 'step with an attachment');
  await tickParkeringDeclarations(page);
  await next(page);

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Läkarintyg')).toContainText('Läkarintyg (2 sidor)');
  await page.getByTestId('review-submit').click();
  await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
  await expect(page.locator('.signed-summary')).toContainText('Läkarintyg (2 sidor)');
  await scanQr(page, sim, { personalNumber: ANNA });
  const reference = await expectReceipt(page, 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await expect(page.getByTestId('receipt-attachments')).toHaveText('Läkarintyg, 2 sidor');
  await expectScreenOk(page, 'receipt with an attachment');

  // ── the municipality has it: its own PDF, the SHA-256 the envelope gives, page 2 turned ──
  await expect.poll(() => packagedDocuments(host.dataDir, reference).length, { timeout: 30_000 }).toBe(2);
  const documents = packagedDocuments(host.dataDir, reference);
  expect(documents.map((d) => [d.name, d.kind])).toEqual([
    [`arende-${reference}.pdf`, 'case'],
    ['bilaga-lakarintyg-1.pdf', 'attachment'],
  ]);
  const attachment = documents[1]!;
  expect(sha256(attachment.bytes)).toBe(attachment.sha256);
  expect(attachment.bytes.length).toBe(attachment.size);
  expect(attachment.size / 2).toBeLessThan(500 * 1024);
  const pdf = await PDFDocument.load(attachment.bytes, { updateMetadata: false });
  expect(pdf.getPageCount()).toBe(2);
  expect(pdf.getPage(1).getRotation().angle).toBe(90);
  expect(attachment.bytes.includes(fingerprint(firstPage))).toBe(true);

  // ── the kiosk's own storage (database, journal, logs) never held the page in clear ──
  expect(
    filesHolding(fingerprint(firstPage), host.dataDir).filter((f) => !f.includes(`${path.sep}outbox${path.sep}`)),
  ).toEqual([]);
  await finishVisit(page);
});

test('scanner problems in plain words, the visitor goes on without the attachment, and a visit that ends leaves no page behind', async ({
  page,
  startHost,
}) => {
  // a flow of its own: an optional receipt, no e-ID
  const flows = mkdtempSync(path.join(os.tmpdir(), 'kiosk-flows-'));
  writeFileSync(
    path.join(flows, 'kvitto.yaml'),
    `id: ersattning-kvitto
version: 1
title: { sv: Ersättning för utlägg, en: Refund of expenses }
description: { sv: Skicka in ett kvitto., en: Send in a receipt. }
category: Test
identification: none
steps:
  - id: kvitto
    title: { sv: Kvitto, en: Receipt }
    fields:
      - id: kvitto
        type: attachment
        maxPages: 2
        label: { sv: Kvittot, en: The receipt }
        expected: { sv: Kvitto, en: Receipt }
      - id: belopp
        type: number
        required: true
        label: { sv: Belopp, en: Amount }
paper:
  handIn: { sv: I receptionen, en: At the reception }
`,
  );
  try {
    const host = await startHost(
      scannerConfig(`${CONFIG}\nflows:\n  dirs: [${JSON.stringify(flows)}]\n  enabled: [ersattning-kvitto]\n`),
      sane.env,
    );
    await openKiosk(page, host);
    await openService(page, 'ersattning-kvitto', 'Ersättning för utlägg');
    await beginService(page);
    await expectStep(page, 'Kvitto');
    await page.getByRole('button', { name: 'Lägg till Kvitto' }).click();
    await expect(h1(page)).toHaveText('Lägg till Kvitto');

    sane.set({ status: 'SANE_STATUS_NO_DOCS' });
    await scanFails(page, 'Det finns inget papper i skannern.', 0);
    sane.set({ status: 'SANE_STATUS_COVER_OPEN' });
    await scanFails(page, 'Skannerns lock är öppet. Stäng locket och försök igen.', 0);
    // the scanner is switched off: SANE no longer finds the device
    sane.set({ connected: false });
    await scanFails(page, 'Skannern svarar inte.', 0);

    // going on without it: back on the step, and Nästa works (the attachment is optional)
    await page.getByRole('button', { name: 'Fortsätt utan bilaga' }).click();
    await expectStep(page, 'Kvitto');
    await expect(page.getByText('Ingen bilaga tillagd.')).toBeVisible();
    await page.getByLabel('Belopp').fill('120');
    await next(page);
    await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
    await page
      .getByRole('button', { name: /^Ändra/ })
      .first()
      .click();
    await expectStep(page, 'Kvitto');

    // the scanner is back; a page is scanned, the limit of two pages is kept
    sane.set({ status: 'Default', connected: true });
    await page.getByRole('button', { name: 'Lägg till Kvitto' }).click();
    await scanPage(page, 1);
    await scanPage(page, 2);
    await scanFails(page, 'Bilagan kan inte ha fler sidor.', 2);
    const scanned = await pageBytes(page, 1);

    // the visit ends before the case is sent (the screen reloads, as after a crash): nothing on disk
    await page.reload();
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    expect(filesHolding(fingerprint(scanned), host.dir, os.tmpdir())).toEqual([]);
  } finally {
    rmSync(flows, { recursive: true, force: true });
  }
});

test("staff see the scanner's state in the health checks: ready, then switched off", async ({ page, startHost }) => {
  const pinHash = await hashPin('246810');
  const host = await startHost(
    scannerConfig(`${CONFIG}\nstaff:\n  members:\n    - id: reception-1\n      pinHash: '${pinHash}'\n`),
    sane.env,
  );
  await openKiosk(page, host);
  await page.keyboard.press('Control+Alt+KeyS');
  await expect(h1(page)).toHaveText('Personalläge');
  await page.keyboard.type('246810');
  await page.keyboard.press('Enter');
  const scanner = page.getByTestId('staff-health').locator('[data-check="scanner"]');
  await page.getByTestId('staff-health-run').click();
  await expect(scanner).toHaveAttribute('data-severity', 'ok');
  await expect(scanner).toContainText('Dokumentskannern');
  sane.set({ connected: false });
  await page.getByTestId('staff-health-run').click();
  await expect(scanner).toHaveAttribute('data-severity', 'warn');
  await expect(scanner).toContainText('Skannern hittas inte: är den påslagen och ansluten?');
  await expectScreenOk(page, 'staff panel with the scanner switched off');
});
