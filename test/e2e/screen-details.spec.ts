/**
 * The smaller findings of the kiosk-screen pass, each as the visitor meets it: Tab never stops on
 * nothing; "Frågor och svar" starts with an index of its questions; leaving an empty field (to change the
 * text size) is not an error, Nästa still says what is missing; the error summary shows the question and
 * what is wrong on lines of their own; "För personal och IT" shows it can be opened; the personnummer
 * looks the same on the step and on the review, and an answer from the register has no "Ändra"; on an
 * Arabic screen an e-service in English lines up at the right like the rest.
 */
import type { Locator, Page } from '@playwright/test';
import { A11Y_CONFIG, setMode } from './support/a11y-modes';
import { walkCameraLaunchOptions } from './support/camera';
import { walkParkering } from './support/every-screen';
import { expect, test } from './support/fixtures';
import { expectStep, h1, next, openKiosk, openService, reviewRow, summary } from './support/journey';

test.describe.configure({ mode: 'parallel' });
test.use({ launchOptions: walkCameraLaunchOptions(), hostConfig: A11Y_CONFIG });

/** The box of an element as drawn. */
async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  expect(b, `${l.toString()} is drawn`).not.toBeNull();
  return b!;
}

async function openSupportStep(page: Page, host: Parameters<typeof openKiosk>[1]): Promise<void> {
  await openKiosk(page, host);
  await openService(page, 'support-e-tjanster', 'Support för e-tjänster');
  await page.getByTestId('intro-begin').click();
  await expectStep(page, 'Om problemet');
}

test('Tab goes round the screen and never stops on nothing', async ({ page, host }) => {
  await openKiosk(page, host);
  const stops: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'nothing' : `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 30)}`;
      }),
    );
  }
  expect(stops).not.toContain('nothing');
  // round: the stop after the last is the first again
  const first = stops[0]!;
  expect(stops.indexOf(first, 1)).toBeGreaterThan(1);
});

test('Frågor och svar: the questions first, a tap away from each answer and back', async ({ page, host }) => {
  await openKiosk(page, host);
  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');
  const index = page.getByTestId('help-index');
  const links = index.getByRole('link');
  await expect(page.locator('.help-entry').first()).toBeVisible();
  const count = await page.locator('.help-entry').count();
  expect(count).toBeGreaterThan(3);
  await expect(links).toHaveCount(count);
  await expect(index).toBeInViewport();

  const lastQuestion = (await links.last().textContent())!.trim();
  await links.last().click();
  const heading = page.getByRole('heading', { level: 2, name: lastQuestion });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await expect(index).not.toBeInViewport();

  await page.getByTestId('help-to-index').click();
  await expect(index).toBeInViewport();
  await expect(index).toBeFocused();
});

test('an empty field left to change the text size is not an error; Nästa says what is missing, question above problem', async ({
  page,
  host,
}) => {
  await openSupportStep(page, host);
  const field = page.getByLabel('Vilken e-tjänst gäller det?');
  await field.click();
  // the visitor leaves the field for "Visning" and a larger text, then comes back
  await setMode(page, { lang: 'sv', size: 150, contrast: false });
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Fyll i det här fältet.')).toHaveCount(0);

  await next(page);
  const link = summary(page).getByRole('link', { name: 'Vilken e-tjänst gäller det? – Fyll i det här fältet.' });
  await expect(link).toBeVisible();
  const question = await box(link.locator('.part').first());
  const problem = await box(link.locator('.part.problem'));
  expect(problem.y, 'the problem on a line of its own under the question').toBeGreaterThanOrEqual(
    question.y + question.height - 1,
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
});

test('Arabic: an e-service shown in English lines up at the right with the kiosk’s own texts', async ({
  page,
  host,
}) => {
  await openSupportStep(page, host);
  await setMode(page, { lang: 'ar', size: 100, contrast: false });
  await expect(h1(page)).toHaveAttribute('dir', 'ltr');
  // every block of English text on the step is aligned right, as the Arabic ones are
  const aligned = await page
    .locator('main')
    .evaluate((main) =>
      [...main.querySelectorAll('[dir="ltr"]')]
        .filter((el) => !el.matches('input, textarea, select') && getComputedStyle(el).display !== 'inline')
        .map((el) => `${el.tagName} ${getComputedStyle(el).textAlign}`),
    );
  expect(aligned.length).toBeGreaterThan(3);
  expect(aligned.filter((a) => !a.endsWith(' right'))).toEqual([]);
  // the English heading ends where the Arabic progress text above it ends
  const progress = await box(page.getByTestId('progress'));
  const heading = await h1(page).evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().right;
  });
  expect(Math.abs(heading - (progress.x + progress.width))).toBeLessThan(4);
});

test('“För personal och IT” shows that it opens', async ({ page, startHost }) => {
  const host = await startHost('session:\n  idelSeconds: 30\n');
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Ur funktion');
  const summaryEl = page.getByText('För personal och IT');
  const marker = (): Promise<string> => summaryEl.evaluate((el) => getComputedStyle(el, '::before').content);
  expect(await marker()).toContain('▶');
  await summaryEl.click();
  expect(await marker()).toContain('▼');
});

test('the personnummer looks the same on the step and the review; no "Ändra" for the register’s answers', async ({
  page,
  host,
}) => {
  await walkParkering(page, host, async (p, what) => {
    if (what === 'parkering: step 2, prefilled') {
      await expect(p.getByLabel('Personnummer')).toHaveValue('19900101-2385');
    }
    if (what === 'parkering: review') {
      const pnr = reviewRow(p, 'Personnummer');
      await expect(pnr).toContainText('19900101-2385');
      await expect(pnr.getByRole('button')).toHaveCount(0);
      await expect(reviewRow(p, 'Namn').getByRole('button')).toHaveCount(0);
      // a typed answer can be changed: "Ändra" at the end of its row, after question and answer
      const phone = reviewRow(p, 'Telefonnummer');
      const change = phone.getByRole('button', { name: /^Ändra/ });
      await expect(change).toBeVisible();
      const value = await box(phone.locator('.review-value'));
      const button = await box(change);
      expect(button.x).toBeGreaterThanOrEqual(value.x + value.width - 1);
    }
  });
});
