/**
 * The accessibility statement (tillgänglighetsredogörelse) from the start screen: the text from
 * config, rendered as text (headings, paragraphs, lists; markup shown, never run), the contact for
 * reports, the supervising authority and the review date; the kiosk's own text when config has none.
 */
import { expectAccessible, expectTouchTargets } from './support/a11y';
import { A11Y_CONFIG } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { h1 } from './support/journey';

const STATEMENT_CONFIG = `${A11Y_CONFIG}
accessibility:
  reportContact:
    email: tillganglighet@testby.se
    phone: 08-123 46 00
  reviewed: 2025-05-01
  statement:
    sv: |
      Testby kommun vill att kiosken ska gå att använda för alla.

      ## Vad som inte fungerar
      - Kvittot skrivs inte ut.
      - **Ljud** saknas.

      ### Planerat
      Vi åtgärdar bristerna under <b>2026</b>. <img src=x onerror="document.title='hacked'">
    en: |
      Testby municipality wants everyone to be able to use the kiosk.

      ## What does not work
      - The receipt is not printed.
`;

test('the statement from config: headings, lists and markup as text, with the contact and the review date', async ({
  page,
  startHost,
}) => {
  const host = await startHost(STATEMENT_CONFIG);
  await page.goto(host.url);
  await page.getByTestId('start-statement').click();
  await expect(h1(page)).toHaveText('Tillgänglighetsredogörelse');
  await expect(h1(page)).toBeFocused();
  await expect(page).toHaveTitle('Tillgänglighetsredogörelse – Testby kommun');
  const text = page.getByTestId('statement-text');
  await expect(text.getByRole('heading', { level: 2, name: 'Vad som inte fungerar' })).toBeVisible();
  await expect(text.getByRole('heading', { level: 3, name: 'Planerat' })).toBeVisible();
  await expect(text.getByRole('listitem')).toHaveText(['Kvittot skrivs inte ut.', 'Ljud saknas.']);
  await expect(text.locator('strong')).toHaveText('Ljud');
  // markup in the text is shown as it is written and never becomes an element
  await expect(text).toContainText(
    'Vi åtgärdar bristerna under <b>2026</b>. <img src=x onerror="document.title=\'hacked\'">',
  );
  await expect(text.locator('img, b')).toHaveCount(0);
  await expect(page).not.toHaveTitle('hacked');

  const report = page.getByTestId('statement-report');
  await expect(report).toContainText('E-post: tillganglighet@testby.se');
  await expect(report).toContainText('Telefon: 08-123 46 00');
  await expect(page.getByText('Myndigheten för digital förvaltning (DIGG)')).toContainText('digg.se/tdosanmalan');
  await expect(page.getByTestId('statement-reviewed')).toHaveText('Redogörelsen granskades senast 1 maj 2025.');
  await expectAccessible(page, 'statement from config');
  await expectTouchTargets(page, 'statement from config');

  // in English the English text; in Arabic, which config lacks, the English text marked so and said so
  await page.getByRole('button', { name: 'English' }).click();
  await expect(h1(page)).toHaveText('Accessibility statement');
  await expect(text.getByRole('heading', { name: 'What does not work' })).toBeVisible();
  await expect(page.getByTestId('statement-reviewed')).toHaveText('The statement was last reviewed on 1 May 2025.');
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(h1(page)).toHaveText('بيان إمكانية الوصول');
  await expect(page.getByTestId('statement-language-notice')).toHaveText('هذا البيان متوفر باللغة الإنجليزية فقط.');
  await expect(text).toHaveAttribute('lang', 'en');
  await expect(text).toHaveAttribute('dir', 'ltr');
  await expect(text.getByRole('heading', { name: 'What does not work' })).toBeVisible();

  await page.getByTestId('statement-back').click();
  await expect(h1(page)).toHaveText('مرحبًا بك في Testby kommun');
});

test('without a statement in config: the kiosk’s own, reports to the contact centre', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('start-statement').click();
  await expect(h1(page)).toHaveText('Tillgänglighetsredogörelse');
  await expect(page.getByTestId('statement-text')).toContainText('Testby kommun står bakom den här kiosken.');
  await expect(page.getByRole('heading', { name: 'Så kan du anpassa kiosken' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kända brister' })).toBeVisible();
  // the documents are tagged PDFs (test/unit/core/documents/tagged-pdf.test.ts)
  await expect(page.getByTestId('statement-text')).toContainText('Blanketter och kvitton är taggade PDF-filer.');
  const report = page.getByTestId('statement-report');
  await expect(report).toContainText('E-post: kontakt@testby.se');
  await expect(report).toContainText('Telefon: 08-123 45 00');
  await expect(page.getByTestId('statement-reviewed')).toHaveCount(0);
});
