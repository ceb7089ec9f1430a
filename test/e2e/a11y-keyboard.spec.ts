/**
 * A visitor with a keyboard (or a switch that sends Tab, Enter and Space) and no pointer: the whole of
 * "Felanmälan gata, park och belysning" from the start screen to the receipt, with keyboard.press and
 * keyboard.type only. Focus order is the reading order, focus never gets stuck, every control answers
 * Enter or Space, the skip link works, and the page title and heading follow every step.
 */
import type { Locator, Page } from '@playwright/test';
import { A11Y_CONFIG } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { h1, summary } from './support/journey';

// a whole visit by keyboard takes more than the default minute on a busy machine
test.describe.configure({ timeout: 120_000 });
test.use({ hostConfig: A11Y_CONFIG });

const focused = (l: Locator): Promise<boolean> => l.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it takes more than `max` presses. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < (options.max ?? 60); i += 1) {
    if (await focused(target)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `focus never reached ${target.toString()} (last: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`,
  );
}

/** Tabs to `target` (as `tabTo`) and presses `key` there. */
async function tabToAndPress(
  page: Page,
  target: Locator,
  key: 'Enter' | 'Space' | 'ArrowDown',
  options: { back?: boolean; max?: number } = {},
): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}

/** The new screen's heading has focus and names the page. */
async function expectScreen(page: Page, heading: string): Promise<void> {
  await expect(h1(page)).toHaveText(heading);
  await expect(h1(page)).toBeFocused();
  await expect(page).toHaveTitle(`${heading} – Testby kommun`);
}

test('Felanmälan from start to receipt with the keyboard alone', async ({ page, host }) => {
  await page.goto(host.url);
  await expectScreen(page, 'Välkommen till Testby kommun');

  // the skip link is the first stop of the page and takes focus past the header into the content
  const skip = page.locator('.skip-link');
  await tabTo(page, skip, { back: true, max: 20 });
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('begin')).toBeFocused();

  // the header's controls answer the keyboard: "Visning" opens the display settings, high contrast on
  // and off again with Space, Escape closes them and gives focus back to "Visning"
  const display = page.getByTestId('display-open');
  await tabToAndPress(page, display, 'Enter', { back: true, max: 20 });
  const contrast = page.getByTestId('high-contrast');
  await tabTo(page, contrast, { max: 10 });
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveClass(/high-contrast/);
  await page.keyboard.press('Space');
  await expect(page.locator('html')).not.toHaveClass(/high-contrast/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('display-sheet')).toHaveCount(0);
  await expect(display).toBeFocused();

  await tabToAndPress(page, page.getByTestId('begin'), 'Enter');
  await expectScreen(page, 'Välj e-tjänst');
  await tabToAndPress(page, page.locator('[data-service="felanmalan-gata-park"]'), 'Space');
  await expectScreen(page, 'Felanmälan gata, park och belysning');
  await tabToAndPress(page, page.getByTestId('intro-begin'), 'Enter');

  // ── step 1: radio buttons with the arrow keys, a text area, Nästa with Enter ──
  await expectScreen(page, 'Vad är fel?');
  const urgentNo = page.getByRole('radio', { name: 'Nej' });
  await tabToAndPress(page, page.getByRole('radio', { name: 'Ja' }), 'ArrowDown');
  await expect(urgentNo).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Gatubelysning som är trasig eller släckt' })).toBeFocused();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Nedskräpning eller klotter' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Beskriv felet')).toBeFocused();
  await page.keyboard.type('Soptunnan vid lekplatsen är full och skräpet blåser omkring.');
  await tabToAndPress(page, page.getByTestId('step-next'), 'Enter');

  // ── step 2: Nästa too early → the summary has focus, its link takes the visitor to the field ──
  await expectScreen(page, 'Var finns felet?');
  await tabToAndPress(page, page.getByTestId('step-next'), 'Enter');
  await expect(summary(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(summary(page).getByRole('link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Adress eller plats')).toBeFocused();
  await page.keyboard.type('Storgatan 12');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Ort eller stadsdel')).toBeFocused();
  await page.keyboard.type('Centrum');
  await tabToAndPress(page, page.getByTestId('step-next'), 'Enter');

  // ── step 3: Space picks "Ja", the new fields follow in order, the consent with Space ──
  await expectScreen(page, 'Vill du ha återkoppling?');
  await tabToAndPress(page, page.getByRole('radio', { name: 'Ja' }), 'Space');
  await expect(page.getByRole('radio', { name: 'Ja' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Namn')).toBeFocused();
  await page.keyboard.type('Åsa Öberg');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-postadress')).toBeFocused();
  await page.keyboard.type('asa@exempel.se');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Telefonnummer')).toBeFocused();
  await page.keyboard.type('070-123 45 67');
  await page.keyboard.press('Tab');
  const consent = page.getByRole('checkbox', { name: 'Jag har läst hur kommunen behandlar mina personuppgifter.' });
  await expect(consent).toBeFocused();
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();
  await tabToAndPress(page, page.getByTestId('step-next'), 'Enter');

  // ── review and receipt ──
  await expectScreen(page, 'Kontrollera dina uppgifter');
  await expect(page.locator('.review-item').filter({ hasText: 'E-postadress' })).toContainText('asa@exempel.se');
  await tabToAndPress(page, page.getByTestId('review-submit'), 'Enter');
  await expectScreen(page, 'Vi har nu mottagit ditt ärende!');
  await tabToAndPress(page, page.getByTestId('receipt-finish'), 'Space');
  await expectScreen(page, 'Välkommen till Testby kommun');
});

test('the inactivity warning keeps focus inside it and answers the keyboard', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  await tabToAndPress(page, page.getByTestId('begin'), 'Enter');
  await expectScreen(page, 'Välj e-tjänst');
  const back = page.getByRole('button', { name: 'Tillbaka' });
  await tabTo(page, back);
  await page.clock.fastForward(601_000);
  const dialog = page.getByRole('alertdialog', { name: 'Är du kvar?' });
  await expect(dialog).toBeVisible();
  const stay = dialog.getByTestId('inactivity-stay');
  await expect(stay).toBeFocused();
  // Tab and Shift+Tab go round the dialog's buttons only: the modal dialog is the one focus trap
  const buttons = await dialog.getByRole('button').count();
  for (let i = 0; i < buttons; i += 1) await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button').last()).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  // the visitor is back where they were
  await expect(back).toBeFocused();
});
