/**
 * The paper route end to end, through the host and a real CUPS queue (cups-pdf): for each way in —
 * (a) "Jag har skyddad identitet", (b) a BankID login the register reports as protected, (c) BankID
 * that cannot be used — the visitor fills in an e-service, prints the blankett, and afterwards nothing
 * they typed is found in the kiosk's data folder (logs and SQLite files included) or its temp folder,
 * while the printed PDF holds it. And a stopped printer: the visitor is told, loses nothing, and
 * "Försök igen" prints once the queue runs again.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import {
  cupsSkipReason,
  disableQueue,
  enableQueue,
  lpHomeWithReadableOutput,
  pdfText,
  printedPdfSince,
  QUEUE,
} from './support/cups-pdf';
import { expect, test as base } from './support/fixtures';
import type { TestHost } from './support/host';
import {
  beginService,
  choose,
  CONFIG,
  expectFieldError,
  expectScreenOk,
  expectStep,
  h1,
  next,
  openKiosk,
  openService,
  openSignIn,
  reviewRow,
} from './support/journey';
import { filesUnder, findLeftovers } from './support/leftovers';
import {
  answerForskolaStartToSchema,
  answerParkeringDeclarations,
  answerParkeringNeed,
  typeForskolaContact,
  typeParkeringDetails,
} from './support/service-steps';

type LpHome = ReturnType<typeof lpHomeWithReadableOutput>;

/** The kiosk prints to the CUPS queue; its `lp` runs with a HOME that keeps the printout readable. */
const test = base.extend<{ lpHome: LpHome }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  lpHome: async ({}, use) => {
    const lpHome = lpHomeWithReadableOutput();
    await use(lpHome);
    lpHome.remove();
  },
  hostEnv: async ({ lpHome }, use) => {
    await use({ HOME: lpHome.home });
  },
});

const skip = cupsSkipReason();
test.skip(skip !== null, `paper route through CUPS: ${skip ?? ''}`);
// whole visits with printing take more than the default minute on a busy machine; one at a time, in
// order, because one test stops the shared queue for a while
test.describe.configure({ mode: 'default', timeout: 120_000 });

const PAPER_CONFIG = `${CONFIG}
printing:
  adapter: cups
  printer: ${QUEUE}
`;

const HOW_IT_WORKS =
  'Du fyller i e-tjänsten som vanligt. I slutet skrivs en blankett ut som du skriver under för hand och lämnar i receptionen. Inget av det du fyller i sparas i kiosken.';
const PRINTER_DOWN = 'Skrivaren fungerar inte just nu – vänd dig till receptionen.';
const FORSKOLA = 'Ansökan om plats i förskola';
const PARKERING = 'Ansökan om parkeringstillstånd för rörelsehindrade';

test.use({ hostConfig: PAPER_CONFIG });

const printouts: string[] = [];
test.afterEach(() => {
  // the printouts hold the test person's answers: they go with the test
  for (const f of printouts.splice(0)) rmSync(f, { force: true });
});

/** The forms a personnummer could be stored in. */
function pnrForms(twelve: string): string[] {
  return [
    twelve,
    twelve.slice(2),
    `${twelve.slice(0, 8)}-${twelve.slice(8)}`,
    `${twelve.slice(2, 8)}-${twelve.slice(8)}`,
  ];
}

/** The explanation screen of the paper route: plain words, no one's name, and Fortsätt once core is ready. */
async function expectPaperStart(page: Page, heading: string, what: string): Promise<void> {
  await expect(h1(page)).toHaveText(heading);
  await expect(h1(page)).toBeFocused();
  await expect(page.getByText(HOW_IT_WORKS)).toBeVisible();
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
  await expect(page.getByTestId('paper-continue')).toBeEnabled();
  await expectScreenOk(page, what);
}

/** Review → "Skriv ut blanketten" → the done screen; returns the PDF cups-pdf wrote. */
async function printBlankett(page: Page, flowId: string): Promise<string> {
  const since = Date.now();
  await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
  await expect(h1(page)).toHaveText('Blanketten skrivs ut', { timeout: 30_000 });
  await expect(h1(page)).toBeFocused();
  await expect(page.getByText('Skriv under den och lämna den i receptionen.')).toBeVisible();
  await expectScreenOk(page, 'blankett printed');
  // core names the job after the service only (never the visitor): "Blankett <flow id>"
  const file = await printedPdfSince(since, `Blankett ${flowId}`);
  expect(file, 'cups-pdf wrote no PDF for the blankett').not.toBeNull();
  printouts.push(file as string);
  return file as string;
}

/** "Avsluta": back to the start, nothing of the paper route left on screen. */
async function finish(page: Page): Promise<void> {
  await page.getByTestId('paper-finish').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await expect(page.getByTestId('paper-banner')).toHaveCount(0);
}

/** Nothing the visitor typed in the kiosk's data folder (logs, SQLite …), its temp folder or its `lp`'s HOME. */
function expectNothingKept(host: TestHost, lpHome: LpHome, needles: string[]): void {
  const files = filesUnder(host.dir);
  // the search is meaningful: the host has written its log and its case database
  expect(
    files.some((f) => f.includes('/logs/')),
    `no log files under ${host.dir}: ${files.join(', ')}`,
  ).toBe(true);
  expect(
    files.some((f) => /\.(sqlite|db)3?$/.test(f)),
    `no SQLite file under ${host.dir}: ${files.join(', ')}`,
  ).toBe(true);
  expect(findLeftovers([host.dir, lpHome.home], needles)).toEqual([]);
}

test('(a) "Jag har skyddad identitet" in the catalogue: Förskoleplats filled in with the child typed by hand, printed, nothing kept', async ({
  page,
  host,
  lpHome,
}) => {
  const child = '201903142386';
  const name = 'Sara Svensson';
  const email = 'sara.hemlig@exempel.se';
  const answer = 'Barnet behöver tecken som stöd, kodord Zebraflöjt-4711';
  await openKiosk(page, host);
  await page.getByTestId('begin').click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
  await expectPaperStart(page, 'Skyddad identitet', 'paper route from the catalogue');
  await page.getByTestId('paper-continue').click();

  // the catalogue now says every e-service is printed; the way in is not offered twice
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await expect(page.getByTestId('paper-banner')).toContainText('Du gör ärendet på en blankett.');
  await expect(page.locator('[data-service="forskoleplats"]')).toContainText('Skrivs ut på en blankett');
  await expect(page.getByRole('button', { name: 'Jag har skyddad identitet' })).toHaveCount(0);
  await expectScreenOk(page, 'catalogue on the paper route');
  await page.locator('[data-service="forskoleplats"]').click();
  await expect(h1(page)).toHaveText(FORSKOLA);
  await expect(
    page.getByText('Du loggar inte in. När du har fyllt i e-tjänsten skrivs den ut på en blankett'),
  ).toBeVisible();
  await beginService(page);

  // no BankID: straight to the steps, the child typed by hand instead of chosen from the register
  await expectStep(page, 'Barnet');
  const childInput = page.getByLabel('Vilket barn gäller ansökan?');
  await expect(childInput).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByText('Skriv barnets personnummer med 12 siffror')).toBeVisible();
  await next(page);
  await expectFieldError(page, 'Vilket barn gäller ansökan?', 'Fyll i det här fältet.');
  await childInput.fill('20190314-2387');
  await childInput.blur();
  await expectFieldError(page, 'Vilket barn gäller ansökan?', 'Personnumret stämmer inte.');
  await childInput.fill('20190314-2386');
  await expectScreenOk(page, 'child typed by hand');
  await next(page);

  await answerForskolaStartToSchema(page, { moreToKnow: answer });
  // nothing from a register: the name is typed, not locked
  await expect(page.getByRole('textbox', { name: 'Ditt namn', exact: true })).toHaveValue('');
  await typeForskolaContact(page, { name, email });

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(reviewRow(page, 'Vilket barn gäller ansökan?')).toContainText('20190314-2386');
  await expect(page.getByRole('button', { name: 'Skriv ut blanketten' })).toBeVisible();
  await expectScreenOk(page, 'review on the paper route');
  const pdf = await printBlankett(page, 'forskoleplats');
  await expect(page.getByTestId('paper-hand-in')).toHaveText(
    'Lämna den underskrivna blanketten i receptionen eller skicka den till barn- och utbildningsförvaltningen.',
  );
  await finish(page);

  const text = pdfText(pdf);
  expect(text).toContain(FORSKOLA);
  expect(text).toMatch(/20190314-?2386/);
  expect(text).toContain(name);
  expect(text).toContain(email);
  expect(text).toContain(answer);
  expectNothingKept(host, lpHome, [...pnrForms(child), name, 'Svensson', email, answer, 'Zebraflöjt']);
});

test('(b) a login the register reports as protected: Parkeringstillstånd on paper, no name or address shown, printed, nothing kept', async ({
  page,
  host,
  lpHome,
}) => {
  const sara = '197708159897';
  const street = 'Dolda gränd 12';
  const answer = 'Stel höft efter olycka, kodord Kolibriharpa-2207';
  await openSignIn(page, host, 'parkeringstillstand', PARKERING);
  await scanQr(page, bankIdSimulator(host), { personalNumber: sara });

  await expectPaperStart(page, 'Du gör ärendet på en blankett', 'paper route after a protected login');
  await expect(page.getByText('Enligt folkbokföringen har du skyddade personuppgifter.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Sara');
  await expect(page.locator('body')).not.toContainText('Inloggad som');
  // core did switch the visit over: there is no way back into the sign-in
  await expect(page.getByRole('button', { name: 'Tillbaka' })).toHaveCount(0);
  await page.getByTestId('paper-continue').click();

  await expectStep(page, 'Innan du börjar', 'Steg 1 av 4');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Förare – jag kör själv');
  await next(page);
  await expectStep(page, 'Dina uppgifter');
  // nothing from the register: no name, no personnummer, no address on screen
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toHaveValue('');
  await expect(page.getByLabel('Personnummer')).toHaveValue('');
  await expect(page.getByLabel('Gatuadress')).toHaveValue('');
  await expect(page.getByLabel('Personnummer')).not.toHaveAttribute('readonly', '');
  await typeParkeringDetails(page, {
    name: 'Sara Svensson',
    personalNumber: '19770815-9897',
    street,
    postalCode: '123 99',
    city: 'Exempelstad',
    phone: '070-222 33 44',
  });
  await expectScreenOk(page, 'details typed on the paper route');
  await next(page);
  await expectStep(page, 'Om dig som förare');
  await choose(page, 'Har du ett giltigt körkort?', 'Ja');
  await next(page);
  await answerParkeringNeed(page, {
    disability: answer,
    walkingDistance: '25–100 meter',
    duration: 'Längre än två år eller bestående',
  });
  await answerParkeringDeclarations(page);

  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await expect(page.getByRole('button', { name: 'Gå vidare till underskrift' })).toHaveCount(0);
  const pdf = await printBlankett(page, 'parkeringstillstand');
  await finish(page);

  const text = pdfText(pdf);
  expect(text).toContain(PARKERING);
  expect(text).toMatch(/19770815-?9897/);
  expect(text).toContain('Sara Svensson');
  expect(text).toContain(street);
  expect(text).toContain(answer);
  expectNothingKept(host, lpHome, [...pnrForms(sara), 'Sara Svensson', 'Svensson', street, answer, 'Kolibriharpa']);
  // BankID saw Sara, the kiosk kept nothing of her: no case was made
  expect(host.output()).not.toContain(sara);
});

test('(c) BankID in maintenance: the sign-in offers the blankett, Parkeringstillstånd is printed, nothing kept', async ({
  page,
  host,
  lpHome,
}) => {
  const nils = '199203179867';
  const answer = 'Behöver hjälp ur bilen, kodord Tranbärsgrotta-9031';
  await host.control({ service: 'maintenance' });
  await openSignIn(page, host, 'parkeringstillstand', PARKERING);
  await expect(page.getByTestId('bankid-status')).toHaveText('Något gick fel. Försök igen.');
  // one failure may pass; the second in a row means BankID cannot be used now
  await expect(page.getByTestId('bankid-unusable')).toHaveCount(0);
  await page.getByRole('button', { name: 'Försök igen' }).click();
  await expect(page.getByTestId('bankid-unusable')).toContainText('BankID kan inte användas i kiosken just nu.');
  await expectScreenOk(page, 'BankID unusable');
  await page.getByRole('button', { name: 'Gör ärendet på en blankett' }).click();

  await expectPaperStart(page, 'BankID fungerar inte just nu', 'paper route, BankID unusable');
  await page.getByTestId('paper-continue').click();
  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Passagerare – någon annan kör mig');
  await next(page);
  await expectStep(page, 'Dina uppgifter');
  await typeParkeringDetails(page, {
    name: 'Nils Nilsson',
    personalNumber: '199203179867',
    street: 'Provgatan 5',
    postalCode: '12345',
    city: 'Exempelstad',
    phone: '070-333 44 55',
  });
  await next(page);
  await expectStep(page, 'Om dig som passagerare');
  await choose(page, 'Behöver du förarens hjälp även när du har kommit ur bilen?', 'Ja');
  await page.getByLabel('Beskriv vilken hjälp du behöver').fill(answer);
  await choose(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?', 'Nej');
  await next(page);
  await answerParkeringNeed(page, {
    disability: 'Kan inte gå långt.',
    walkingDistance: 'Kortare än 25 meter',
    duration: 'Sex månader till två år',
  });
  await answerParkeringDeclarations(page);
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  const pdf = await printBlankett(page, 'parkeringstillstand');
  await finish(page);

  const text = pdfText(pdf);
  expect(text).toMatch(/19920317-?9867/);
  expect(text).toContain('Nils Nilsson');
  expect(text).toContain(answer);
  expectNothingKept(host, lpHome, [...pnrForms(nils), 'Nils Nilsson', answer, 'Tranbärsgrotta']);
});

test('the ways in from the flow intro and the sign-in; Tillbaka never leads back to BankID', async ({ page, host }) => {
  await openKiosk(page, host);
  await openService(page, 'forskoleplats', FORSKOLA);
  await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
  await expectPaperStart(page, 'Skyddad identitet', 'paper route from the intro');
  await expect(page.getByText(FORSKOLA, { exact: true })).toBeVisible();
  // back on the intro, now on paper: no sign-in, and the link is not offered again
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await expect(h1(page)).toHaveText(FORSKOLA);
  await expect(page.getByText('Du loggar inte in.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jag har skyddad identitet' })).toHaveCount(0);
  await expect(page.getByTestId('paper-banner')).toBeVisible();
  await beginService(page);
  await expectStep(page, 'Barnet');
  await page.getByTestId('paper-banner').getByRole('button', { name: 'Avsluta' }).click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');

  // a new visit: BankID again, and "Jag har inte BankID" on the sign-in
  await openService(page, 'forskoleplats', FORSKOLA);
  await beginService(page);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
  await expect(page.getByTestId('bankid-qr')).toBeVisible();
  await page.getByRole('button', { name: 'Jag har inte BankID' }).click();
  await expectPaperStart(page, 'Utan BankID', 'paper route without BankID');
  // the order that was showing is cancelled at BankID
  await expect.poll(async () => (await host.orders()).map((o) => o.cancelledByRp)).toEqual([true]);
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await expect(h1(page)).toHaveText(FORSKOLA);
  await beginService(page);
  await expectStep(page, 'Barnet');
});

test('a stopped printer: the visitor is told before and after filling in, loses nothing, and "Försök igen" prints once it runs', async ({
  page,
  host,
  lpHome,
}) => {
  const answer = 'Knappen Skicka gör ingenting, kodord Pelikanvals-5150';
  const queuedBefore = queuedJobs();
  disableQueue('Pappersstopp');
  try {
    await openKiosk(page, host);
    await page.getByTestId('begin').click();
    await page.getByRole('button', { name: 'Jag har skyddad identitet' }).click();
    await expect(h1(page)).toHaveText('Skyddad identitet');
    await expect(page.getByTestId('paper-printer-down')).toContainText(PRINTER_DOWN);
    await page.getByTestId('paper-continue').click();
    await page.locator('[data-service="support-e-tjanster"]').click();
    await beginService(page);
    await expectStep(page, 'Om problemet');
    await page.getByLabel('Vilken e-tjänst gäller det?').fill('Ansökan om bygglov');
    await choose(page, 'Vad är problemet?', 'Något annat');
    await page.getByLabel('Beskriv vad som hände').fill(answer);
    await next(page);
    await expectStep(page, 'Kontaktuppgifter');
    await choose(page, 'Vill du att vi kontaktar dig?', 'Nej');
    await next(page);
    await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');

    await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
    await expect(h1(page)).toHaveText('Skriv ut blanketten');
    await expect(page.getByTestId('paper-print-problem')).toContainText(PRINTER_DOWN);
    await expect(page.getByTestId('paper-print-problem')).toContainText('Det du har fyllt i finns kvar');
    await page.getByRole('button', { name: 'Be om hjälp' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Be om hjälp' })).toBeVisible();
    await expect(page.getByText('Du kan också ringa kommunens kontaktcenter på 08-123 45 00.')).toBeVisible();
    await expectScreenOk(page, 'printer stopped');
    // the answers are still there
    await page.getByRole('button', { name: 'Tillbaka till dina svar' }).click();
    await expect(reviewRow(page, 'Beskriv vad som hände')).toContainText(answer);
    await page.getByRole('button', { name: 'Skriv ut blanketten' }).click();
    await expect(page.getByTestId('paper-print-problem')).toContainText(PRINTER_DOWN);
    // nothing reached the queue while it was stopped
    expect(queuedJobs()).toEqual(queuedBefore);

    enableQueue();
    const since = Date.now();
    await page.getByTestId('paper-print-retry').click();
    await expect(h1(page)).toHaveText('Blanketten skrivs ut', { timeout: 30_000 });
    const file = await printedPdfSince(since, 'Blankett support-e-tjanster');
    expect(file, 'cups-pdf wrote no PDF after Försök igen').not.toBeNull();
    printouts.push(file as string);
    expect(pdfText(file as string)).toContain(answer);
    await finish(page);
    expectNothingKept(host, lpHome, [answer, 'Pelikanvals']);
  } finally {
    enableQueue();
  }
});

/** The ids of the jobs waiting in the queue. */
function queuedJobs(): string[] {
  return execFileSync('lpstat', ['-o', QUEUE], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
    .split('\n')
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter((id) => id !== '');
}
