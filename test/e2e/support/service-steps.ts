/**
 * Steps of the shipped e-services answered in one go, for the specs whose subject lies elsewhere (the
 * paper route, the checks in every mode). A helper that answers whole steps checks each step's heading
 * and ends with "Nästa"; one that only fills a step in leaves the heading and "Nästa" to the spec.
 */
import type { Page } from '@playwright/test';
import { choose, expectStep, inDays, next } from './journey';

// ── Ansökan om plats i förskola ──

/**
 * "Önskad start", "Önskade förskolor" and "Schema" the plain way: a start two months ahead with the
 * free 15 hours a week, Förskolan Vitsippan first, no sibling (and `moreToKnow` in the free text when
 * given), no schedule. Ends on "Dina kontaktuppgifter".
 */
export async function answerForskolaStartToSchema(page: Page, options: { moreToKnow?: string } = {}): Promise<void> {
  await expectStep(page, 'Önskad start');
  await page.getByLabel('Från vilket datum behöver barnet en plats?').fill(inDays(60));
  await choose(
    page,
    'Hur mycket behöver barnet vara på förskolan?',
    'Allmän förskola, 15 timmar i veckan (till exempel om du är föräldraledig eller arbetssökande)',
  );
  await next(page);
  await expectStep(page, 'Önskade förskolor');
  await page.getByLabel('Förstahandsval').selectOption({ label: 'Förskolan Vitsippan' });
  await choose(page, 'Går ett syskon redan på någon av förskolorna du har valt?', 'Nej');
  if (options.moreToKnow !== undefined)
    await page.getByLabel('Finns det något mer vi behöver veta').fill(options.moreToKnow);
  await next(page);
  await expectStep(page, 'Schema');
  await next(page);
  await expectStep(page, 'Dina kontaktuppgifter');
}

/** "Dina kontaktuppgifter" typed by hand (nothing from a register), the only guardian, the declaration ticked; then "Nästa". */
export async function typeForskolaContact(page: Page, visitor: { name: string; email: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Ditt namn', exact: true }).fill(visitor.name);
  await page.getByLabel('E-postadress').fill(visitor.email);
  await page.getByLabel('Telefonnummer').fill('070-111 22 33');
  await choose(page, 'Har barnet en vårdnadshavare till?', 'Nej');
  await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
  await next(page);
}

// ── Ansökan om parkeringstillstånd för rörelsehindrade ──

/** "Dina uppgifter" typed by hand, as on the paper route where nothing comes from a register. */
export async function typeParkeringDetails(
  page: Page,
  person: { name: string; personalNumber: string; street: string; postalCode: string; city: string; phone: string },
): Promise<void> {
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(person.name);
  await page.getByLabel('Personnummer').fill(person.personalNumber);
  await page.getByLabel('Gatuadress').fill(person.street);
  await page.getByLabel('Postnummer').fill(person.postalCode);
  await page.getByLabel('Ort').fill(person.city);
  await page.getByLabel('Telefonnummer').fill(person.phone);
}

/** "Ditt behov": the disability described, how far the visitor can walk, for how long; no permit before. Then "Nästa". */
export async function answerParkeringNeed(
  page: Page,
  need: { disability: string; walkingDistance: string; duration: string },
): Promise<void> {
  await expectStep(page, 'Ditt behov');
  await page.getByLabel('Beskriv din funktionsnedsättning').fill(need.disability);
  await page.getByLabel('Hur långt kan du gå utan att stanna').selectOption({ label: need.walkingDistance });
  await choose(page, 'Hur länge beräknas funktionsnedsättningen vara?', need.duration);
  await choose(page, 'Har du haft parkeringstillstånd tidigare?', 'Nej');
  await next(page);
}

/**
 * Signed in with the register's details, Parkeringstillstånd answered as a passenger who can walk
 * 25–100 metres, for good, as far as "Intyga och skicka" (its heading checked; nothing ticked yet).
 */
export async function answerParkeringAsPassenger(page: Page): Promise<void> {
  await expectStep(page, 'Innan du börjar');
  await choose(page, 'Är du folkbokförd i kommunen?', 'Ja');
  await choose(page, 'Söker du som förare eller som passagerare?', 'Passagerare – någon annan kör mig');
  await next(page);
  await expectStep(page, 'Dina uppgifter');
  await page.getByLabel('Telefonnummer').fill('070-765 43 21');
  await next(page);
  await expectStep(page, 'Om dig som passagerare');
  await choose(page, 'Behöver du förarens hjälp även när du har kommit ur bilen?', 'Nej');
  await choose(page, 'Kan du lämnas ensam en kort stund medan föraren parkerar?', 'Ja');
  await next(page);
  await answerParkeringNeed(page, {
    disability: 'Jag kan bara gå korta sträckor med rollator.',
    walkingDistance: '25–100 meter',
    duration: 'Längre än två år eller bestående',
  });
  await expectStep(page, 'Intyga och skicka');
}

/** Both boxes of "Intyga och skicka": the answers are true, and the health details may be handled. */
export async function tickParkeringDeclarations(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' }).check();
  await page.getByRole('checkbox', { name: /också uppgifterna om min hälsa/ }).check();
}

/** "Intyga och skicka" with both boxes ticked, then "Nästa" (to the review). */
export async function answerParkeringDeclarations(page: Page): Promise<void> {
  await expectStep(page, 'Intyga och skicka');
  await tickParkeringDeclarations(page);
  await next(page);
}
