import type { Page } from '@playwright/test';
import { en } from '../../src/renderer/src/i18n/en';
import { sv } from '../../src/renderer/src/i18n/sv';
import { contentSecurityPolicy, META_CONTENT_SECURITY_POLICY } from '../../src/serving/security-policy';
import { expectAccessible, expectTouchTargets } from './support/a11y';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import { messageStrings } from './support/i18n-strings';
import { configWithSession } from './support/journey';

test.use({ hostConfig: configWithSession({ idleSeconds: 60, warningSeconds: 25 }) });

async function open(page: Page, host: TestHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('the start screen shows the municipality from config and passes axe', async ({ page, host }) => {
  await open(page, host);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen till Testby kommun');
  await expect(page.getByText('08-123 45 00')).toBeVisible();
  await expect(page).toHaveTitle(/Testby kommun/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expectAccessible(page, 'start screen');
  await expectTouchTargets(page, 'start screen');
});

test("the host serves the kiosk's one security policy, with its WebSocket, and the page carries it too", async ({
  page,
  host,
}) => {
  const response = await page.goto(host.url);
  const { host: origin } = new URL(host.url);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy([`ws://${origin}`]));
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    META_CONTENT_SECURITY_POLICY,
  );
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('switching to English changes every visible text, and back', async ({ page, host }) => {
  await open(page, host);
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.catalogue.heading);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.catalogue.heading);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const body = await page.locator('body').innerText();
  const leftovers = messageStrings(sv).filter((s) => !messageStrings(en).includes(s) && body.includes(s));
  expect(leftovers, 'Swedish texts still visible in English').toEqual([]);
  await expectAccessible(page, 'catalogue in English');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.catalogue.heading);
});

test('the inactivity warning counts down and "Jag är kvar" keeps the visit', async ({ page, host }) => {
  await page.clock.install();
  await open(page, host);
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.catalogue.heading);
  // stop the page's clock so the countdown moves only when the test says so
  await page.clock.pauseAt(Date.now() + 5_000);
  await page.clock.runFor(50_000);
  await expect(page.getByTestId('inactivity-dialog')).toHaveCount(0);
  await page.clock.runFor(8_000);
  const dialog = page.getByRole('alertdialog', { name: 'Är du kvar?' });
  await expect(dialog).toBeVisible();
  const before = Number(await page.getByTestId('inactivity-countdown').textContent());
  expect(before).toBeGreaterThan(15);
  expect(before).toBeLessThanOrEqual(25);
  await page.clock.runFor(5_000);
  await expect(page.getByTestId('inactivity-countdown')).toHaveText(String(before - 5));
  await expect(dialog.getByRole('button', { name: 'Jag är kvar' })).toBeFocused();
  await page.clock.resume(); // axe needs running timers; 20 s are left, plenty for the check
  await expectAccessible(page, 'inactivity warning');
  await expectTouchTargets(page, 'inactivity warning');
  await dialog.getByRole('button', { name: 'Jag är kvar' }).click();
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(30_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.catalogue.heading);
  await expect(dialog).toHaveCount(0);
});

test('without an answer the visit resets to the start screen and browser storage is emptied', async ({
  page,
  host,
}) => {
  await page.clock.install();
  await open(page, host);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.evaluate(() => {
    localStorage.setItem('left-behind', 'x');
    sessionStorage.setItem('left-behind', 'y');
    document.cookie = 'left-behind=z; path=/';
  });
  await page.clock.pauseAt(Date.now() + 5_000);
  await page.clock.runFor(61_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.clock.runFor(26_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen till Testby kommun');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  const storage = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookie: '' });
});

test('an invalid payload through window.kiosk gets a typed error and the UI keeps working', async ({ page, host }) => {
  await open(page, host);
  const answers = await page.evaluate(async () => {
    const k = (window as unknown as { kiosk: Record<string, Record<string, (x: unknown) => Promise<unknown>>> }).kiosk;
    return {
      badEnum: await k.session!.reset!({ reason: 'because' }),
      extraKey: await k.catalogue!.list!({ sneaky: true }),
      notObject: await k.session!.reset!('reset everything'),
    };
  });
  for (const a of Object.values(answers)) {
    expect(a).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.catalogue.heading);
  expect(host.output()).not.toContain('Error');
});

test('a kiosk with an invalid configuration shows "Ur funktion" with the reason for staff', async ({
  page,
  startHost,
}) => {
  const host = await startHost('session:\n  warningSeconds: 5\n  idelSeconds: 30\n');
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ur funktion');
  await expect(page.getByRole('button', { name: 'Börja' })).toHaveCount(0);
  await page.getByText('För personal och IT').click();
  await expect(page.getByText(/session\.warningSeconds is 5; expected at least 20 seconds/)).toBeVisible();
  await expect(page.getByText(/session\.idelSeconds .*no such key/)).toBeVisible();
  await expectAccessible(page, 'out of order');
});

test('the catalogue lists exactly the e-services the configuration enables, in its order', async ({
  page,
  startHost,
}) => {
  const host = await startHost('flows:\n  enabled: [felanmalan-gata-park, support-e-tjanster]\n');
  await open(page, host);
  await page.getByRole('button', { name: 'Börja' }).click();
  const list = page.getByTestId('service-list');
  await expect(list.locator('[data-service]')).toHaveCount(2);
  const ids = await list.locator('[data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service')));
  expect(ids).toEqual(['felanmalan-gata-park', 'support-e-tjanster']);
  await expect(list).toContainText('Felanmälan');
  await expectAccessible(page, 'catalogue');
  await expectTouchTargets(page, 'catalogue');
});
