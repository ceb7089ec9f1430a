/**
 * Kiosk screens, not web pages: every screen of every shipped journey (and the kiosk's own screens) on a
 * portrait 1080×1920 and a landscape 1920×1080 screen, at 100, 150 and 200 % text, in Swedish, English
 * and Arabic — the action bar with the primary action, back and cancel, the start screen's "Börja", the
 * catalogue's first e-service and on the QR screens the whole QR and its instruction are on the screen
 * without scrolling; the header stays within 15 % of the height; nothing overlaps (support/screen-layout.ts).
 *
 * Each journey is one visit on one page: at every screen all 18 combinations are checked in place
 * (viewport resized, mode switched with the kiosk's own controls), then the visit goes on in Swedish.
 * axe in every mode is a11y-axe-every-screen.spec.ts's; both walk the journeys of support/every-screen.ts.
 */
import { A11Y_CONFIG, setMode } from './support/a11y-modes';
import { walkCameraLaunchOptions } from './support/camera';
import {
  walkFelanmalan,
  walkForskola,
  walkKioskScreens,
  walkPaperRoute,
  walkParkering,
  walkSupport,
} from './support/every-screen';
import { expect, test } from './support/fixtures';
import { choose, expectStep, h1, next } from './support/journey';
import { checkLayout, expectKioskLayout, ORIENTATIONS } from './support/screen-layout';

test.describe.configure({ mode: 'parallel' });
test.setTimeout(480_000);
test.use({
  launchOptions: walkCameraLaunchOptions(),
  hostConfig: A11Y_CONFIG,
  viewport: { width: ORIENTATIONS[0].width, height: ORIENTATIONS[0].height },
});

test('the kiosk’s own screens: start, statement, help, catalogue, the display settings', async ({ page, host }) => {
  await walkKioskScreens(page, host, checkLayout);

  // the display settings open low on the screen, whole, at 200 % in both orientations
  await setMode(page, { lang: 'ar', size: 200, contrast: true });
  for (const o of ORIENTATIONS) {
    await page.setViewportSize({ width: o.width, height: o.height });
    await page.getByTestId('display-open-bar').click();
    const sheet = page.getByTestId('display-sheet');
    for (const button of await sheet.getByRole('button').all()) await expect(button).toBeInViewport({ ratio: 1 });
    const box = (await sheet.boundingBox())!;
    // within reach of a seated visitor: the sheet starts in the lower half of a portrait screen
    if (o.name === 'portrait') expect(box.y).toBeGreaterThan(o.height / 2);
    await sheet.getByTestId('display-close').click();
  }
});

test('“Ur funktion”', async ({ page, startHost }) => {
  const host = await startHost('session:\n  idelSeconds: 30\n');
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Ur funktion');
  await page.getByText('För personal och IT').click();
  // a kiosk whose config did not load offers its default languages only (no Arabic)
  for (const o of ORIENTATIONS) {
    await page.setViewportSize({ width: o.width, height: o.height });
    for (const size of [100, 150, 200] as const) {
      for (const lang of ['sv', 'en'] as const) {
        await setMode(page, { lang, size, contrast: false });
        await expectKioskLayout(page, `out of order (${o.name}, ${lang}, ${size} %)`);
      }
    }
  }
});

test('Parkeringstillstånd (BankID sign-in and signing)', async ({ page, host }) => {
  await walkParkering(page, host, checkLayout);
});

test('Förskoleplats (children, a date with a calendar, lists)', async ({ page, host }) => {
  await walkForskola(page, host, checkLayout);
});

test('Support för e-tjänster (no identification, a date with buttons)', async ({ page, host }) => {
  await walkSupport(page, host, checkLayout);
});

test('Felanmälan gata, park och belysning', async ({ page, host }) => {
  await walkFelanmalan(page, host, checkLayout);
});

test('the paper route (Förskoleplats and Parkeringstillstånd as blanketter)', async ({ page, startHost }) => {
  const host = await startHost(`${A11Y_CONFIG}printing:\n  folderAllowPersonalData: true\n`);
  await walkPaperRoute(page, host, checkLayout);

  // Parkeringstillstånd on paper: the visitor's details typed by hand (nothing from a register)
  await page.getByTestId('begin').click();
  await page.getByTestId('protected-identity').click();
  await page.getByTestId('paper-continue').click();
  await page.locator('[data-service="parkeringstillstand"]').click();
  await page.getByTestId('intro-begin').click();
  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Passagerare – någon annan kör mig');
  await next(page);
  await expectStep(page, 'Dina uppgifter');
  await checkLayout(page, 'paper route: parkering, details typed by hand');
});
