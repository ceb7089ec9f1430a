import { en } from '../../src/renderer/src/i18n/en';
import { expect, test } from './support/fixtures';
import {
  beginService,
  choose,
  correctField,
  expectReceipt,
  expectScreenOk,
  expectStep,
  h1,
  next,
  openKiosk,
  openService,
  reviewRow,
  summary,
} from './support/journey';

test('Felanmälan: a stop field blocks, conditions show and hide questions, a bad e-mail is corrected, to the receipt', async ({
  page,
  host,
}) => {
  await openKiosk(page, host);
  await openService(page, 'felanmalan-gata-park', 'Felanmälan gata, park och belysning');
  await beginService(page);

  // ── step 1: "akut fara" shows a stop that blocks Nästa until the answer changes ──
  await expectStep(page, 'Vad är fel?', 'Steg 1 av 3');
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Ja');
  const stop = page.getByTestId('stop-field');
  await expect(stop).toContainText('Vid fara för liv eller hälsa: ring 112.');
  await choose(page, 'Vad gäller felet?', 'Gatubelysning som är trasig eller släckt');
  await page.getByLabel('Beskriv felet').fill('Lampan blinkar hela natten.');
  await next(page);
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText(['Ring i stället för att anmäla här']);
  await expect(h1(page)).toHaveText('Vad är fel?');
  await expectScreenOk(page, 'step 1 with a stop');
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Nej');
  await expect(stop).toHaveCount(0);
  // the lamp post number is asked only for street lighting
  await expect(page.getByLabel('Stolpens nummer')).toBeVisible();
  await page.getByLabel('Stolpens nummer').fill('B-1234');
  await choose(page, 'Vad gäller felet?', 'Nedskräpning eller klotter');
  await expect(page.getByLabel('Stolpens nummer')).toHaveCount(0);
  await next(page);

  // ── step 2 ──
  await expectStep(page, 'Var finns felet?', 'Steg 2 av 3');
  await next(page);
  await expect(summary(page).getByRole('link')).toHaveText(['Adress eller plats – Fyll i det här fältet.']);
  await page.getByLabel('Adress eller plats').fill('Storgatan 12');
  await page.getByLabel('Beskriv närmare var felet finns').fill('Vid busshållplatsen.');
  await expectScreenOk(page, 'step 2');
  await next(page);

  // ── step 3: e-mail required only when feedback is wanted ──
  await expectStep(page, 'Vill du ha återkoppling?', 'Steg 3 av 3');
  await choose(page, 'Vill du att vi hör av oss när felet är åtgärdat?', 'Ja');
  const email = page.getByLabel('E-postadress');
  await expect(email).toHaveAttribute('inputmode', 'email');
  await correctField(page, 'E-postadress', {
    wrong: 'anna.exempel.se',
    error: 'Skriv en hel e-postadress, till exempel namn@exempel.se.',
    right: 'anna@exempel.se',
  });
  // changing the answer hides the required e-mail (and its consent): nothing is asked, nothing sent
  await choose(page, 'Vill du att vi hör av oss när felet är åtgärdat?', 'Nej');
  await expect(page.getByLabel('E-postadress')).toHaveCount(0);
  await expectScreenOk(page, 'step 3');

  // the language can change mid-way; errors follow it
  await page.getByRole('button', { name: 'English' }).click();
  await expect(h1(page)).toHaveText('Would you like to hear back?');
  await choose(page, 'Would you like us to let you know when the fault is fixed?', 'Yes');
  await page.getByTestId('step-next').click();
  await expect(summary(page)).toContainText(en.issues.consent.required);
  await choose(page, 'Would you like us to let you know when the fault is fixed?', 'No');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await next(page);

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Vad gäller felet?')).toContainText('Nedskräpning eller klotter');
  await expect(reviewRow(page, 'Stolpens nummer')).toHaveCount(0);
  await expect(reviewRow(page, 'E-postadress')).toHaveCount(0);
  await expect(reviewRow(page, 'Ort eller stadsdel')).toContainText('Inte besvarad');
  await expectScreenOk(page, 'review');
  await page.getByRole('button', { name: 'Skicka in' }).click();
  await expectReceipt(page, 'Felanmälan gata, park och belysning');
  await expectScreenOk(page, 'receipt');
});
