/**
 * Text size, contrast and motion: 200 % on a landscape screen with nothing cut off or overlapping and
 * the on-screen keyboard still leaving the field in view; the settings belong to the visit and are gone
 * for the next visitor; reduced motion is respected.
 */
import { A11Y_CONFIG, expectKeyboardClear, expectReflow, setMode } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { choose, h1, next, openKiosk, openService, summary } from './support/journey';

test.describe.configure({ mode: 'parallel', timeout: 120_000 });
test.use({ hostConfig: A11Y_CONFIG });

test.describe('on a landscape screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('200 % (and 150 %): no sideways scrolling, nothing overlapping or cut off, the keyboard clear of the field', async ({
    page,
    host,
  }) => {
    await openKiosk(page, host);
    await setMode(page, { lang: 'sv', size: 200, contrast: false });
    await expectReflow(page, 'start at 200 %');
    await page.getByTestId('start-statement').click();
    await expectReflow(page, 'statement at 200 %');
    await page.getByTestId('statement-back').click();
    await page.getByTestId('begin').click();
    await expect(h1(page)).toHaveText('Välj e-tjänst');
    await expectReflow(page, 'catalogue at 200 %');
    await page.locator('[data-service="support-e-tjanster"]').click();
    await expectReflow(page, 'intro at 200 %');
    await page.getByTestId('intro-begin').click();
    await expect(h1(page)).toHaveText('Om problemet');
    await next(page);
    await expect(summary(page)).toBeVisible();
    await expectReflow(page, 'step with errors at 200 %');

    // the keyboard takes a good part of a landscape screen at 200 %: the field still shows above it
    const description = page.getByLabel('Beskriv vad som hände');
    await description.click();
    await expectKeyboardClear(page, description);
    await expectReflow(page, 'step with the keyboard at 200 %');
    await page.keyboard.type('Det går inte att logga in.');
    await expectKeyboardClear(page, description);
    await setMode(page, { lang: 'ar', size: 150, contrast: true });
    await expectReflow(page, 'step in Arabic at 150 %');
    await page.locator('#f-etjanst').click();
    await expectKeyboardClear(page, page.locator('#f-etjanst'));
  });
});

test('the settings belong to the visit: the next visitor gets the kiosk as it was', async ({ page, host }) => {
  await page.clock.install();
  await openKiosk(page, host);
  const html = page.locator('html');
  await setMode(page, { lang: 'ar', size: 200, contrast: true });
  await page.getByRole('button', { name: 'ابدأ' }).click();
  await page.locator('[data-service="support-e-tjanster"]').click();
  await page.getByTestId('intro-begin').click();
  // the settings follow the visitor from screen to screen
  await expect(html).toHaveAttribute('data-text-size', '200');
  await expect(html).toHaveClass(/high-contrast/);
  await page.locator('#f-etjanst').click();
  await page.getByTestId('osk-toggle').click();
  await expect(page.getByTestId('onscreen-keyboard').locator('[data-key]')).toHaveCount(0);

  // the visitor walks away: the visit ends and everything is as the kiosk's default
  await page.clock.fastForward(601_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.clock.runFor(31_000);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await expect(html).toHaveAttribute('lang', 'sv');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).not.toHaveAttribute('data-text-size');
  await expect(html).not.toHaveClass(/high-contrast|osk-open/);
  await page.getByTestId('display-open').click();
  await expect(page.getByTestId('text-size-100')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('high-contrast')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('display-close').click();
  // and the keyboard is back for the next visitor
  await openService(page, 'support-e-tjanster', 'Support för e-tjänster');
  await page.getByTestId('intro-begin').click();
  await page.locator('#f-etjanst').click();
  await expect(page.getByTestId('onscreen-keyboard').locator('[data-key="q"]')).toBeVisible();
});

test('reduced motion: the keyboard appears without moving; otherwise it slides in', async ({ page, host }) => {
  await openKiosk(page, host);
  await openService(page, 'felanmalan-gata-park', 'Felanmälan gata, park och belysning');
  await page.getByTestId('intro-begin').click();
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Nej');
  const animation = () => page.getByTestId('onscreen-keyboard').evaluate((el) => getComputedStyle(el).animationName);
  await page.getByLabel('Beskriv felet').click();
  expect(await animation()).toMatch(/^osk-rise/);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
});
