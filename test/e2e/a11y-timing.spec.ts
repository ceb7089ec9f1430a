/**
 * Timing (WCAG 2.2.1): the warning before a visit ends can be answered with "more time" in the steps
 * config gives, again and again; the countdown is announced; without an answer the visit ends. A
 * visitor who only reads (no touch) gets the warning before core's own deadline could end anything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

test.describe('a visitor who reads without touching', () => {
  // real time, no page clock: idle 10 s, then the warning's 20 s; core's own deadline is 15 s later
  test.use({ hostConfig: configWithSession({ idleSeconds: 10, warningSeconds: 20 }) });

  test('gets the warning first, and the visit is ended by it: core never ends it before the warning has run', async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    await page.getByTestId('start-help').click();
    await expect(h1(page)).toHaveText('Frågor och svar');
    await expect(page.locator('.help-entry').first()).toBeVisible();
    const dialog = page.getByRole('alertdialog', { name: 'Är du kvar?' });
    // reading: nothing is touched, and the warning comes
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(h1(page)).toHaveText('Frågor och svar');
    // still no answer: the warning ends the visit, back on the start screen
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun', { timeout: 40_000 });
    const log = (): string => readFileSync(path.join(host.dataDir, 'logs', 'kiosk.log'), 'utf8');
    await expect.poll(log).toMatch(/"reason":"inactivity"[^\n]*"msg":"visit reset"/);
    // the warning's end came first: core's deadline (15 s later) ended nothing (and is off once the visit is reset)
    expect(log()).not.toMatch(/"reason":"expired"/);
    expect(log()).not.toContain('core ends the visit');
  });
});
