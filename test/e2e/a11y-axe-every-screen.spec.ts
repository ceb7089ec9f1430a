/**
 * Every screen of the kiosk and of every shipped e-service, checked in English and Arabic at 100 %,
 * in Swedish, English and Arabic at 200 %, and in high contrast (see MODES): axe with the WCAG 2.1 A
 * and AA rules, 48 px touch targets at 100 %, and at 200 % no sideways scrolling, nothing overlapping
 * and nothing cut off. Swedish at 100 % is checked by the journey specs. One visit per e-service:
 * each screen is checked in every mode as it comes, then the visit goes on in Swedish. Where a step has
 * a text field, it has focus during the checks, so the on-screen keyboard is checked with it.
 */
import { A11Y_CONFIG, checkInModes, expectScreenIn, MODES, setMode } from './support/a11y-modes';
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
import { h1 } from './support/journey';

test.describe.configure({ mode: 'parallel' });
test.setTimeout(300_000);
test.use({ launchOptions: walkCameraLaunchOptions(), hostConfig: A11Y_CONFIG });

test('Parkeringstillstånd (BankID login and signing), every screen in every mode', async ({ page, host }) => {
  await walkParkering(page, host, checkInModes);
});

test('Förskoleplats (children from the register, dates, lists, numbers), every screen in every mode', async ({
  page,
  host,
}) => {
  await walkForskola(page, host, checkInModes);
});

test('the paper route (Förskoleplats, the child typed by hand, printed), every screen in every mode', async ({
  page,
  startHost,
}) => {
  // the test kiosk prints into its own (temporary) data folder; a real kiosk prints with CUPS
  const host = await startHost(`${A11Y_CONFIG}printing:\n  folderAllowPersonalData: true\n`);
  await walkPaperRoute(page, host, checkInModes);
});

test('the kiosk’s own screens: start, statement, catalogue, help, the inactivity warning', async ({ page, host }) => {
  await page.clock.install();
  await walkKioskScreens(page, host, checkInModes);

  // the warning is a dialog over the page: the mode is set first, then the visitor waits it out
  for (const mode of MODES) {
    await setMode(page, mode);
    await page.clock.fastForward(601_000);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    await expectScreenIn(page, 'inactivity warning', mode);
    await dialog.getByTestId('inactivity-stay').click();
    await expect(dialog).toHaveCount(0);
  }
});

test('“Ur funktion” in every mode', async ({ page, startHost }) => {
  // a misspelt key: the kiosk refuses the config and says why, for staff
  const host = await startHost('kiosk:\n  languages: [sv, en, ar]\nsession:\n  idelSeconds: 30\n');
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Ur funktion');
  await page.getByText('För personal och IT').click();
  // a kiosk whose config did not load offers its default languages only (no Arabic)
  await checkInModes(page, 'out of order', { modes: MODES.filter((m) => m.lang !== 'ar') });
});

test('Support för e-tjänster, every screen in every mode', async ({ page, host }) => {
  await walkSupport(page, host, checkInModes);
});

test('Felanmälan gata, park och belysning, every screen in every mode', async ({ page, host }) => {
  await walkFelanmalan(page, host, checkInModes);
});
