import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import {
  back,
  choose,
  correctField,
  expectFieldError,
  expectGroupError,
  expectNoFieldError,
  expectReceipt,
  expectScreenOk,
  expectStep,
  finishVisit,
  h1,
  inDays,
  next,
  openSignIn,
  reviewRow,
} from './support/journey';

const ERIK = '198504129803';

test('Förskoleplats: children from the register (protected ones hidden), dates, times and numbers corrected, signed', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await openSignIn(page, host, 'forskoleplats', 'Ansökan om plats i förskola');
  await scanQr(page, sim, { personalNumber: ERIK });
  await expect(page.getByTestId('signed-in-banner')).toContainText('Inloggad som Erik');

  // ── the child: only the child without protected data is offered; the notice under the list is the one
  // every family sees (child-list.spec.ts) ──
  await expectStep(page, 'Barnet');
  const children = page.getByRole('group', { name: 'Vilket barn gäller ansökan?' });
  await expect(children.getByRole('radio')).toHaveCount(1);
  await expect(children).toContainText('Lisa Eriksson (20150607-9811)');
  await expect(children).not.toContainText('Olle');
  await expect(
    page.getByText('Barn med skyddade personuppgifter visas aldrig här. Gäller ansökan ett sådant barn, fråga'),
  ).toBeVisible();
  await next(page);
  await expectGroupError(page, 'Vilket barn gäller ansökan?', 'Välj vilket barn ansökan gäller.');
  await choose(page, 'Vilket barn gäller ansökan?', 'Lisa Eriksson (20150607-9811)');
  await expectScreenOk(page, 'child selection');
  await next(page);

  // ── start: a date in the past is refused with the first allowed date ──
  await expectStep(page, 'Önskad start');
  await correctField(page, 'Från vilket datum behöver barnet en plats?', {
    wrong: '2020-01-15',
    error: `Välj ett datum från och med ${inDays(0)}.`,
    right: inDays(60),
  });
  await choose(page, 'Hur mycket behöver barnet vara på förskolan?', 'Efter mitt arbete eller mina studier');
  await next(page);

  // ── preschools: the sibling's preschool is asked only when there is a sibling ──
  await expectStep(page, 'Önskade förskolor');
  await page.getByLabel('Förstahandsval').selectOption({ label: 'Förskolan Ekbacken' });
  await page.getByLabel('Andrahandsval').selectOption({ label: 'Förskolan Lärkan' });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Ja');
  await expect(page.getByLabel('Vilken förskola går syskonet på?')).toBeVisible();
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Nej');
  await expect(page.getByLabel('Vilken förskola går syskonet på?')).toHaveCount(0);
  await expectScreenOk(page, 'preschools');
  await next(page);

  // ── schedule: a time in the wrong form and a number that is not one ──
  await expectStep(page, 'Schema');
  await choose(page, 'Vad gör du?', 'Jag arbetar');
  await choose(page, 'Vilka dagar behöver barnet vara på förskolan?', 'Måndag');
  await choose(page, 'Vilka dagar behöver barnet vara på förskolan?', 'Tisdag');
  await choose(page, 'Vilka dagar behöver barnet vara på förskolan?', 'Onsdag');
  await correctField(page, 'Tid för lämning, ungefär', {
    wrong: '7',
    error: 'Skriv tiden som tt:mm, till exempel 07:30.',
    right: '07:30',
  });
  await page.getByLabel('Tid för hämtning, ungefär').fill('16:15');
  const hours = page.getByLabel('Ungefär hur många timmar i veckan');
  await expect(hours).toHaveAttribute('inputmode', 'numeric');
  await hours.fill('trettio');
  await hours.blur();
  await expectFieldError(page, 'Ungefär hur många timmar i veckan', 'Skriv ett tal med siffror');
  await hours.fill('90');
  await expectFieldError(page, 'Ungefär hur många timmar i veckan', 'Talet får vara högst 60.');
  await hours.fill('30');
  await expectNoFieldError(page, 'Ungefär hur många timmar i veckan');
  await expectScreenOk(page, 'schedule');
  // back and forth keeps what was typed
  await back(page);
  await expectStep(page, 'Önskade förskolor');
  await expect(page.getByLabel('Förstahandsval')).toHaveValue('ekbacken');
  await next(page);
  await expect(page.getByLabel('Tid för lämning, ungefär')).toHaveValue('07:30');
  await expect(page.getByRole('checkbox', { name: 'Tisdag' })).toBeChecked();
  await next(page);

  // ── contact: the name is from the register and locked; e-mail and phone typed ──
  await expectStep(page, 'Dina kontaktuppgifter');
  await expect(page.getByRole('textbox', { name: 'Ditt namn', exact: true })).toHaveValue('Erik Eriksson');
  await expect(page.getByRole('textbox', { name: 'Ditt namn', exact: true })).toHaveAttribute('readonly', '');
  await page.getByLabel('E-postadress').fill('erik@exempel.se');
  await page.getByLabel('Telefonnummer').fill('08-123 456 78');
  await choose(page, 'Har barnet en vårdnadshavare till?', 'Ja');
  await expect(page.getByText('Den andra vårdnadshavaren behöver också godkänna placeringen.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
  await expectScreenOk(page, 'contact details');
  await next(page);

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Vilket barn gäller ansökan?')).toContainText('Lisa Eriksson (20150607-9811)');
  await expect(reviewRow(page, 'Vilka dagar behöver barnet vara på förskolan?')).toContainText(
    'Måndag, Tisdag, Onsdag',
  );
  await expect(reviewRow(page, 'Ungefär hur många timmar i veckan behöver barnet vara på förskolan?')).toContainText(
    '30 timmar',
  );
  await expect(reviewRow(page, 'Tredjehandsval')).toContainText('Inte besvarad');
  await page.getByRole('button', { name: 'Gå vidare till underskrift' }).click();
  await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
  await scanQr(page, sim, { personalNumber: ERIK });
  await expectReceipt(page, 'Ansökan om plats i förskola');
  await finishVisit(page);
});
