import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import {
  beginService,
  choose,
  correctField,
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
import { tickParkeringDeclarations } from './support/service-steps';

const ANNA = '199001012385';

test('Parkeringstillstånd: BankID login by QR, prefilled details, stop, Ändra switches the route, signed and received', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await openKiosk(page, host);
  await openService(page, 'parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await expect(page.getByText('skriver under ansökan med Mobilt BankID')).toBeVisible();
  await beginService(page);

  // ── sign-in: a large QR, BankID's instruction, the message announced politely ──
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByText('Starta BankID-appen och tryck på QR-ikonen. Skanna sedan QR-koden.')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Starta BankID-appen.');
  await expect(page.getByRole('button', { name: 'Jag har skyddad identitet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jag har inte BankID' })).toBeVisible();
  await expectScreenOk(page, 'sign-in');
  await scanQr(page, sim, { personalNumber: ANNA });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');

  // ── step 1: a stop for visitors from elsewhere ──
  // the driver's or the passenger's step counts once the role is chosen
  await expectStep(page, 'Innan du börjar', 'Steg 1 av 4');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Nej');
  await expect(page.getByTestId('stop-field')).toContainText(
    'Parkeringstillstånd söker du i den kommun där du är folkbokförd.',
  );
  await choose(page, 'Söker du som förare eller som passagerare?', 'Passagerare – någon annan kör mig');
  await expect(page.getByTestId('progress')).toHaveText('Steg 1 av 5');
  await next(page);
  await expect(summary(page)).toContainText('Du söker i din hemkommun');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await expectScreenOk(page, 'step 1');
  await next(page);

  // ── step 2: the register filled in name, personnummer (locked) and address (editable) ──
  await expectStep(page, 'Dina uppgifter', 'Steg 2 av 5');
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toHaveValue('Anna Andersson');
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('Personnummer')).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('Personnummer')).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByLabel('Gatuadress')).toHaveValue('Provgatan 1');
  await expect(page.getByLabel('Postnummer')).toHaveValue('123 45');
  await page.getByLabel('Gatuadress').fill('Provgatan 3');
  await next(page);
  await expect(summary(page).getByRole('link')).toHaveText(['Telefonnummer – Fyll i det här fältet.']);
  await correctField(page, 'Telefonnummer', {
    wrong: '0701',
    error: 'Skriv ett svenskt telefonnummer',
    right: '070-765 43 21',
  });
  await expectScreenOk(page, 'step 2, prefilled');
  await next(page);

  // ── step 3 (passenger): a required description only when help is needed outside the car ──
  await expectStep(page, 'Om dig som passagerare', 'Steg 3 av 5');
  await choose(page, 'Behöver du förarens hjälp även när du har kommit ur bilen?', 'Ja');
  await expect(page.getByLabel('Beskriv vilken hjälp du behöver')).toBeVisible();
  await choose(page, 'Behöver du förarens hjälp även när du har kommit ur bilen?', 'Nej');
  await expect(page.getByLabel('Beskriv vilken hjälp du behöver')).toHaveCount(0);
  await choose(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?', 'Ja');
  await next(page);

  // ── step 4 ──
  await expectStep(page, 'Ditt behov', 'Steg 4 av 5');
  await page
    .getByLabel('Beskriv din funktionsnedsättning')
    .fill('Jag har artros i båda knäna och kan bara gå korta sträckor.');
  await page.getByLabel('Hur långt kan du gå utan att stanna').selectOption({ label: '25–100 meter' });
  await choose(page, 'Vilka hjälpmedel använder du?', 'Rullator');
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', 'Kortare än sex månader');
  await expect(page.getByText('Parkeringstillstånd ges i regel bara')).toBeVisible();
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', 'Längre än två år eller bestående');
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Nej');
  await expectScreenOk(page, 'step 4');
  await next(page);

  // ── step 5: consents ──
  await expectStep(page, 'Intyga och skicka', 'Steg 5 av 5');
  await next(page);
  await expect(summary(page).getByRole('link')).toHaveCount(2);
  await tickParkeringDeclarations(page);
  await next(page);

  // ── review, then Ändra: as a driver instead, the driver's step appears and must be answered ──
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Adress')).toContainText('Provgatan 3, 123 45 Exempelstad');
  await expect(reviewRow(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?')).toContainText('Ja');
  await reviewRow(page, 'Söker du som förare eller som passagerare?')
    .getByRole('button', { name: /^Ändra/ })
    .click();
  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Förare – jag kör själv');
  await page.getByRole('button', { name: 'Spara ändringen' }).click();
  await expectStep(page, 'Om dig som förare', 'Steg 3 av 5');
  await choose(page, 'Har du ett giltigt körkort?', 'Ja');
  await correctField(page, 'Registreringsnummer på bilen du oftast kör', {
    wrong: 'AB1',
    error: 'Skriv registreringsnumret som tre bokstäver och tre tecken',
    right: 'ABC 123',
  });
  await page.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Registreringsnummer på bilen du oftast kör')).toContainText('ABC 123');
  await expect(reviewRow(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?')).toHaveCount(0);
  await expectScreenOk(page, 'review');

  // ── sign with BankID: what is signed is shown, the same QR screen, then the receipt ──
  await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
  await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Ansökan om parkeringstillstånd för rörelsehindrade' }),
  ).toBeVisible();
  await expect(page.locator('.signed-summary')).toContainText('ABC 123');
  await expectScreenOk(page, 'sign');
  await scanQr(page, sim, { personalNumber: ANNA });
  await expectReceipt(page, 'Ansökan om parkeringstillstånd för rörelsehindrade');
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Anna');
  await expectScreenOk(page, 'receipt');
  await finishVisit(page);
});
