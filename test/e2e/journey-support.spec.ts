import { expect, test } from './support/fixtures';
import {
  back,
  beginService,
  choose,
  correctField,
  expectNoFieldError,
  expectReceipt,
  expectScreenOk,
  expectStep,
  finishVisit,
  h1,
  next,
  openKiosk,
  openService,
  reviewRow,
  summary,
} from './support/journey';

test('Support för e-tjänster: errors corrected, conditions, back/next, help and Ändra, to the receipt', async ({
  page,
  host,
}) => {
  await openKiosk(page, host);
  await openService(page, 'support-e-tjanster', 'Support för e-tjänster');
  await expect(page.getByText('Namnet på e-tjänsten du har problem med')).toBeVisible();
  await expect(page.getByText('Kommunstyrelsen')).toBeVisible();
  await expectScreenOk(page, 'intro');
  await beginService(page);

  // ── step 1: nothing filled in → the summary names every required field ──
  await expectStep(page, 'Om problemet', 'Steg 1 av 2');
  await expect(page.getByText('Fält markerade med * är obligatoriska')).toBeVisible();
  await next(page);
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText([
    'Vilken e-tjänst gäller det? – Fyll i det här fältet.',
    'Vad är problemet? – Välj ett av alternativen.',
    'Beskriv vad som hände – Fyll i det här fältet.',
  ]);
  await expectScreenOk(page, 'step 1 with errors');
  // a summary link takes the visitor to the field
  await summary(page)
    .getByRole('link', { name: /Vilken e-tjänst/ })
    .click();
  await expect(page.getByLabel('Vilken e-tjänst gäller det?')).toBeFocused();
  await page.getByLabel('Vilken e-tjänst gäller det?').fill('Ansökan om bygglov');
  await expectNoFieldError(page, 'Vilken e-tjänst gäller det?');

  // conditions: an error message field appears only for "Jag får ett felmeddelande"
  await expect(page.getByLabel('Vilket felmeddelande fick du?')).toHaveCount(0);
  await choose(page, 'Vad är problemet?', 'Jag får ett felmeddelande');
  await expect(page.getByLabel('Vilket felmeddelande fick du?')).toBeVisible();
  await page.getByLabel('Vilket felmeddelande fick du?').fill('Tekniskt fel 500');
  await choose(page, 'Vad är problemet?', 'Jag kan inte logga in eller signera');
  await expect(page.getByLabel('Vilket felmeddelande fick du?')).toHaveCount(0);
  await expect(page.getByText('Testa först din e-legitimation')).toBeVisible();

  // too short → told on leaving the field → fixed → the error goes away at once
  await correctField(page, 'Beskriv vad som hände', {
    wrong: 'Kort',
    error: 'Skriv minst 10 tecken.',
    right: 'Inloggningen hänger sig efter att jag har skannat koden.',
  });

  // a date in the future is refused with the limit named
  await correctField(page, 'När hände det?', {
    wrong: '2099-01-01',
    error: /Välj ett datum till och med \d{4}-\d{2}-\d{2}\./,
    right: '2024-05-02',
  });
  await expect(summary(page).getByRole('link')).toHaveCount(0);
  await expectScreenOk(page, 'step 1 filled in');
  await next(page);

  // ── step 2: contact details, a required e-mail hidden again by another answer ──
  await expectStep(page, 'Kontaktuppgifter', 'Steg 2 av 2');
  await choose(page, 'Vill du att vi kontaktar dig?', 'Ja');
  await page.getByLabel('Ditt namn').fill('Test Testsson');
  await choose(page, 'Hur vill du bli kontaktad?', 'E-post');
  await expect(page.getByLabel('E-postadress')).toBeVisible();
  await choose(page, 'Hur vill du bli kontaktad?', 'Telefon');
  await expect(page.getByLabel('E-postadress')).toHaveCount(0);
  const phone = page.getByLabel('Telefonnummer');
  await expect(phone).toHaveAttribute('inputmode', 'tel');
  await correctField(page, 'Telefonnummer', {
    wrong: '12',
    error: 'Skriv ett svenskt telefonnummer',
    right: '070-123 45 67',
  });
  await next(page);
  await expect(summary(page)).toContainText('Kryssa i rutan för att gå vidare.');
  await expectScreenOk(page, 'step 2 with the consent missing');

  // back keeps the answers of both steps
  await back(page);
  await expectStep(page, 'Om problemet', 'Steg 1 av 2');
  await expect(page.getByLabel('Vilken e-tjänst gäller det?')).toHaveValue('Ansökan om bygglov');
  await expect(page.getByRole('radio', { name: 'Jag kan inte logga in eller signera' })).toBeChecked();
  await next(page);
  await expectStep(page, 'Kontaktuppgifter');
  await expect(page.getByLabel('Telefonnummer')).toHaveValue('070-123 45 67');

  // "Frågor och svar" and back: same step, answers intact
  await page.getByTestId('step-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');
  await expect(page.getByRole('heading', { name: 'Vad betyder stjärnan (*) vid en fråga?' })).toBeVisible();
  await expect(page.getByText('08-123 45 00')).toBeVisible();
  await expect(page.getByText('kontakt@testby.se')).toBeVisible();
  await expectScreenOk(page, 'help');
  await page.getByTestId('help-back').click();
  await expectStep(page, 'Kontaktuppgifter');
  await expect(page.getByLabel('Ditt namn')).toHaveValue('Test Testsson');
  await page.getByText('Jag har läst hur kommunen behandlar mina personuppgifter.').click();
  await next(page);

  // ── review: every visible answer, hidden ones not at all; Ändra goes to the step and back ──
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Vilken e-tjänst gäller det?')).toContainText('Ansökan om bygglov');
  await expect(reviewRow(page, 'Telefonnummer')).toContainText('070-123 45 67');
  await expect(reviewRow(page, 'När hände det?')).toContainText('2024-05-02');
  await expect(reviewRow(page, 'E-postadress')).toHaveCount(0);
  await expect(reviewRow(page, 'Vilket felmeddelande fick du?')).toHaveCount(0);
  await expectScreenOk(page, 'review');
  await reviewRow(page, 'Ditt namn')
    .getByRole('button', { name: /^Ändra/ })
    .click();
  await expectStep(page, 'Kontaktuppgifter');
  await page.getByLabel('Ditt namn').fill('Testa Testsson');
  await page.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Ditt namn')).toContainText('Testa Testsson');

  await page.getByRole('button', { name: 'Skicka in' }).click();
  await expectReceipt(page, 'Support för e-tjänster');
  await expectScreenOk(page, 'receipt');
  await finishVisit(page);
  // a new visit starts clean
  await page.getByRole('button', { name: 'Börja' }).click();
  await page.locator('[data-service="support-e-tjanster"]').click();
  await beginService(page);
  await expect(page.getByLabel('Vilken e-tjänst gäller det?')).toHaveValue('');
});
