/**
 * Every screen of the kiosk and of every shipped e-service, checked in English and Arabic at 100 %,
 * in Swedish, English and Arabic at 200 %, and in high contrast (see MODES): axe with the WCAG 2.1 A
 * and AA rules, 48 px touch targets at 100 %, and at 200 % no sideways scrolling, nothing overlapping
 * and nothing cut off. Swedish at 100 % is checked by the journey specs. One visit per e-service:
 * each screen is checked in every mode as it comes, then the visit goes on in Swedish (the two longest
 * services in two tests, each walking the other half unchecked). Where a step has
 * a text field, it has focus during the checks, so the on-screen keyboard is checked with it.
 */
import type { Page } from '@playwright/test';
import { A11Y_CONFIG, checkInModes, expectScreenIn, MODES, setMode } from './support/a11y-modes';
import { bankIdSimulator, scanQr, type SimulatorAccess } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import {
  choose,
  expectReceipt,
  expectStep,
  h1,
  inDays,
  next,
  openKiosk,
  openService,
  summary,
} from './support/journey';
import { answerForskolaStartToSchema, tickParkeringDeclarations, typeForskolaContact } from './support/service-steps';

const ANNA = '199001012385';
const ERIK = '198504129803';

const PARKERING = {
  id: 'parkeringstillstand',
  title: 'Ansökan om parkeringstillstånd för rörelsehindrade',
  what: 'parkering',
};
const FORSKOLA = { id: 'forskoleplats', title: 'Ansökan om plats i förskola', what: 'förskola' };
const SUPPORT = { id: 'support-e-tjanster', title: 'Support för e-tjänster', what: 'support' };
const FELANMALAN = { id: 'felanmalan-gata-park', title: 'Felanmälan gata, park och belysning', what: 'felanmälan' };

test.describe.configure({ mode: 'parallel' });
test.setTimeout(300_000);
test.use({ hostConfig: A11Y_CONFIG });

async function begin(page: Page): Promise<void> {
  await page.getByTestId('intro-begin').click();
}

/** A new visit to the service: its intro checked in every mode, then "Börja". */
async function checkIntroAndBegin(
  page: Page,
  host: TestHost,
  service: { id: string; title: string; what: string },
): Promise<void> {
  await openKiosk(page, host);
  await openService(page, service.id, service.title);
  await checkInModes(page, `${service.what}: intro`);
  await begin(page);
}

/**
 * From the review to the receipt, each screen checked in every mode: the review, the signing with
 * BankID when the service is signed (`signer`), the receipt.
 */
async function checkReviewToReceipt(
  page: Page,
  service: { title: string; what: string },
  signer?: { sim: SimulatorAccess; personalNumber: string },
): Promise<void> {
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await checkInModes(page, `${service.what}: review`);
  await page.getByTestId('review-submit').click();
  if (signer) {
    await expect(h1(page)).toHaveText('Skriv under med Mobilt BankID');
    await expect(page.getByTestId('bankid-qr')).toBeVisible();
    await checkInModes(page, `${service.what}: signing`);
    await scanQr(page, signer.sim, { personalNumber: signer.personalNumber });
  }
  await expectReceipt(page, service.title);
  await checkInModes(page, `${service.what}: receipt`);
}

type CheckInModes = (what: string, options?: Parameters<typeof checkInModes>[2]) => Promise<void>;

/**
 * A new visit to the service, up to "Börja": with `check`, the intro is checked in every mode and the
 * returned function checks each later screen; without, nothing is checked on the way.
 */
async function beginVisit(
  page: Page,
  host: TestHost,
  service: { id: string; title: string; what: string },
  check: boolean,
): Promise<CheckInModes> {
  if (!check) {
    await openKiosk(page, host);
    await openService(page, service.id, service.title);
    await begin(page);
    return async () => undefined;
  }
  await checkIntroAndBegin(page, host, service);
  return (what, options) => checkInModes(page, what, options);
}

/** Parkeringstillstånd up to its first three steps answered (checked in every mode when `check`). */
async function parkeringToStep4(page: Page, host: TestHost, sim: SimulatorAccess, check: boolean): Promise<void> {
  const inModes = await beginVisit(page, host, PARKERING, check);

  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await inModes('sign-in with BankID');
  await scanQr(page, sim, { personalNumber: ANNA });

  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Nej');
  await inModes('parkering: step 1 with a stop');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Förare – jag kör själv');
  await next(page);

  await expectStep(page, 'Dina uppgifter');
  await inModes('parkering: step 2, prefilled', { focus: page.locator('#f-telefon') });
  await page.getByLabel('Telefonnummer').fill('070-765 43 21');
  await next(page);

  await expectStep(page, 'Om dig som förare');
  await choose(page, 'Har du ett giltigt körkort?', 'Ja');
  await inModes('parkering: step 3', { focus: page.locator('#f-regnummer') });
  await page.getByLabel('Registreringsnummer på bilen du oftast kör').fill('ABC 123');
  await next(page);
}

// One visit is split in two tests (each walks the other half unchecked), so that neither runs long
// on a loaded machine: each screen is still checked in every mode exactly once.
test('Parkeringstillstånd (BankID login and signing), intro to step 3 in every mode', async ({ page, host }) => {
  const sim = bankIdSimulator(host);
  await parkeringToStep4(page, host, sim, true);
  await expectStep(page, 'Ditt behov');
});

test('Parkeringstillstånd (BankID login and signing), step 4 to the receipt in every mode', async ({ page, host }) => {
  const sim = bankIdSimulator(host);
  await parkeringToStep4(page, host, sim, false);

  await expectStep(page, 'Ditt behov');
  await page.getByLabel('Beskriv din funktionsnedsättning').fill('Artros i båda knäna.');
  await page.getByLabel('Hur långt kan du gå utan att stanna').selectOption({ label: '25–100 meter' });
  await choose(page, 'Vilka hjälpmedel använder du?', 'Rullator');
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', 'Kortare än sex månader');
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Ja');
  await checkInModes(page, 'parkering: step 4', { focus: page.locator('#f-funktionsnedsattning') });
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Nej');
  await next(page);

  await expectStep(page, 'Intyga och skicka');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await checkInModes(page, 'parkering: step 5 with errors');
  await tickParkeringDeclarations(page);
  await next(page);

  await checkReviewToReceipt(page, PARKERING, { sim, personalNumber: ANNA });
});

/** Förskoleplats up to its schedule step (each screen checked in every mode when `check`). */
async function forskolaToSchedule(page: Page, host: TestHost, sim: SimulatorAccess, check: boolean): Promise<void> {
  const inModes = await beginVisit(page, host, FORSKOLA, check);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await scanQr(page, sim, { personalNumber: ERIK });

  await expectStep(page, 'Barnet');
  await inModes('förskola: child selection');
  await choose(page, 'Vilket barn gäller ansökan?', 'Lisa Eriksson (20150607-9811)');
  await next(page);

  await expectStep(page, 'Önskad start');
  await page.getByLabel('Från vilket datum behöver barnet en plats?').fill(inDays(60));
  await choose(page, 'Hur mycket behöver barnet vara på förskolan?', 'Efter mitt arbete eller mina studier');
  await inModes('förskola: start date');
  await next(page);

  await expectStep(page, 'Önskade förskolor');
  await page.getByLabel('Förstahandsval').selectOption({ label: 'Förskolan Ekbacken' });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Ja');
  await inModes('förskola: preschools', { focus: page.locator('#f-sarskilda-behov') });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Nej');
  await next(page);
}

test('Förskoleplats (children from the register, dates, lists, numbers), intro to preschools in every mode', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await forskolaToSchedule(page, host, sim, true);
  await expectStep(page, 'Schema');
});

test('Förskoleplats (children from the register, dates, lists, numbers), schedule to the receipt in every mode', async ({
  page,
  host,
}) => {
  const sim = bankIdSimulator(host);
  await forskolaToSchedule(page, host, sim, false);

  await expectStep(page, 'Schema');
  await choose(page, 'Vad gör du?', 'Jag arbetar');
  await choose(page, 'Vilka dagar behöver barnet vara på förskolan?', 'Måndag');
  await page.getByLabel('Tid för lämning, ungefär').fill('07:30');
  await page.getByLabel('Tid för hämtning, ungefär').fill('16:15');
  await checkInModes(page, 'förskola: schedule', { focus: page.locator('#f-timmar') });
  await page.getByLabel('Ungefär hur många timmar i veckan').fill('30');
  await next(page);

  await expectStep(page, 'Dina kontaktuppgifter');
  await page.getByLabel('E-postadress').fill('erik@exempel.se');
  await page.getByLabel('Telefonnummer').fill('08-123 456 78');
  await choose(page, 'Har barnet en vårdnadshavare till?', 'Ja');
  await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
  await checkInModes(page, 'förskola: contact details');
  await next(page);

  await checkReviewToReceipt(page, FORSKOLA, { sim, personalNumber: ERIK });
});

test('the paper route (Förskoleplats, the child typed by hand, printed), every screen in every mode', async ({
  page,
  startHost,
}) => {
  // the test kiosk prints into its own (temporary) data folder; a real kiosk prints with CUPS
  const host = await startHost(`${A11Y_CONFIG}printing:\n  folderAllowPersonalData: true\n`);
  await openKiosk(page, host);
  await page.getByTestId('begin').click();
  await page.getByTestId('protected-identity').click();
  await expect(page.getByTestId('paper-continue')).toBeEnabled();
  await checkInModes(page, 'paper route: the way in');
  await page.getByTestId('paper-continue').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await expect(page.getByTestId('paper-banner')).toBeVisible();
  await checkInModes(page, 'paper route: catalogue');
  await page.locator('[data-service="forskoleplats"]').click();
  await checkInModes(page, 'paper route: intro');
  await begin(page);

  await expectStep(page, 'Barnet');
  await next(page);
  await checkInModes(page, 'paper route: the child typed by hand', { focus: page.locator('#f-barn') });
  await page.locator('#f-barn').fill('20190314-2386');
  await next(page);
  await answerForskolaStartToSchema(page);
  await typeForskolaContact(page, { name: 'Sara Svensson', email: 'sara@exempel.se' });

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await checkInModes(page, 'paper route: review');
  await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
  await expect(h1(page)).toHaveText('Blanketten skrivs ut', { timeout: 30_000 });
  await checkInModes(page, 'paper route: printed');
  await page.getByTestId('paper-finish').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
});

test('the kiosk’s own screens: start, statement, catalogue, help, the inactivity warning', async ({ page, host }) => {
  await page.clock.install();
  await openKiosk(page, host);
  await checkInModes(page, 'start');

  await page.getByTestId('start-statement').click();
  await expect(h1(page)).toHaveText('Tillgänglighetsredogörelse');
  await checkInModes(page, 'accessibility statement');
  await page.getByTestId('statement-back').click();

  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');
  // the answers come from core: check them, not the screen before they arrive
  await expect(page.locator('.help-entry').first()).toBeVisible();
  await checkInModes(page, 'help');
  await page.getByTestId('help-back').click();

  await page.getByTestId('begin').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await checkInModes(page, 'catalogue');

  // the warning is a dialog over the page: the mode is set first, then the visitor waits it out
  for (const mode of MODES) {
    await setMode(page, mode);
    await page.clock.fastForward(601_000);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    await expectScreenIn(page, 'inactivity warning', mode);
    await dialog.getByTestId('inactivity-stay').click();
    await expect(dialog).toHaveCount(0);
  }
});

test('“Ur funktion” in every mode', async ({ page, startHost }) => {
  // a misspelt key: the kiosk refuses the config and says why, for staff
  const host = await startHost('kiosk:\n  languages: [sv, en, ar]\nsession:\n  idelSeconds: 30\n');
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Ur funktion');
  await page.getByText('För personal och IT').click();
  // a kiosk whose config did not load offers its default languages only (no Arabic)
  await checkInModes(page, 'out of order', { modes: MODES.filter((m) => m.lang !== 'ar') });
});

test('Support för e-tjänster, every screen in every mode', async ({ page, host }) => {
  await checkIntroAndBegin(page, host, SUPPORT);

  await expectStep(page, 'Om problemet');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await checkInModes(page, 'support: step 1 with errors', { focus: page.locator('#f-etjanst') });
  await page.getByLabel('Vilken e-tjänst gäller det?').fill('Ansökan om bygglov');
  await choose(page, 'Vad är problemet?', 'Jag får ett felmeddelande');
  await page.getByLabel('Vilket felmeddelande fick du?').fill('Tekniskt fel 500');
  await page.getByLabel('Beskriv vad som hände').fill('Sidan laddar om när jag trycker på Skicka.');
  await next(page);

  await expectStep(page, 'Kontaktuppgifter');
  await choose(page, 'Vill du att vi kontaktar dig?', 'Ja');
  await page.getByLabel('Ditt namn').fill('Test Testsson');
  await choose(page, 'Hur vill du bli kontaktad?', 'E-post');
  await checkInModes(page, 'support: step 2', { focus: page.locator('#f-epost') });
  await page.getByLabel('E-postadress').fill('test@exempel.se');
  await page.getByText('Jag har läst hur kommunen behandlar mina personuppgifter.').click();
  await next(page);

  await checkReviewToReceipt(page, SUPPORT);
});

test('Felanmälan gata, park och belysning, every screen in every mode', async ({ page, host }) => {
  await checkIntroAndBegin(page, host, FELANMALAN);

  await expectStep(page, 'Vad är fel?');
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Ja');
  await choose(page, 'Vad gäller felet?', 'Gatubelysning som är trasig eller släckt');
  await next(page);
  await expect(summary(page)).toBeVisible();
  await checkInModes(page, 'felanmälan: step 1 with a stop', { focus: page.locator('#f-stolpnummer') });
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Nej');
  await page.getByLabel('Beskriv felet').fill('Lampan blinkar hela natten.');
  await next(page);

  await expectStep(page, 'Var finns felet?');
  await checkInModes(page, 'felanmälan: step 2', { focus: page.locator('#f-plats') });
  await page.getByLabel('Adress eller plats').fill('Storgatan 12');
  await next(page);

  await expectStep(page, 'Vill du ha återkoppling?');
  await choose(page, 'Vill du att vi hör av oss när felet är åtgärdat?', 'Ja');
  await checkInModes(page, 'felanmälan: step 3', { focus: page.locator('#f-telefon') });
  await page.getByLabel('E-postadress').fill('anna@exempel.se');
  await page.getByText('Jag har läst hur kommunen behandlar mina personuppgifter.').click();
  await next(page);

  await checkReviewToReceipt(page, FELANMALAN);
});
