/**
 * Timing (WCAG 2.2.1): the warning before a visit ends can be answered with "more time" in the steps
 * config gives, again and again; the countdown is announced; without an answer the visit ends.
 */
import { expect, test } from './support/fixtures';
import { configWithSession, h1 } from './support/journey';

test.use({ hostConfig: configWithSession({ idleSeconds: 30, warningSeconds: 20, extendSteps: [60, 90] }) });

test('"Jag behöver mer tid" works again and again, in the steps from config', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  await page.getByTestId('begin').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.clock.pauseAt(Date.now() + 1_000);
  const dialog = page.getByRole('alertdialog', { name: 'Är du kvar?' });

  await page.clock.runFor(31_000);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button')).toHaveText([
    'Jag är kvar',
    'Jag behöver mer tid (1 min)',
    'Jag behöver mer tid (90 sekunder)',
  ]);
  // the countdown is announced (assertively, not every second) and described in the dialog
  await expect(dialog.locator('[aria-live="assertive"]')).toHaveText('Besöket avslutas om 20 sekunder.');
  await expect(dialog).toHaveAccessibleDescription(/avslutas besöket om 1\d sekunder och allt du har fyllt i raderas/);
  await page.clock.runFor(10_000);
  await expect(dialog.locator('[aria-live="assertive"]')).toHaveText('Besöket avslutas om 10 sekunder.');

  // three times more time: each gives the idle time plus the step chosen, then warns again
  for (const [button, extra] of [
    ['Jag behöver mer tid (1 min)', 60],
    ['Jag behöver mer tid (1 min)', 60],
    ['Jag behöver mer tid (90 sekunder)', 90],
  ] as const) {
    await dialog.getByRole('button', { name: button }).click();
    await expect(dialog).toHaveCount(0);
    await page.clock.runFor((30 + extra - 2) * 1000);
    await expect(dialog).toHaveCount(0);
    await expect(h1(page)).toHaveText('Välj e-tjänst');
    await page.clock.runFor(3_000);
    await expect(dialog).toBeVisible();
  }

  // "Jag är kvar" gives the ordinary idle time again
  await dialog.getByRole('button', { name: 'Jag är kvar' }).click();
  await page.clock.runFor(29_000);
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(2_000);
  await expect(dialog).toBeVisible();

  // no answer: the visit ends
  await page.clock.runFor(21_000);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
});
