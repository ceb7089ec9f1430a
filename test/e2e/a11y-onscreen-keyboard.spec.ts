/**
 * The on-screen keyboard on a touch screen: a personnummer tapped on the number pad, the field never
 * covered, validation appearing when the visitor leaves the field and disappearing once it is fixed;
 * the e-mail layout, å ä ö with shift, hiding and showing, 48 px keys; a switch (Tab and Enter) reaching
 * and using the keys; and no keyboard at all on a kiosk with a physical one.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible, expectTouchTargets } from './support/a11y';
import { A11Y_CONFIG, expectKeyboardClear } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { repoRoot, type TestHost } from './support/host';
import { expectFieldError, expectNoFieldError, h1, openKiosk, openService, reviewRow } from './support/journey';

test.describe.configure({ mode: 'parallel', timeout: 120_000 });
test.use({ hasTouch: true });

const FLOWS = path.join(repoRoot, 'test', 'e2e', 'support', 'a11y-flows');
const CONFIG = `${A11Y_CONFIG}
flows:
  dirs: [${JSON.stringify(FLOWS)}]
`;

test.use({ hostConfig: CONFIG });

function keyboard(page: Page) {
  return page.getByTestId('onscreen-keyboard');
}

/** Taps the keys for `text` (a capital letter: shift first; `.se` and `space` are keys of their own). */
async function tapKeys(page: Page, keys: string[]): Promise<void> {
  for (const k of keys) {
    const upper = k.length === 1 && k !== k.toLocaleLowerCase('sv-SE');
    if (upper) await keyboard(page).locator('[data-key="shift"]').tap();
    await keyboard(page)
      .locator(`[data-key="${upper ? k.toLocaleLowerCase('sv-SE') : k}"]`)
      .tap();
  }
}

const chars = (s: string): string[] => [...s].map((c) => (c === ' ' ? 'space' : c));

async function openTestService(page: Page, host: TestHost): Promise<void> {
  await openKiosk(page, host);
  await openService(page, 'tangentbordsprov', 'Anmälan av ombud');
  await page.getByTestId('intro-begin').tap();
  await expect(h1(page)).toHaveText('Ditt ombud');
}

test('a personnummer tapped on the number pad: the field stays in view, validation comes and goes', async ({
  page,
  host,
}) => {
  await openTestService(page, host);
  const pnr = page.getByLabel('Ombudets personnummer');

  // the field is low on the screen; tapping it opens the number pad and brings the field above it
  await pnr.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await expect(keyboard(page).locator('[data-key="q"]')).toHaveCount(0);
  await expect(pnr).toBeFocused();
  await expectKeyboardClear(page, pnr);
  await expectTouchTargets(page, 'the number pad');
  await expectAccessible(page, 'the number pad');

  // a wrong check digit: nothing is said while typing; leaving the field tells what is wrong
  await tapKeys(page, chars('19900101-2384'));
  await expect(pnr).toHaveValue('19900101-2384');
  await expect(pnr).toBeFocused();
  await expectNoFieldError(page, 'Ombudets personnummer');
  await expectKeyboardClear(page, pnr);
  await page.getByLabel('Ombudets namn').tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'text');
  await expectFieldError(
    page,
    'Ombudets personnummer',
    'Personnumret stämmer inte. Kontrollera siffrorna, särskilt de fyra sista.',
  );

  // back to it: the caret is at the end; one delete and the right digit, and the error goes at once
  await pnr.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await expectKeyboardClear(page, pnr);
  await keyboard(page).locator('[data-key="backspace"]').tap();
  await expect(pnr).toHaveValue('19900101-238');
  await expectFieldError(page, 'Ombudets personnummer', /Personnumret/);
  await tapKeys(page, ['5']);
  await expect(pnr).toHaveValue('19900101-2385');
  await expectNoFieldError(page, 'Ombudets personnummer');
  await expectKeyboardClear(page, pnr);

  // a postal code: the pad has a space; a number field: digits only
  const postal = page.getByLabel('Ombudets postnummer');
  await postal.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await tapKeys(page, chars('123 45'));
  await expect(postal).toHaveValue('123 45');
  await expectKeyboardClear(page, postal);
  const months = page.getByLabel('Hur många månader ska ombudet gälla?');
  await months.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await tapKeys(page, ['6']);
  await expect(months).toHaveValue('6');

  // e-mail: @ and .se on the e-mail layout
  const email = page.getByLabel('Ombudets e-postadress');
  await email.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'email');
  await tapKeys(page, [...'anna', '@', ...'exempel', '.se']);
  await expect(email).toHaveValue('anna@exempel.se');
  await expectKeyboardClear(page, email);

  // letters: å ä ö, shift for one capital, a space; keys type at the caret, not only at the end
  const name = page.getByLabel('Ombudets namn');
  await name.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'text');
  await tapKeys(page, chars('Åsa Öberg'));
  await expect(name).toHaveValue('Åsa Öberg');
  await expect(keyboard(page).locator('[data-key="shift"]')).toHaveAttribute('aria-pressed', 'false');
  await name.evaluate((el: HTMLInputElement) => el.setSelectionRange(3, 3));
  await tapKeys(page, ['-', 'L', ...'ena']);
  await expect(name).toHaveValue('Åsa-Lena Öberg');
  await expectTouchTargets(page, 'the letter keyboard');
  await expectAccessible(page, 'the letter keyboard');

  // hidden by the visitor: only the button to show it again is left, and it stays hidden on other fields
  await page.getByTestId('osk-toggle').tap();
  await expect(keyboard(page).locator('[data-key]')).toHaveCount(0);
  await expect(page.getByTestId('osk-toggle')).toHaveText(/Visa tangentbordet/);
  await expect(page.getByTestId('osk-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(name).toBeFocused();
  await pnr.tap();
  await expect(keyboard(page).locator('[data-key]')).toHaveCount(0);
  await page.getByTestId('osk-toggle').tap();
  await expect(keyboard(page).locator('[data-key="1"]')).toBeVisible();
  await expectKeyboardClear(page, pnr);

  // tapping Nästa closes the keyboard and goes on; the answers are what was tapped
  await page.getByTestId('step-next').tap();
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(keyboard(page)).toHaveCount(0);
  await expect(reviewRow(page, 'Ombudets personnummer')).toContainText('19900101-2385');
  await expect(reviewRow(page, 'Ombudets namn')).toContainText('Åsa-Lena Öberg');
  await expect(reviewRow(page, 'Ombudets e-postadress')).toContainText('anna@exempel.se');
  await expect(reviewRow(page, 'Ombudets postnummer')).toContainText('123 45');
});

test('a shipped e-service: the child’s personnummer tapped on the paper route of Förskoleplats', async ({
  page,
  startHost,
}) => {
  const host = await startHost(A11Y_CONFIG);
  await openKiosk(page, host);
  await page.getByTestId('begin').tap();
  await page.getByTestId('protected-identity').tap();
  await page.getByTestId('paper-continue').tap();
  await page.locator('[data-service="forskoleplats"]').tap();
  await page.getByTestId('intro-begin').tap();
  await expect(h1(page)).toHaveText('Barnet');
  const child = page.getByLabel('Vilket barn gäller ansökan?');
  await child.tap();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await expectKeyboardClear(page, child);
  await tapKeys(page, chars('20190314-2387'));
  await expect(child).toHaveValue('20190314-2387');
  // Nästa is under the keyboard: the visitor scrolls to it and taps it; the wrong number stops them
  await page.getByTestId('step-next').tap();
  await expectFieldError(page, 'Vilket barn gäller ansökan?', 'Personnumret stämmer inte.');
  await child.tap();
  await expectKeyboardClear(page, child);
  await keyboard(page).locator('[data-key="backspace"]').tap();
  await tapKeys(page, ['6']);
  await expect(child).toHaveValue('20190314-2386');
  await expectNoFieldError(page, 'Vilket barn gäller ansökan?');
  await page.getByTestId('step-next').tap();
  await expect(h1(page)).toHaveText('Önskad start');
});

test('a switch or the Tab key reaches the keys, types with Enter and Space, and Escape goes back to the field', async ({
  page,
  host,
}) => {
  await openTestService(page, host);
  const pnr = page.getByLabel('Ombudets personnummer');
  const one = keyboard(page).locator('[data-key="1"]');
  const isFocused = (l: typeof one) => l.evaluate((el) => el === document.activeElement);

  // the keys come after the page's own controls, in reading order
  await pnr.focus();
  await expect(keyboard(page)).toBeVisible();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await isFocused(one);
  }
  expect(reached, 'the key "1" is reached with Tab').toBe(true);
  await expect(keyboard(page)).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(pnr).toHaveValue('112');
  await expect(keyboard(page).locator('[data-key="2"]')).toBeFocused();
  // Escape: back to the field, keyboard closed
  await page.keyboard.press('Escape');
  await expect(pnr).toBeFocused();
  await expect(keyboard(page)).toHaveCount(0);

  // going straight from a field onto a key (a switch's "next" can) is not leaving the field:
  // nothing is checked until focus leaves the keyboard for something else
  const postal = page.getByLabel('Ombudets postnummer');
  await postal.focus();
  await expect(keyboard(page)).toHaveAttribute('data-mode', 'numeric');
  await one.focus();
  await page.keyboard.press('Enter');
  await expect(postal).toHaveValue('1');
  await expectNoFieldError(page, 'Ombudets postnummer');
  let outside = false;
  for (let i = 0; i < 5 && !outside; i += 1) {
    await page.keyboard.press('Shift+Tab');
    outside = await page.evaluate(() => !document.activeElement?.closest('[data-onscreen-keyboard]'));
  }
  expect(outside).toBe(true);
  await expectFieldError(page, 'Ombudets postnummer', 'Postnumret ska ha fem siffror');
});

test('a kiosk with a physical keyboard switches the on-screen keyboard off in config', async ({ page, startHost }) => {
  const host = await startHost(`${CONFIG}accessibility:\n  onScreenKeyboard: false\n`);
  await openTestService(page, host);
  await page.getByLabel('Ombudets personnummer').tap();
  await page.keyboard.type('199001012385');
  await expect(page.getByLabel('Ombudets personnummer')).toHaveValue('199001012385');
  await expect(keyboard(page)).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveClass(/osk-open/);
});
