/**
 * Arabic: the page turns right to left and the layout mirrors; the kiosk's own texts are Arabic; the
 * e-services, which have no Arabic, are shown in English, marked lang="en" dir="ltr", and the visitor
 * is told so on the intro and on every step.
 */
import type { Page } from '@playwright/test';
import { en } from '../../src/renderer/src/i18n/en';
import { sv } from '../../src/renderer/src/i18n/sv';
import { A11Y_CONFIG } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { messageStrings } from './support/i18n-strings';
import { h1, openKiosk, summary } from './support/journey';

test.use({ hostConfig: A11Y_CONFIG });

const NOTICE = 'هذه الخدمة متوفرة باللغة الإنجليزية فقط.';

/** The page's text outside elements marked with another language (the e-services' English). */
async function arabicPageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('[lang]:not([lang="ar"])')) el.remove();
    return copy.textContent ?? '';
  });
}

async function expectNoSwedishOrEnglishUi(page: Page, what: string): Promise<void> {
  const text = await arabicPageText(page);
  const leftovers = [...messageStrings(sv), ...messageStrings(en)].filter((s) => text.includes(s));
  expect(leftovers, `Swedish or English kiosk texts on ${what} in Arabic`).toEqual([]);
}

/** Where along the line an element's middle is (the header wraps: compare middles, not edges). */
async function middle(page: Page, selector: string): Promise<number> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not rendered`);
  return b.x + b.width / 2;
}

test('Arabic: right to left, mirrored, the kiosk in Arabic and the e-service in English with a notice', async ({
  page,
  host,
}) => {
  await openKiosk(page, host);
  const html = page.locator('html');
  // left to right: the municipality's name at the left, the controls at the right
  expect(await middle(page, '[data-testid="header-brand"]')).toBeLessThan(await middle(page, '.language-switch'));

  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(h1(page)).toHaveText('مرحبًا بك في Testby kommun');
  await expect(page).toHaveTitle('مرحبًا بك في Testby kommun – Testby kommun');
  // mirrored: the name at the right, the controls at the left
  expect(await middle(page, '[data-testid="header-brand"]')).toBeGreaterThan(await middle(page, '.language-switch'));
  await expect(page.getByRole('button', { name: 'ابدأ' })).toBeVisible();
  // the display settings ("العرض") name their groups in Arabic
  await page.getByTestId('display-open').click();
  await expect(page.getByRole('dialog', { name: 'العرض' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'حجم النص' })).toBeVisible();
  await page.getByTestId('display-close').click();
  // the phone number keeps its digits in order inside the Arabic sentence
  await expect(page.locator('.contact bdi')).toHaveText('08-123 45 00');
  await expect(page.locator('.contact bdi')).toHaveAttribute('dir', 'ltr');
  await expectNoSwedishOrEnglishUi(page, 'the start screen');

  await page.getByRole('button', { name: 'ابدأ' }).click();
  await expect(h1(page)).toHaveText('اختر خدمة إلكترونية');
  const service = page.locator('[data-service="felanmalan-gata-park"]');
  await expect(service.locator('.title')).toHaveText('Report a fault on streets, parks and lighting');
  await expect(service.locator('.title')).toHaveAttribute('lang', 'en');
  await expect(service.locator('.title')).toHaveAttribute('dir', 'ltr');
  await expect(service.locator('.identification')).toHaveText('لا حاجة إلى إثبات الهوية');
  await expectNoSwedishOrEnglishUi(page, 'the catalogue');

  // ── the intro: English, marked, with the notice in Arabic ──
  await service.click();
  await expect(h1(page)).toHaveText('Report a fault on streets, parks and lighting');
  await expect(h1(page)).toHaveAttribute('lang', 'en');
  await expect(h1(page)).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('flow-language-notice')).toHaveText(NOTICE);
  await expect(page.getByRole('heading', { name: 'كيف نتعامل مع بياناتك الشخصية' })).toBeVisible();
  // the row of buttons mirrors: back at the right, go on at the left
  const backBox = await page.getByRole('button', { name: 'رجوع' }).boundingBox();
  const beginBox = await page.getByTestId('intro-begin').boundingBox();
  expect(backBox!.x).toBeGreaterThan(beginBox!.x);
  await page.getByTestId('intro-begin').click();

  // ── a step: the notice again, English labels marked, the kiosk's errors in Arabic ──
  await expect(h1(page)).toHaveText('What is wrong?');
  await expect(page.getByTestId('progress')).toHaveText('الخطوة 1 من 3');
  await expect(page.getByTestId('flow-language-notice')).toHaveText(NOTICE);
  const label = page.locator('label[for="f-beskrivning"] span[lang="en"]');
  await expect(label).toHaveText('Describe the fault');
  await expect(label).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#f-beskrivning')).toHaveAttribute('dir', 'auto');
  await page.getByTestId('step-next').click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('heading')).toHaveText('صحّح ما يلي قبل المتابعة');
  const link = summary(page).getByRole('link').filter({ hasText: 'Describe the fault' });
  await expect(link).toHaveText('Describe the fault – املأ هذا الحقل.');
  await expect(link.locator('span[lang="en"]')).toHaveText('Describe the fault');
  await expect(page.getByLabel('Describe the fault')).toHaveAccessibleDescription(/املأ هذا الحقل/);
  await expectNoSwedishOrEnglishUi(page, 'a step with errors');

  // back to Swedish: left to right again, nothing marked as another language
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(h1(page)).toHaveText('Vad är fel?');
  await expect(page.getByTestId('flow-language-notice')).toHaveCount(0);
  await expect(page.locator('main [lang]')).toHaveCount(0);
});

test('Arabic: the accessibility statement and the help in the visitor’s language or marked as English', async ({
  page,
  host,
}) => {
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByTestId('start-statement').click();
  await expect(h1(page)).toHaveText('بيان إمكانية الوصول');
  await expect(page.getByRole('heading', { name: 'كيف يمكنك ضبط الجهاز' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'الإبلاغ عن المشكلات' })).toBeVisible();
  await expect(page.getByTestId('statement-report').locator('bdi').first()).toHaveText('kontakt@testby.se');
  await expect(page.getByTestId('statement-language-notice')).toHaveCount(0);
  await expectNoSwedishOrEnglishUi(page, 'the statement');
  await page.getByTestId('statement-back').click();

  // the answers exist in Swedish and English only: shown in English, marked so
  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('أسئلة وأجوبة');
  const entry = page.locator('.help-entry').first();
  await expect(entry).toHaveAttribute('lang', 'en');
  await expect(entry).toHaveAttribute('dir', 'ltr');
  // …and the visitor is told so, in Arabic, before the English text
  await expect(page.getByTestId('help-language-notice')).toHaveText('الأسئلة والأجوبة متوفرة باللغة الإنجليزية فقط.');
});

test('Arabic: the paper route names the e-service in English, marked so', async ({ page, host }) => {
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByRole('button', { name: 'ابدأ' }).click();
  await page.locator('[data-service="forskoleplats"]').click();
  await expect(h1(page)).toHaveText('Application for a place in preschool');
  await page.getByRole('button', { name: 'لديّ هوية محمية' }).click();
  await expect(page.locator('[data-screen="paper-route"]')).toBeVisible();
  const service = page.getByTestId('flow-service-name');
  await expect(service).toHaveText('Application for a place in preschool');
  await expect(service).toHaveAttribute('lang', 'en');
  await expect(service).toHaveAttribute('dir', 'ltr');

  // in Swedish the name is the page's own language: nothing to mark
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(service).toHaveText('Ansökan om plats i förskola');
  await expect(service).not.toHaveAttribute('lang', /./);
});
