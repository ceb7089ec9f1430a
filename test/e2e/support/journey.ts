/**
 * A visitor's moves through an e-service, for the journey tests: open the kiosk, pick a service,
 * check every screen with axe and the touch-target rule, answer fields by their visible labels.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectTouchTargets } from './a11y';
import type { TestHost } from './host';

/**
 * The test kiosk's config with these inactivity times: the warning comes after `idleSeconds` without a
 * touch and the visit ends `warningSeconds` later; `extendSteps` are the "more time" buttons' seconds.
 */
export function configWithSession(session: {
  idleSeconds: number;
  warningSeconds: number;
  extendSteps?: number[];
}): string {
  const extend = session.extendSteps ? `  extendSteps: [${session.extendSteps.join(', ')}]\n` : '';
  return `
kiosk:
  id: e2e-kiosk
  municipality:
    name: Testby kommun
    contactCentre:
      phone: 08-123 45 00
      email: kontakt@testby.se
session:
  idleSeconds: ${session.idleSeconds}
  warningSeconds: ${session.warningSeconds}
${extend}`;
}

/** The test kiosk of the journeys: Testby kommun, ten minutes before the inactivity warning. */
export const CONFIG = `${configWithSession({ idleSeconds: 600, warningSeconds: 30 })}
cases:
  delivery:
    targets:
      # the journeys' cases go out as FGS packages; every one is validated after its test (delivered-cases.ts)
      local: { type: directory, format: fgs, classification: "1.2" }
`;

/** An ISO date `days` from today in Sweden. */
export function inDays(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function h1(page: Page): Locator {
  return page.getByRole('heading', { level: 1 });
}

/** axe (WCAG 2.1 AA) and 48 px touch targets on what the visitor sees now. */
export async function expectScreenOk(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await expectTouchTargets(page, what);
}

let waitForScreens = false;

/**
 * Benchmarks measure the kiosk as a visitor meets it, long after it started: `openKiosk` then also waits
 * until every screen's code is loaded in the background (`data-screens-ready`). The tests do not wait,
 * so a tap before that is tested too.
 */
export function openKioskWaitsForScreens(wait: boolean): void {
  waitForScreens = wait;
}

export async function openKiosk(page: Page, host: TestHost): Promise<void> {
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  if (waitForScreens) await page.locator('html[data-screens-ready]').waitFor({ state: 'attached', timeout: 30_000 });
}

/** Start screen → catalogue → the service's intro. */
export async function openService(page: Page, serviceId: string, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.locator(`[data-service="${serviceId}"]`).click();
  await expect(h1(page)).toHaveText(title);
  await expect(h1(page)).toBeFocused();
}

/** "Börja" on the service's intro: on to the first step, or to the BankID sign-in first. */
export async function beginService(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Börja', exact: true }).click();
}

/** A new visit to a service that needs BankID, as far as its sign-in screen. */
export async function openSignIn(page: Page, host: TestHost, serviceId: string, title: string): Promise<void> {
  await openKiosk(page, host);
  await openService(page, serviceId, title);
  await beginService(page);
  await expect(h1(page)).toHaveText('Logga in med Mobilt BankID');
}

export async function expectStep(page: Page, title: string, progress?: string): Promise<void> {
  await expect(h1(page)).toHaveText(title);
  await expect(h1(page)).toBeFocused();
  if (progress) await expect(page.getByTestId('progress')).toHaveText(progress);
}

export async function next(page: Page): Promise<void> {
  await page.getByTestId('step-next').click();
}

export async function back(page: Page): Promise<void> {
  await page.getByTestId('step-back').click();
}

/** A radio button or checkbox by its group's question and the option's text. */
export async function choose(page: Page, question: string, option: string): Promise<void> {
  await page.getByRole('group', { name: question }).getByText(option, { exact: true }).click();
}

/** The inline error of the input with this label (via aria-describedby). */
export async function expectFieldError(page: Page, label: string | RegExp, text: string | RegExp): Promise<void> {
  const input = page.getByLabel(label);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(text instanceof RegExp ? text : new RegExp(escape(text)));
}

/**
 * A mistake put right: the visitor types `wrong` in the field with this label and leaves it, is told
 * `error` there, types `right`, and the error is gone at once (before leaving the field again).
 */
export async function correctField(
  page: Page,
  label: string,
  fix: { wrong: string; error: string | RegExp; right: string },
): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(fix.wrong);
  await input.blur();
  await expectFieldError(page, label, fix.error);
  await input.fill(fix.right);
  await expectNoFieldError(page, label);
}

/** The error of a group of options (radio buttons, checkboxes), described on its fieldset. */
export async function expectGroupError(page: Page, question: string, text: string): Promise<void> {
  const group = page.getByRole('group', { name: question });
  await expect(group).toHaveAccessibleDescription(new RegExp(escape(text)));
  await expect(group.getByRole('radio').or(group.getByRole('checkbox')).first()).toHaveAttribute(
    'aria-invalid',
    'true',
  );
}

export async function expectNoFieldError(page: Page, label: string): Promise<void> {
  const input = page.getByLabel(label);
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function summary(page: Page): Locator {
  return page.getByTestId('error-summary');
}

/** The review's row of a question. */
export function reviewRow(page: Page, label: string): Locator {
  return page.locator('.review-item').filter({ has: page.getByRole('term').getByText(label, { exact: true }) });
}

/** Receipt: the heading, a reference and the honest status. */
export async function expectReceipt(page: Page, service: string): Promise<string> {
  await expect(h1(page)).toHaveText('Vi har nu mottagit ditt ärende!');
  await expect(page.getByTestId('receipt-service')).toHaveText(service);
  await expect(page.getByTestId('receipt-status')).toHaveText(
    /Registrerat i kiosken och skickas till kommunen|Inkommet till kommunen/,
  );
  const reference = (await page.getByTestId('receipt-reference').textContent())?.trim() ?? '';
  expect(reference.length).toBeGreaterThan(3);
  return reference;
}

/** "Avsluta" on the receipt: the visit is over, the next visitor starts clean. */
export async function finishVisit(page: Page): Promise<void> {
  await page.getByTestId('receipt-finish').click();
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await expect(page.getByTestId('signed-in-banner')).toHaveCount(0);
}
