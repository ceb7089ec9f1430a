/**
 * Every screen of the shipped journeys, walked once as a visitor walks them, with a check run at each
 * screen: the axe suite checks every screen in several modes (a11y-axe-every-screen.spec.ts), the
 * layout suite every screen in both orientations at every text size in every language
 * (layout-every-screen.spec.ts). `check` gets what the screen is, and a text field to focus when the
 * check wants the on-screen keyboard open.
 */
import type { Locator, Page } from '@playwright/test';
import { bankIdSimulator, scanQr, type SimulatorAccess } from './bankid-phone';
import { expect } from './fixtures';
import type { TestHost } from './host';
import { choose, expectReceipt, expectStep, h1, inDays, next, openKiosk, openService, summary } from './journey';
import { answerForskolaStartToSchema, tickParkeringDeclarations, typeForskolaContact } from './service-steps';

export type ScreenCheck = (page: Page, what: string, options?: { focus?: Locator }) => Promise<void>;

const ANNA = '199001012385';
const ERIK = '198504129803';

export const PARKERING = {
  id: 'parkeringstillstand',
  title: 'Ansökan om parkeringstillstånd för rörelsehindrade',
  what: 'parkering',
};
export const FORSKOLA = { id: 'forskoleplats', title: 'Ansökan om plats i förskola', what: 'förskola' };
export const SUPPORT = { id: 'support-e-tjanster', title: 'Support för e-tjänster', what: 'support' };
export const FELANMALAN = {
  id: 'felanmalan-gata-park',
  title: 'Felanmälan gata, park och belysning',
  what: 'felanmälan',
};

/** A new visit to the service: its intro checked, then "Börja". */
async function introAndBegin(
  page: Page,
  host: TestHost,
  check: ScreenCheck,
  service: { id: string; title: string; what: string },
): Promise<void> {
  await openKiosk(page, host);
  await openService(page, service.id, service.title);
  await check(page, `${service.what}: intro`);
  await page.getByTestId('intro-begin').click();
}

/** From the review to the receipt, each screen checked: the review, the signing when `signer` signs, the receipt. */
async function reviewToReceipt(
  page: Page,
  check: ScreenCheck,
  service: { title: string; what: string },
  signer?: { sim: SimulatorAccess; personalNumber: string },
): Promise<void> {
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await check(page, `${service.what}: review`);
  await page.getByTestId('review-submit').click();
  if (signer) {
    await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
    await expect(page.getByTestId('bankid-qr')).toBeVisible();
    await check(page, `${service.what}: signing`);
    await scanQr(page, signer.sim, { personalNumber: signer.personalNumber });
  }
  await expectReceipt(page, service.title);
  await check(page, `${service.what}: receipt`);
}

/** Parkeringstillstånd: BankID sign-in, a stop, the register's details, signing. */
export async function walkParkering(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  const sim = bankIdSimulator(host);
  await introAndBegin(page, host, check, PARKERING);

  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await check(page, 'sign-in with BankID');
  await scanQr(page, sim, { personalNumber: ANNA });

  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Nej');
  await check(page, 'parkering: step 1 with a stop');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Förare – jag kör själv');
  await next(page);

  await expectStep(page, 'Dina uppgifter');
  await check(page, 'parkering: step 2, prefilled', { focus: page.locator('#f-telefon') });
  await page.getByLabel('Telefonnummer').fill('070-765 43 21');
  await next(page);

  await expectStep(page, 'Om dig som förare');
  await choose(page, 'Har du ett giltigt körkort?', 'Ja');
  await check(page, 'parkering: step 3', { focus: page.locator('#f-regnummer') });
  await page.getByLabel('Registreringsnummer på bilen du oftast kör').fill('ABC 123');
  await next(page);

  await expectStep(page, 'Ditt behov');
  await page.getByLabel('Beskriv din funktionsnedsättning').fill('Artros i båda knäna.');
  await page.getByLabel('Hur långt kan du gå utan att stanna').selectOption({ label: '25–100 meter' });
  await choose(page, 'Vilka hjälpmedel använder du?', 'Rullator');
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', 'Kortare än sex månader');
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Ja');
  await check(page, 'parkering: step 4', { focus: page.locator('#f-funktionsnedsattning') });
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Nej');
  await next(page);

  await expectStep(page, 'Intyga och skicka');
  await page.getByTestId('attachment-add').click();
  await expect(h1(page)).toHaveText('Lägg till Läkarintyg');
  await check(page, 'parkering: attachment, no page yet');
  await page.getByTestId('attachment-scan').click();
  await expect(page.getByTestId('attachment-pages').getByRole('listitem')).toHaveCount(1);
  await check(page, 'parkering: attachment with a page');
  // the camera (the walk suites' Chromium has a fake one: cameraLaunchOptions in support/camera.ts)
  await page.getByTestId('camera-open').click();
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  await check(page, 'parkering: attachment, camera on');
  await page.getByTestId('camera-capture').click();
  await expect(page.getByTestId('attachment-pages').getByRole('listitem')).toHaveCount(2);
  await check(page, 'parkering: attachment, a photographed page');
  await page.getByTestId('attachment-finish').click();
  await expectStep(page, 'Intyga och skicka');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await check(page, 'parkering: step 5 with errors');
  await tickParkeringDeclarations(page);
  await next(page);

  await reviewToReceipt(page, check, PARKERING, { sim, personalNumber: ANNA });
}

/** Förskoleplats: the register's children, a date with a calendar, lists, signing. */
export async function walkForskola(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  const sim = bankIdSimulator(host);
  await introAndBegin(page, host, check, FORSKOLA);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await scanQr(page, sim, { personalNumber: ERIK });

  await expectStep(page, 'Barnet');
  await check(page, 'förskola: child selection');
  await choose(page, 'Vilket barn gäller ansökan?', 'Lisa Eriksson (20150607-9811)');
  await next(page);

  await expectStep(page, 'Önskad start');
  await page.getByLabel('Från vilket datum behöver barnet en plats?').fill(inDays(60));
  await choose(page, 'Hur mycket behöver barnet vara på förskolan?', 'Efter mitt arbete eller mina studier');
  await check(page, 'förskola: start date');
  await next(page);

  await expectStep(page, 'Önskade förskolor');
  await page.getByLabel('Förstahandsval').selectOption({ label: 'Förskolan Ekbacken' });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Ja');
  await check(page, 'förskola: preschools', { focus: page.locator('#f-sarskilda-behov') });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Nej');
  await next(page);

  await expectStep(page, 'Schema');
  await choose(page, 'Vad gör du?', 'Jag arbetar');
  await choose(page, 'Vilka dagar behöver barnet vara på förskolan?', 'Måndag');
  await page.getByLabel('Tid för lämning, ungefär').fill('07:30');
  await page.getByLabel('Tid för hämtning, ungefär').fill('16:15');
  await check(page, 'förskola: schedule', { focus: page.locator('#f-timmar') });
  await page.getByLabel('Ungefär hur många timmar i veckan').fill('30');
  await next(page);

  await expectStep(page, 'Dina kontaktuppgifter');
  await page.getByLabel('E-postadress').fill('erik@exempel.se');
  await page.getByLabel('Telefonnummer').fill('08-123 456 78');
  await choose(page, 'Har barnet en vårdnadshavare till?', 'Ja');
  await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
  await check(page, 'förskola: contact details');
  await next(page);

  await reviewToReceipt(page, check, FORSKOLA, { sim, personalNumber: ERIK });
}

/** The paper route: "Jag har skyddad identitet", Förskoleplats with the child typed by hand, printed (a host that prints). */
export async function walkPaperRoute(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  await openKiosk(page, host);
  await page.getByTestId('begin').click();
  await page.getByTestId('protected-identity').click();
  await expect(page.getByTestId('paper-continue')).toBeEnabled();
  await check(page, 'paper route: the way in');
  await page.getByTestId('paper-continue').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await expect(page.getByTestId('paper-banner')).toBeVisible();
  await check(page, 'paper route: catalogue');
  await page.locator('[data-service="forskoleplats"]').click();
  await check(page, 'paper route: intro');
  await page.getByTestId('intro-begin').click();

  await expectStep(page, 'Barnet');
  await next(page);
  await check(page, 'paper route: the child typed by hand', { focus: page.locator('#f-barn') });
  await page.locator('#f-barn').fill('20190314-2386');
  await next(page);
  await answerForskolaStartToSchema(page);
  await typeForskolaContact(page, { name: 'Sara Svensson', email: 'sara@exempel.se' });

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await check(page, 'paper route: review');
  await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
  await expect(h1(page)).toHaveText('Blanketten skrivs ut', { timeout: 30_000 });
  await check(page, 'paper route: printed');
  await page.getByTestId('paper-finish').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
}

/** Support för e-tjänster: no identification, errors, a date with day buttons. */
export async function walkSupport(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  await introAndBegin(page, host, check, SUPPORT);

  await expectStep(page, 'Om problemet');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await check(page, 'support: step 1 with errors', { focus: page.locator('#f-etjanst') });
  await page.getByLabel('Vilken e-tjänst gäller det?').fill('Ansökan om bygglov');
  await choose(page, 'Vad är problemet?', 'Jag får ett felmeddelande');
  await page.getByLabel('Vilket felmeddelande fick du?').fill('Tekniskt fel 500');
  await page.getByLabel('Beskriv vad som hände').fill('Sidan laddar om när jag trycker på Skicka.');
  await next(page);

  await expectStep(page, 'Kontaktuppgifter');
  await choose(page, 'Vill du att vi kontaktar dig?', 'Ja');
  await page.getByLabel('Ditt namn').fill('Test Testsson');
  await choose(page, 'Hur vill du bli kontaktad?', 'E-post');
  await check(page, 'support: step 2', { focus: page.locator('#f-epost') });
  await page.getByLabel('E-postadress').fill('test@exempel.se');
  await page.getByText('Jag har läst hur kommunen behandlar mina personuppgifter.').click();
  await next(page);

  await reviewToReceipt(page, check, SUPPORT);
}

/** Felanmälan: a stop, conditions, the contact details. */
export async function walkFelanmalan(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  await introAndBegin(page, host, check, FELANMALAN);

  await expectStep(page, 'Vad är fel?');
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Ja');
  await choose(page, 'Vad gäller felet?', 'Gatubelysning som är trasig eller släckt');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await check(page, 'felanmälan: step 1 with a stop', { focus: page.locator('#f-stolpnummer') });
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Nej');
  await page.getByLabel('Beskriv felet').fill('Lampan blinkar hela natten.');
  await next(page);

  await expectStep(page, 'Var finns felet?');
  await check(page, 'felanmälan: step 2', { focus: page.locator('#f-plats') });
  await page.getByLabel('Adress eller plats').fill('Storgatan 12');
  await next(page);

  await expectStep(page, 'Vill du ha återkoppling?');
  await choose(page, 'Vill du att vi hör av oss när felet är åtgärdat?', 'Ja');
  await check(page, 'felanmälan: step 3', { focus: page.locator('#f-telefon') });
  await page.getByLabel('E-postadress').fill('anna@exempel.se');
  await page.getByText('Jag har läst hur kommunen behandlar mina personuppgifter.').click();
  await next(page);

  await reviewToReceipt(page, check, FELANMALAN);
}

/** The kiosk's own screens: start, the accessibility statement, help; ends on the catalogue, checked. */
export async function walkKioskScreens(page: Page, host: TestHost, check: ScreenCheck): Promise<void> {
  await openKiosk(page, host);
  await check(page, 'start');

  await page.getByTestId('start-statement').click();
  await expect(h1(page)).toHaveText('Tillgänglighetsredogörelse');
  await check(page, 'accessibility statement');
  await page.getByTestId('statement-back').click();

  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');
  // the answers come from core: check them, not the screen before they arrive
  await expect(page.locator('.help-entry').first()).toBeVisible();
  await check(page, 'help');
  await page.getByTestId('help-back').click();

  await page.getByTestId('begin').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await check(page, 'catalogue');
}
