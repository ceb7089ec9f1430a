/**
 * The touch date field, on a portrait and a landscape screen: a date tapped on the on-screen number pad
 * (the hyphens come by themselves), chosen with the day buttons and in the calendar, and typed on a
 * physical keyboard ("20260101" is stored as 2026-01-01, not as the native input's 0101-02-02); a date
 * that does not exist and dates outside the field's limits get the usual messages; what reaches the
 * municipality is the ISO date. Never the browser's own date input.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { A11Y_CONFIG, expectKeyboardClear, setMode } from './support/a11y-modes';
import { deliveredEnvelope } from './support/delivered-cases';
import { expect, test } from './support/fixtures';
import { repoRoot, type TestHost } from './support/host';
import {
  expectFieldError,
  expectNoFieldError,
  expectReceipt,
  expectStep,
  h1,
  inDays,
  next,
  openKiosk,
  openService,
  reviewRow,
} from './support/journey';
import { ORIENTATIONS } from './support/screen-layout';

const FLOWS = path.join(repoRoot, 'test', 'e2e', 'support', 'date-flows');
const CONFIG = `${A11Y_CONFIG}
flows:
  dirs: [${JSON.stringify(FLOWS)}]
`;
const FROM = 'Från vilket datum vill du boka?';
const LAST = 'Sista dag för avbokning';
const SIGNED = 'När skrev du under ansökan?';

test.describe.configure({ mode: 'parallel', timeout: 120_000 });
test.use({ hostConfig: CONFIG });

async function openBooking(page: Page, host: TestHost): Promise<void> {
  await openKiosk(page, host);
  await openService(page, 'datumprov', 'Bokning av samlingslokal');
  await page.getByTestId('intro-begin').click();
  await expectStep(page, 'Datum');
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
}

/** The input of the date with this label. */
function dateInput(page: Page, label: string): Locator {
  return page.getByRole('textbox', { name: label, exact: true });
}

/** The field (label, input, readout, buttons, calendar) of the date with this label. */
function dateField(page: Page, label: string): Locator {
  return page.locator('.field').filter({ has: dateInput(page, label) });
}

/** The answers delivered to the municipality for the case with this reference (the embedded outbox), by field. */
async function deliveredAnswers(host: TestHost, reference: string): Promise<Record<string, unknown>> {
  const envelope = await deliveredEnvelope<{
    reference: string;
    answers: Array<{ fieldId: string; value: unknown }>;
  }>(host.dataDir, reference);
  return Object.fromEntries(envelope.answers.map((i) => [i.fieldId, i.value]));
}

/** A date between `min` and `max`: today where it is inside, else the nearer end. */
function clamp(date: string, min: string, max: string): string {
  return date < min ? min : date > max ? max : date;
}

for (const o of ORIENTATIONS) {
  test.describe(`on a ${o.name} screen`, () => {
    test.use({ viewport: { width: o.width, height: o.height } });

    test.describe('by touch', () => {
      test.use({ hasTouch: true });

      test('tapped on the number pad, with the day buttons and in the calendar', async ({ page, host }) => {
        await openBooking(page, host);
        const from = dateInput(page, FROM);
        const keyboard = page.getByTestId('onscreen-keyboard');

        // the number pad of a date: digits and the hyphen, nothing else
        await from.tap();
        await expect(keyboard).toHaveAttribute('data-mode', 'date');
        await expect(keyboard.locator('[data-key="-"]')).toBeVisible();
        await expect(keyboard.locator('[data-key="+"], [data-key="space"], [data-key="q"]')).toHaveCount(0);
        for (const key of '20260230') await keyboard.locator(`[data-key="${key}"]`).tap();
        await expect(from).toHaveValue('2026-02-30');
        await expectKeyboardClear(page, from);
        // leaving the field (a tap on the heading): a day that does not exist
        await h1(page).tap();
        await expectFieldError(page, FROM, 'Det datumet finns inte. Kontrollera dag och månad.');
        await from.tap();
        await keyboard.locator('[data-key="backspace"]').tap();
        await keyboard.locator('[data-key="backspace"]').tap();
        await keyboard.locator('[data-key="1"]').tap();
        await keyboard.locator('[data-key="4"]').tap();
        await expect(from).toHaveValue('2026-02-14');
        await expectNoFieldError(page, FROM);
        await expect(dateField(page, FROM).getByTestId('date-readout')).toHaveText('lördag 14 februari 2026');

        // the calendar follows the field; a tap on a day chooses it; nothing outside the limits
        const calendar = page.getByTestId('f-fran-calendar');
        await expect(calendar.locator('.month-name')).toHaveText('februari 2026');
        await expect(calendar.locator('[data-date="2026-02-14"]')).toHaveAttribute('aria-pressed', 'true');
        await calendar.getByRole('button', { name: 'Nästa månad' }).tap();
        await expect(calendar.locator('.month-name')).toHaveText('mars 2026');
        await expect(calendar.locator('[data-date="2026-03-21"]')).toBeDisabled();
        await expect(calendar.getByRole('button', { name: 'Nästa månad' })).toBeDisabled();
        await calendar.getByRole('button', { name: 'fredag 20 mars 2026' }).tap();
        await expect(from).toHaveValue('2026-03-20');
        await expect(dateField(page, FROM).getByTestId('date-readout')).toHaveText('fredag 20 mars 2026');

        // the day buttons start from today (moved inside the limits) and never leave the limits
        const last = dateInput(page, LAST);
        const steps = dateField(page, LAST);
        const start = clamp(inDays(0), '2026-01-10', '2026-01-12');
        await steps.locator('[data-step="later"]').tap();
        await expect(last).toHaveValue(start);
        for (let i = 0; i < 2 && (await steps.locator('[data-step="earlier"]').isEnabled()); i += 1)
          await steps.locator('[data-step="earlier"]').tap();
        await expect(last).toHaveValue('2026-01-10');
        await expect(steps.locator('[data-step="earlier"]')).toBeDisabled();
        await steps.locator('[data-step="later"]').tap();
        await expect(last).toHaveValue('2026-01-11');
        if (start !== inDays(0)) await expect(steps.locator('[data-step="today"]')).toBeDisabled();

        // "I dag" on a field without limits
        await dateField(page, SIGNED).locator('[data-step="today"]').tap();
        await expect(dateInput(page, SIGNED)).toHaveValue(inDays(0));

        await next(page);
        await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
        await expect(reviewRow(page, FROM)).toContainText('2026-03-20');
        await expect(reviewRow(page, LAST)).toContainText('2026-01-11');
        await page.getByTestId('review-submit').tap();
        const reference = await expectReceipt(page, 'Bokning av samlingslokal');
        expect(await deliveredAnswers(host, reference)).toEqual({
          fran: '2026-03-20',
          sista: '2026-01-11',
          ansokt: inDays(0),
        });
      });
    });

    test('typed on a physical keyboard: what is stored, a day that does not exist, dates outside the limits', async ({
      page,
      startHost,
    }) => {
      const host = await startHost(`${CONFIG}accessibility:\n  onScreenKeyboard: false\n`);
      await openBooking(page, host);
      const from = dateInput(page, FROM);
      const signed = dateInput(page, SIGNED);

      // the browser's own date input stored "0101-02-02" for this; the kiosk's stores the date typed
      await signed.click();
      await page.keyboard.type('20260101');
      await expect(signed).toHaveValue('2026-01-01');
      await expect(dateField(page, SIGNED).getByTestId('date-readout')).toHaveText('torsdag 1 januari 2026');

      const typeInto = async (field: Locator, keys: string): Promise<void> => {
        await field.click();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(keys);
        await page.keyboard.press('Tab');
      };
      await typeInto(from, '20260109');
      await expectFieldError(page, FROM, 'Välj ett datum från och med 2026-01-10.');
      await typeInto(from, '20260401');
      await expectFieldError(page, FROM, 'Välj ett datum till och med 2026-03-20.');
      await typeInto(from, '20260230');
      await expectFieldError(page, FROM, 'Det datumet finns inte. Kontrollera dag och månad.');
      await typeInto(from, '2026315');
      await expectFieldError(page, FROM, 'Skriv datumet som år-månad-dag, till exempel 2025-03-14.');
      // the visitor's own hyphens are kept where they belong
      await typeInto(from, '2026-03-15');
      await expectNoFieldError(page, FROM);
      await expect(from).toHaveValue('2026-03-15');
      // the same date read in the visitor's language, the field still ÅÅÅÅ-MM-DD
      await setMode(page, { lang: 'en', size: 100, contrast: false });
      await expect(dateInput(page, 'From which date do you want to book?')).toHaveValue('2026-03-15');
      await expect(dateField(page, 'From which date do you want to book?').getByTestId('date-readout')).toHaveText(
        'Sunday, 15 March 2026',
      );
      await setMode(page, { lang: 'sv', size: 100, contrast: false });

      await next(page);
      await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
      await expect(reviewRow(page, SIGNED)).toContainText('2026-01-01');
      await page.getByTestId('review-submit').click();
      const reference = await expectReceipt(page, 'Bokning av samlingslokal');
      expect(await deliveredAnswers(host, reference)).toEqual({ fran: '2026-03-15', ansokt: '2026-01-01' });
    });
  });
}
