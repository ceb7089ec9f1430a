/**
 * A long step (40 questions) as a municipality may write one: the kiosk shows its top at once and the
 * rest over the next frames (useProgressiveFields.ts, docs/flows.md "Long steps"). What a visitor must
 * never notice: a question missing, Nästa going on past questions that were not there yet, an error
 * summary without the last questions, or a screen that fails axe while it fills in.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { A11Y_CONFIG } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/host';
import { expectScreenOk, expectStep, next, openKiosk, openService, summary } from './support/journey';

const FLOWS = path.join(repoRoot, 'test', 'e2e', 'support', 'long-step-flows');
const QUESTIONS = 40;

test.describe.configure({ mode: 'parallel', timeout: 120_000 });
test.use({ hostConfig: `${A11Y_CONFIG}\nflows:\n  dirs: [${JSON.stringify(FLOWS)}]\n` });

/** Notes whether the step form was ever shown while still filling in (aria-busy). */
const SEEN_BUSY = `(() => {
  window.__seenBusy = false;
  new MutationObserver(() => {
    if (document.querySelector('#step-form[aria-busy="true"]')) window.__seenBusy = true;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
})()`;

const questions = (page: Page) => page.locator('[data-step="fragor"] .step-form > .field');

test('every question of a long step arrives, and Nästa at once still checks the last one', async ({ page, host }) => {
  // a slow kiosk PC (Chromium's CPU throttled 6×), so the step is still filling in when Nästa is pressed
  await page.addInitScript(SEEN_BUSY);
  await openKiosk(page, host);
  await openService(page, 'langt-formular', 'Inventering av föreningslokaler');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.getByTestId('intro-begin').click();
  await expectStep(page, 'Frågor om lokalen');
  // Nästa straight away, before the step may have filled in: every question is checked, the last one too
  await next(page);
  await expect(summary(page)).toBeVisible();
  await expect(summary(page).getByRole('link')).toHaveCount(QUESTIONS);
  await expect(questions(page)).toHaveCount(QUESTIONS);
  await expect(page.locator('#step-form')).not.toHaveAttribute('aria-busy', 'true');
  expect(await page.evaluate('window.__seenBusy'), 'the step was shown before all its questions').toBe(true);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await summary(page)
    .getByRole('link', { name: /Fråga 40 om lokalen/ })
    .click();
  await expect(page.getByLabel('Fråga 40 om lokalen')).toBeFocused();
  await expect(page.locator('h1')).toHaveText('Frågor om lokalen');
});

test('a long step answered to the end goes on, and passes axe once filled in', async ({ page, host }) => {
  await openKiosk(page, host);
  await openService(page, 'langt-formular', 'Inventering av föreningslokaler');
  await page.getByTestId('intro-begin').click();
  await expectStep(page, 'Frågor om lokalen');
  await expect(questions(page)).toHaveCount(QUESTIONS);
  await expect(page.locator('#step-form')).not.toHaveAttribute('aria-busy', 'true');
  await expectScreenOk(page, 'long step');
  for (let i = 1; i <= QUESTIONS; i += 1) await page.getByLabel(`Fråga ${i} om lokalen`).fill(`Svar ${i}`);
  await next(page);
  await expectStep(page, 'Till sist');
  // back: the answers are all there, the last one too
  await page.getByTestId('step-back').click();
  await expectStep(page, 'Frågor om lokalen');
  await expect(page.getByLabel('Fråga 40 om lokalen')).toHaveValue('Svar 40');
});
