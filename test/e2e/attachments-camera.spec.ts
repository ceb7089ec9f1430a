/**
 * Bilagor photographed with the kiosk's camera, in real Chromium with a fake capture device fed by a
 * video the test makes (support/camera.ts: a white A4 sheet with lines of text on a dark mat). The
 * visitor photographs the läkarintyg for the parking permit application; the page is cut to the
 * sheet's edges, goes into the same page list as a scanned page, and reaches the municipality as its
 * own PDF with the SHA-256 the envelope gives. The camera is the kiosk page's only while the
 * attachment screen has it open: getUserMedia is refused before, after, elsewhere, and for the
 * microphone always. A picture in which no page can be found keeps the whole frame, and says so.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { cameraNames } from '../../src/core/attachments/camera-devices';
import { jpegSize } from '../../src/core/attachments/jpeg-image';
import { hashPin } from '../../src/core/staff/pin-hash';
import { fingerprint, filesHolding, packagedDocuments, pageBytes, pages, sha256 } from './support/attachments';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { chromiumLaunchOptions } from './support/browser';
import { cameraConfig, cameraLaunchOptions, FRAME, SHEET, writePaperVideo } from './support/camera';
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

// the video is made before the browser starts (Chromium reads it at launch); every process that loads
// this file (the runner lists it, a worker runs it) makes its own and removes it when it exits
const videoDir = path.join(os.tmpdir(), `kiosk-camera-${process.pid}`);
mkdirSync(videoDir, { recursive: true });
process.once('exit', () => rmSync(videoDir, { recursive: true, force: true }));
const paperVideo = path.join(videoDir, 'paper-on-mat.y4m');
writePaperVideo(paperVideo);
test.use({ launchOptions: cameraLaunchOptions(paperVideo), hostConfig: cameraConfig(CONFIG) });

const ANNA = '199001012385';

/** What the page's own getUserMedia gets now: `granted` (the stream is stopped at once) or the error's name. */
async function mediaRequest(page: Page, constraints: MediaStreamConstraints = { video: true }): Promise<string> {
  return page.evaluate(
    (c) =>
      navigator.mediaDevices.getUserMedia(c).then(
        (s) => {
          for (const t of s.getTracks()) t.stop();
          return 'granted';
        },
        (e: Error) => e.name,
      ),
    constraints,
  );
}

test('Parkeringstillstånd with a photographed läkarintyg: cut to the page, delivered as its own PDF; the camera only while the screen has it open', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await openKiosk(page, host);
  // the start screen: no camera for the page
  expect(await mediaRequest(page)).toBe('NotAllowedError');
  await openService(page, 'parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await beginService(page);
  await scanQr(page, sim, { personalNumber: ANNA });
  await answerParkeringAsPassenger(page);

  // a step with the attachment field: still none
  expect(await mediaRequest(page)).toBe('NotAllowedError');
  await page.getByRole('button', { name: 'Lägg till Läkarintyg' }).click();
  await expect(h1(page)).toHaveText('Lägg till Läkarintyg');
  // a kiosk with a camera and no scanner: the camera is the way
  await expect(page.getByTestId('attachment-scan')).toHaveCount(0);
  // the attachment screen before the camera is opened: none either
  expect(await mediaRequest(page)).toBe('NotAllowedError');
  await expectScreenOk(page, 'attachment screen with a camera, closed');

  // by keyboard: "Använd kameran", then the live picture and "Ta bild"
  await page.getByRole('button', { name: 'Använd kameran' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  await expect(page.getByTestId('camera-preview')).toHaveAttribute('aria-label', 'Kamerans bild av papperet');
  await expect
    .poll(() => page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBe(FRAME.width);
  await expect(page.getByTestId('camera-instructions')).toContainText('Lägg papperet med texten uppåt under kameran');
  await expectScreenOk(page, 'attachment screen, camera on');
  // while it is open: the camera yes, the microphone never
  expect(await mediaRequest(page)).toBe('granted');
  expect(await mediaRequest(page, { audio: true })).toBe('NotAllowedError');
  expect(await mediaRequest(page, { video: true, audio: true })).toBe('NotAllowedError');
  expect(
    await page.evaluate(() =>
      navigator.mediaDevices.getDisplayMedia().then(
        () => 'granted',
        (e: Error) => e.name,
      ),
    ),
  ).toBe('NotAllowedError');

  await page.getByRole('button', { name: 'Ta bild' }).focus();
  await page.keyboard.press('Enter');
  await expect(pages(page)).toHaveCount(1);
  await expect(page.getByTestId('attachment-status')).toHaveText(
    'Sida 1 är fotograferad och beskuren till sidans kanter.',
  );
  await expect(page.getByTestId('camera-notice')).toHaveCount(0);

  // the page is the sheet, not the frame: its size and shape are the sheet's (A4 upright)
  const photo = await pageBytes(page, 1);
  const size = jpegSize(photo)!;
  expect(Math.abs(size.width - SHEET.width)).toBeLessThanOrEqual(8);
  expect(Math.abs(size.height - SHEET.height)).toBeLessThanOrEqual(8);
  expect(size.height / size.width).toBeCloseTo(SHEET.height / SHEET.width, 1);
  expect(photo.length).toBeLessThan(500 * 1024);

  // the same page list as the scanner: a second page, turned, then deleted
  await page.getByRole('button', { name: 'Ta bild' }).click();
  await expect(pages(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Vrid sida 2' }).click();
  await expect(pages(page).nth(1)).toHaveAttribute('data-rotation', '90');
  await page.getByRole('button', { name: 'Ta bort sida 2' }).click();
  await expect(pages(page)).toHaveCount(1);
  await expectScreenOk(page, 'attachment screen, camera on, a page taken');

  // turning the camera off withdraws the permission at once
  await page.getByRole('button', { name: 'Stäng kameran' }).click();
  await expect(page.getByTestId('camera-preview')).toHaveCount(0);
  expect(await mediaRequest(page)).toBe('NotAllowedError');
  // on again, then Klar: leaving the screen closes it too
  await page.getByRole('button', { name: 'Använd kameran' }).click();
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  expect(await mediaRequest(page)).toBe('granted');
  await page.getByTestId('attachment-finish').click();
  await expectStep(page, 'Intyga och skicka');
  expect(await mediaRequest(page)).toBe('NotAllowedError');
  await expect(page.getByTestId('attachment-list')).toContainText('Läkarintyg, 1 sida');
  await tickParkeringDeclarations(page);
  await next(page);

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Läkarintyg')).toContainText('Läkarintyg (1 sida)');
  await page.getByTestId('review-submit').click();
  await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
  await scanQr(page, sim, { personalNumber: ANNA });
  const reference = await expectReceipt(page, 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await expect(page.getByTestId('receipt-attachments')).toHaveText('Läkarintyg, 1 sida');
  expect(await mediaRequest(page)).toBe('NotAllowedError');

  // ── the municipality has it: its own PDF, the SHA-256 the envelope gives, an A4 page of the sheet ──
  await expect.poll(() => packagedDocuments(host.dataDir, reference).length, { timeout: 30_000 }).toBe(2);
  const documents = packagedDocuments(host.dataDir, reference);
  expect(documents.map((d) => [d.name, d.kind])).toEqual([
    [`arende-${reference}.pdf`, 'case'],
    ['bilaga-lakarintyg-1.pdf', 'attachment'],
  ]);
  const attachment = documents[1]!;
  expect(sha256(attachment.bytes)).toBe(attachment.sha256);
  expect(attachment.bytes.length).toBe(attachment.size);
  expect(attachment.size).toBeLessThan(500 * 1024);
  const pdf = await PDFDocument.load(attachment.bytes, { updateMetadata: false });
  expect(pdf.getPageCount()).toBe(1);
  const { width, height } = pdf.getPage(0).getSize();
  // A4 is 595 × 842 pt; the sheet's crop is within a few pixels of it
  expect(Math.abs(width - 595) / 595).toBeLessThan(0.04);
  expect(Math.abs(height - 842) / 842).toBeLessThan(0.04);
  expect(attachment.bytes.includes(fingerprint(photo))).toBe(true);

  // ── the kiosk's own storage (database, journal, logs) and temp never held the photo in clear ──
  expect(
    filesHolding(fingerprint(photo), host.dataDir, host.dir).filter((f) => !f.includes(`${path.sep}outbox${path.sep}`)),
  ).toEqual([]);
  await finishVisit(page);
});

test('a picture without a page keeps the whole frame and says so; leaving the screen or timing out closes the camera', async ({
  startHost,
}) => {
  // a page filling the whole view: no edges to find
  const fullVideo = path.join(videoDir, 'page-fills-view.y4m');
  writePaperVideo(fullVideo, 'fill');
  const browser = await chromium.launch(cameraLaunchOptions(fullVideo));
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 }, locale: 'sv-SE' });
    await page.clock.install();
    const host = await startHost(cameraConfig(CONFIG));
    const sim = bankIdSimulator(host);
    await openKiosk(page, host);
    await openService(page, 'parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade');
    await beginService(page);
    await scanQr(page, sim, { personalNumber: ANNA });
    await answerParkeringAsPassenger(page);
    await page.getByRole('button', { name: 'Lägg till Läkarintyg' }).click();
    await page.getByRole('button', { name: 'Använd kameran' }).click();
    await expect(page.getByTestId('camera-preview')).toBeVisible();
    await page.getByRole('button', { name: 'Ta bild' }).click();
    await expect(pages(page)).toHaveCount(1);
    await expect(page.getByTestId('camera-notice')).toContainText(
      'Sidans kanter syntes inte, så hela bilden sparades.',
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    const size = jpegSize(await pageBytes(page, 1))!;
    expect(size).toEqual({ width: FRAME.width, height: FRAME.height });
    await expectScreenOk(page, 'attachment screen, a page without edges');
    expect(await mediaRequest(page)).toBe('granted');

    // leaving the screen (Avbryt) closes the camera
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expectStep(page, 'Intyga och skicka');
    expect(await mediaRequest(page)).toBe('NotAllowedError');

    // the visitor walks away with the camera on: the inactivity warning, then the visit ends with it
    await page.getByRole('button', { name: 'Lägg till Läkarintyg' }).click();
    await page.getByRole('button', { name: 'Använd kameran' }).click();
    await expect(page.getByTestId('camera-preview')).toBeVisible();
    expect(await mediaRequest(page)).toBe('granted');
    await page.clock.fastForward(601_000);
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await page.clock.runFor(31_000);
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
    await expect(page.getByTestId('camera-preview')).toHaveCount(0);
    expect(await mediaRequest(page)).toBe('NotAllowedError');
  } finally {
    await browser.close();
  }
});

test('camera problems in plain words (no camera, permission refused), the visitor goes on without it, and staff see it', async ({
  startHost,
}) => {
  // a flow of its own: an optional receipt, no e-ID
  writeFileSync(
    path.join(videoDir, 'kvitto.yaml'),
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
  const pinHash = await hashPin('246810');
  const host = await startHost(
    cameraConfig(
      `${CONFIG}\nflows:\n  dirs: [${JSON.stringify(videoDir)}]\n  enabled: [ersattning-kvitto]\nstaff:\n  members:\n    - id: reception-1\n      pinHash: '${pinHash}'\n`,
    ),
  );
  const toAttachment = async (page: Page): Promise<void> => {
    await openKiosk(page, host);
    await openService(page, 'ersattning-kvitto', 'Ersättning för utlägg');
    await beginService(page);
    await expectStep(page, 'Kvitto');
    await page.getByRole('button', { name: 'Lägg till Kvitto' }).click();
    await expect(h1(page)).toHaveText('Lägg till Kvitto');
  };

  // no camera connected (Chromium without a fake one): said plainly, the visitor goes on without it
  const bare = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await bare.newPage({ viewport: { width: 1080, height: 1400 }, locale: 'sv-SE' });
    await toAttachment(page);
    await page.getByRole('button', { name: 'Använd kameran' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Kameran hittas inte. Be personalen i receptionen om hjälp, eller fortsätt utan bilagan.',
    );
    await expect(page.getByTestId('camera-preview')).toHaveCount(0);
    expect(await mediaRequest(page)).toBe('NotAllowedError');
    await expectScreenOk(page, 'attachment screen, no camera found');
    await page.getByRole('button', { name: 'Fortsätt utan bilaga' }).click();
    await expectStep(page, 'Kvitto');
    await page.getByLabel('Belopp').fill('120');
    await next(page);
    await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  } finally {
    await bare.close();
  }

  // Chromium itself refuses (a camera, but its own prompt says no): the kiosk's words for that
  const refusing = await chromium.launch({
    ...chromiumLaunchOptions(),
    args: [...(chromiumLaunchOptions().args ?? []), '--use-fake-device-for-media-stream'],
  });
  try {
    const page = await refusing.newPage({ viewport: { width: 1080, height: 1400 }, locale: 'sv-SE' });
    await toAttachment(page);
    await page.getByRole('button', { name: 'Använd kameran' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Kiosken fick inte använda kameran. Be personalen i receptionen om hjälp, eller fortsätt utan bilagan.',
    );
    await expect(page.getByRole('button', { name: 'Använd kameran' })).toBeVisible();
    await page.getByRole('button', { name: 'Fortsätt utan bilaga' }).click();
    await expectStep(page, 'Kvitto');

    // staff see the camera's state: not connected (this machine's kernel lists none), or the refusal
    await page.keyboard.press('Control+Alt+KeyS');
    await expect(h1(page)).toHaveText('Personalläge');
    await page.keyboard.type('246810');
    await page.keyboard.press('Enter');
    const camera = page.getByTestId('staff-health').locator('[data-check="camera"]');
    await page.getByTestId('staff-health-run').click();
    await expect(camera).toHaveAttribute('data-severity', 'warn');
    await expect(camera).toContainText('Kameran');
    await expect(camera).toContainText(
      (cameraNames() ?? ['a camera']).length === 0
        ? 'Kameran hittas inte: är den ansluten?'
        : 'Kiosken fick inte använda kameran. Kontakta IT.',
    );
    await expectScreenOk(page, 'staff panel with a camera warning');
  } finally {
    await refusing.close();
  }
});
