/**
 * Staff mode through the host, in real Chromium: the hidden entry, the PIN pad and its lockout, the
 * panel (dead letter sent again to a real receiver process, test print, blank blankett, assisted
 * visit), "Ur funktion" as visitors see it, and the inactivity timeout kept by core.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPin } from '../../src/core/staff/pin-hash';
import { startReceiver, type Receiver } from '../../src/simulators/receiver/server';
import { createTestPki } from '../../src/simulators/test-pki';
import { setMode } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import {
  beginService,
  choose,
  configWithSession,
  expectScreenOk,
  expectStep,
  finishVisit,
  h1,
  next,
  openKiosk,
  openService,
} from './support/journey';

const PIN = '246810';
const WRONG_PIN = '135791';
const START = 'Välkommen till Testby kommun';

let pinHash = '';
test.beforeAll(async () => {
  pinHash = await hashPin(PIN);
});

function staffConfig(extra = ''): string {
  // the journeys' kiosk without its delivery section: a test here configures its own
  return `${configWithSession({ idleSeconds: 600, warningSeconds: 30 })}
staff:
  members:
    - id: reception-1
      pinHash: '${pinHash}'
${extra}`;
}

/** The hidden corner: held for three seconds (a short tap does nothing). */
async function holdCorner(page: Page, ms: number): Promise<void> {
  const box = await page.getByTestId('staff-entry').boundingBox();
  if (!box) throw new Error('the staff entry corner is not on the screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin)
    await page.getByRole('group', { name: 'Sifferknappar' }).getByRole('button', { name: digit, exact: true }).click();
  await page.getByTestId('staff-pin-submit').click();
}

/** Ctrl+Alt+S and the PIN from a keyboard: the panel opens. */
async function enterStaffMode(page: Page): Promise<void> {
  await page.keyboard.press('Control+Alt+KeyS');
  await expect(h1(page)).toHaveText('Personalläge');
  await expect(page.getByLabel('PIN-kod')).toBeVisible();
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('staff-leave')).toBeVisible();
  await expect(page.getByTestId('staff-queue')).toBeVisible();
}

async function leaveStaffMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lämna personalläge' }).click();
}

/** A visitor reports a fault (no identification) and gets the receipt; returns the case reference. */
async function reportFault(page: Page): Promise<string> {
  await openService(page, 'felanmalan-gata-park', 'Felanmälan gata, park och belysning');
  await beginService(page);
  await expectStep(page, 'Vad är fel?', 'Steg 1 av 3');
  await choose(page, 'Är det akut fara för liv, hälsa eller egendom?', 'Nej');
  await choose(page, 'Vad gäller felet?', 'Nedskräpning eller klotter');
  await page.getByLabel('Beskriv felet').fill('Klotter på muren vid lekplatsen.');
  await next(page);
  await expectStep(page, 'Var finns felet?', 'Steg 2 av 3');
  await page.getByLabel('Adress eller plats').fill('Storgatan 12');
  await next(page);
  await expectStep(page, 'Vill du ha återkoppling?', 'Steg 3 av 3');
  await choose(page, 'Vill du att vi hör av oss när felet är åtgärdat?', 'Nej');
  await next(page);
  await expect(h1(page)).toHaveText('Kontrollera dina uppgifter');
  await page.getByRole('button', { name: 'Skicka in' }).click();
  await expect(h1(page)).toHaveText('Vi har nu mottagit ditt ärende!');
  return ((await page.getByTestId('receipt-reference').textContent()) ?? '').trim();
}

test.describe('staff mode', () => {
  // every test has a host (and data folder) of its own
  test.describe.configure({ mode: 'parallel' });

  test('the hidden corner opens the PIN pad; five wrong PINs lock it, and the lock outlasts closing the pad', async ({
    page,
    startHost,
  }) => {
    const host = await startHost(staffConfig());
    await openKiosk(page, host);

    // a short tap in the corner does nothing
    await holdCorner(page, 200);
    await expect(h1(page)).toHaveText(START);

    await holdCorner(page, 3300);
    await expect(h1(page)).toHaveText('Personalläge');
    await expect(h1(page)).toBeFocused();
    const input = page.getByLabel('PIN-kod');
    await expect(input).toHaveAttribute('type', 'password');
    await expectScreenOk(page, 'PIN pad');

    // the masked field shows how many digits, never which
    await page.getByRole('button', { name: '1', exact: true }).click();
    await page.getByRole('button', { name: '3', exact: true }).click();
    await expect(input).toHaveValue('13');
    await page.getByRole('button', { name: 'Radera' }).click();
    await expect(input).toHaveValue('1');
    await page.getByRole('button', { name: 'Radera' }).click();

    const message = page.getByTestId('staff-pin-message');
    for (const left of [4, 3, 2, 1]) {
      await typePin(page, WRONG_PIN);
      await expect(message).toHaveText(`Fel PIN-kod. ${left} försök kvar.`);
      await expect(input).toHaveValue('');
    }
    await typePin(page, WRONG_PIN);
    await expect(message).toContainText('Låst i 5 minuter');
    await expect(page.getByRole('button', { name: '5', exact: true })).toBeDisabled();
    await expectScreenOk(page, 'locked PIN pad');

    // Avbryt: back to the start screen; opening the pad again still shows the lock (kept by core)
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expect(h1(page)).toHaveText(START);
    await page.keyboard.press('Control+Alt+KeyS');
    await expect(message).toContainText('Låst i 5 minuter');
    // typing the right PIN on a keyboard does not get past the lock either
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('staff-leave')).toHaveCount(0);
    await expect(message).toContainText('Låst i 5 minuter');
    await page.keyboard.press('Escape');
    await expect(h1(page)).toHaveText(START);
  });

  test('the panel shows the wrong PINs typed since the last entry (sv, en, ar), and none after it', async ({
    page,
    startHost,
  }) => {
    const host = await startHost(
      staffConfig().replace('  id: e2e-kiosk\n', '  id: e2e-kiosk\n  languages: [sv, en, ar]\n'),
    );
    await openKiosk(page, host);
    await page.keyboard.press('Control+Alt+KeyS');
    const message = page.getByTestId('staff-pin-message');
    await typePin(page, WRONG_PIN);
    await expect(message).toHaveText('Fel PIN-kod. 4 försök kvar.');
    await typePin(page, WRONG_PIN);
    await expect(message).toHaveText('Fel PIN-kod. 3 försök kvar.');
    await typePin(page, PIN);
    await expect(page.getByTestId('staff-leave')).toBeVisible();
    const failed = page.getByTestId('staff-failed-pins');
    await expect(failed).toContainText('2 fel PIN-koder har skrivits in sedan förra inloggningen, den senaste ');
    await expect(failed).toContainText('Var det inte någon i personalen? Säg till IT.');
    await expectScreenOk(page, 'staff panel with wrong PINs before the entry');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(failed).toContainText('2 wrong PINs were typed since the last entry, the last ');
    await expect(failed).toContainText('If it was not one of the staff, tell IT.');
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(failed).toContainText('كُتب 2 من الأرقام السرية الخاطئة منذ آخر دخول، آخرها');
    await expectScreenOk(page, 'staff panel with wrong PINs, in Arabic');
    await page.getByRole('button', { name: 'Svenska' }).click();

    // the next entry finds none since this one
    await leaveStaffMode(page);
    await expect(h1(page)).toHaveText(START);
    await enterStaffMode(page);
    await expect(failed).toHaveText('Inga fel PIN-koder har skrivits in sedan förra inloggningen.');
  });

  test('a visit under way is ended by the staff entry; the panel shows nothing of the visitor', async ({
    page,
    startHost,
  }) => {
    const host = await startHost(staffConfig());
    await openKiosk(page, host);
    await openService(page, 'felanmalan-gata-park', 'Felanmälan gata, park och belysning');
    await beginService(page);
    await page.getByLabel('Beskriv felet').fill('Trasig lykta vid Storgatan 12.');

    await page.keyboard.press('Control+Alt+KeyS');
    await expect(h1(page)).toHaveText('Personalläge');
    // "Avbryt" does not lead back into the visit: it was ended when the PIN pad opened
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expect(h1(page)).toHaveText(START);
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.locator('[data-service="felanmalan-gata-park"]').click();
    await beginService(page);
    await expect(page.getByLabel('Beskriv felet')).toHaveValue('');

    await page.getByLabel('Beskriv felet').fill('Trasig lykta vid Storgatan 12.');
    await enterStaffMode(page);
    await expect(page.locator('body')).not.toContainText('Storgatan');
    await expect(page.locator('body')).not.toContainText('Trasig lykta');
    await expect(page.getByText('Inloggad som reception-1.')).toBeVisible();
    await expectScreenOk(page, 'staff panel');

    // English too
    await page.getByRole('button', { name: 'English' }).click();
    await expect(h1(page)).toHaveText('Staff mode');
    await expect(page.getByRole('button', { name: 'Leave staff mode' })).toBeVisible();
    await expectScreenOk(page, 'staff panel in English');
    // high contrast: the health checks' badges (OK, Warning, Error) stay readable on black
    await setMode(page, { lang: 'en', size: 100, contrast: true });
    await expect(page.locator('.staff-panel .badge[data-severity="warn"]').first()).toBeVisible();
    await expectScreenOk(page, 'staff panel in English, high contrast');
    await setMode(page, { lang: 'en', size: 100, contrast: false });
    await page.getByRole('button', { name: 'Leave staff mode' }).click();
    // back to the start screen, in the kiosk's own language
    await expect(h1(page)).toHaveText(START);
  });

  test('a dead letter is sent again from the panel and delivered to the receiver; the assisted marker reaches the case', async ({
    page,
    startHost,
  }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-receiver-'));
    let receiver: Receiver | null = null;
    try {
      const pki = createTestPki({ name: 'Case receiver', clientName: 'kiosk-test-client' });
      const caFile = path.join(dir, 'receiver-ca.pem');
      writeFileSync(caFile, pki.caCertPem);
      const receivedDir = path.join(dir, 'received');
      // the receiver refuses every case until the fault is switched off: the case becomes a dead letter
      receiver = await startReceiver({
        dir: receivedDir,
        host: '127.0.0.1',
        tls: { key: pki.serverKeyPem, cert: pki.serverCertPem },
        faults: [{ kind: 'status', status: 422 }],
      });
      const host = await startHost(
        staffConfig(`cases:
  delivery:
    targets:
      municipality:
        type: https
        url: ${JSON.stringify(receiver.casesUrl)}
        caFile: ${JSON.stringify(caFile)}
        timeoutMs: 5000
    defaultTarget: municipality
`),
      );
      await openKiosk(page, host);

      // staff mark the next visit as assisted, then leave: the marker stays for the visitor's case
      await enterStaffMode(page);
      const assisted = page.getByRole('switch', { name: 'Assisterat besök' });
      await expect(assisted).toHaveAttribute('aria-checked', 'false');
      await assisted.click();
      await expect(assisted).toHaveAttribute('aria-checked', 'true');
      await expect(page.getByTestId('staff-assisted-state')).toHaveText(
        'Nästa ärende registreras som assisterat av reception-1.',
      );
      await leaveStaffMode(page);
      await expect(h1(page)).toHaveText(START);

      const reference = await reportFault(page);
      await expect(page.getByTestId('receipt-status')).toHaveAttribute('data-status', 'dead_letter');
      await finishVisit(page);

      await enterStaffMode(page);
      // the visit reset after the receipt took the marker away
      await expect(page.getByTestId('staff-assisted-state')).toHaveText('Inte markerat.');
      await expect(page.locator('[data-count="deadLetter"] dd')).toHaveText('1');
      const row = page.locator(`.dead-letter[data-reference="${reference}"]`);
      await expect(row).toContainText('Felanmälan gata, park och belysning');
      await expect(row.getByTestId('dead-letter-reason')).toContainText('HTTP 422');
      await expect(page.locator('body')).not.toContainText('Storgatan');
      await expect(page.locator('body')).not.toContainText('Klotter på muren');
      await expectScreenOk(page, 'staff panel with a dead letter');

      // "Kasta" asks first (here from the keyboard); Escape keeps the case and focus returns
      const discard = row.getByRole('button', { name: `Kasta ärende ${reference}` });
      await discard.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: `Kasta ärende ${reference}?` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
      await expectScreenOk(page, 'discard confirmation');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(discard).toBeFocused();

      // the receiver is fixed; "Skicka igen" delivers the case
      receiver.setFaults([]);
      await row.getByRole('button', { name: `Skicka igen ärende ${reference}` }).click();
      await expect(row.getByTestId('dead-letter-state')).toHaveText('Levererat till kommunen.');
      await expect(row.getByRole('heading', { name: reference })).toBeFocused();
      await expect(page.locator('[data-count="deadLetter"] dd')).toHaveText('0');
      await expect(page.locator('[data-count="delivered"] dd')).toHaveText('1');
      await expect(page.getByTestId('staff-last-delivery')).not.toHaveText('Ingen ännu');
      const stored = receiver.stored().find((c) => c.reference === reference);
      expect(stored, 'the receiver holds the case').toBeTruthy();
      const folders = readdirSync(receivedDir).filter((f) => f.endsWith(`_${reference}`));
      expect(folders).toHaveLength(1);
      const envelope = JSON.parse(
        readFileSync(path.join(receivedDir, folders[0] as string, 'envelope.json'), 'utf8'),
      ) as Record<string, unknown>;
      expect(envelope.reference).toBe(reference);
      expect(envelope.assistedBy).toBe('reception-1');

      // test print and a blank blankett go to the printer (the folder printer of the test host)
      await page.getByRole('button', { name: 'Provutskrift' }).click();
      await expect(page.getByTestId('staff-printer').getByTestId('staff-notice')).toHaveText(
        'Provutskriften är skickad till skrivaren.',
      );
      await page.getByLabel('E-tjänst').selectOption('felanmalan-gata-park');
      await page.getByLabel('Språk', { exact: true }).selectOption('en');
      await page.getByRole('button', { name: 'Skriv ut blankett' }).click();
      await expect(page.getByTestId('staff-blankett').getByTestId('staff-notice')).toHaveText(
        'Blanketten för Felanmälan gata, park och belysning är skickad till skrivaren.',
      );
      expect(readdirSync(path.join(host.dataDir, 'printouts')).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);

      // health checks: each with its verdict, and "Kontrollera nu" runs them again
      const delivery = page.locator('.health-check[data-check="delivery:municipality"]');
      await expect(delivery).toContainText('Leverans till municipality');
      await expect(delivery).toHaveAttribute('data-severity', 'ok');
      await page.getByRole('button', { name: 'Kontrollera nu' }).click();
      await expect(page.locator('.health-check[data-check="disk"]')).toBeVisible();
      await expect(page.getByTestId('staff-version')).not.toBeEmpty();
      await expect(page.getByTestId('staff-config')).toContainText('municipality (https, 127.0.0.1)');
    } finally {
      await receiver?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('"Ur funktion" puts the out-of-order screen before visitors, and staff switch it off again', async ({
    page,
    startHost,
  }) => {
    const host = await startHost(staffConfig());
    await openKiosk(page, host);
    await enterStaffMode(page);
    const toggle = page.getByRole('switch', { name: 'Ur funktion' });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await page.getByLabel('Det här får besökarna veta').selectOption({ label: 'Skrivaren fungerar inte' });
    await page
      .getByLabel('Anteckning till personal och IT (valfritt)')
      .fill('Skärmen byts i morgon, Erik Johansson ringer leverantören');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('staff-ooo-state')).toContainText('Kiosken är ur funktion.');
    await expect(page.getByTestId('staff-ooo-state')).toContainText('Avstängd av reception-1');
    await expect(page.getByTestId('staff-ooo-reason-shown')).toHaveText('Besökarna ser: Skrivaren fungerar inte');
    // the note stays in the panel, scrubbed as well as the redaction layer can, and the panel says it is kept
    await expect(page.getByTestId('staff-ooo-note-shown')).toHaveText(
      '“Skärmen byts i morgon, [redacted] ringer leverantören”',
    );
    await expect(page.getByText('Anteckningen sparas i granskningsloggen (audit.log)', { exact: false })).toBeVisible();
    await expectScreenOk(page, 'panel with the kiosk out of order');
    await leaveStaffMode(page);

    await expect(h1(page)).toHaveText('Ur funktion');
    await expect(page.getByTestId('out-of-order-notice')).toHaveText('Skrivaren i kiosken fungerar inte.');
    await expect(page.getByText('Kiosken fungerar inte just nu.')).toBeVisible();
    await page.getByText('För personal och IT').click();
    await expect(page.getByText(/Switched off by staff/)).toBeVisible();
    // visitors never see the staff member's note, nor who switched the kiosk off
    await expect(page.locator('body')).not.toContainText('Skärmen byts');
    await expect(page.locator('body')).not.toContainText('reception-1');
    await expect(page.getByRole('button', { name: 'Börja' })).toHaveCount(0);

    // staff mode works on the out-of-order screen too
    await enterStaffMode(page);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await leaveStaffMode(page);
    await expect(h1(page)).toHaveText(START);
    await expect(page.getByRole('button', { name: 'Börja' })).toBeVisible();
  });

  test('staff mode ends by itself after the configured time without a touch', async ({ page, startHost }) => {
    test.setTimeout(90_000);
    const host = await startHost(staffConfig('  timeoutSeconds: 30\n'));
    await openKiosk(page, host);
    await enterStaffMode(page);
    await expect(page.getByText('Personalläget avslutas när ingen har rört skärmen på 30 s.')).toBeVisible();
    // nobody touches the panel: core ends staff mode and the kiosk is back on the start screen
    await expect(h1(page)).toHaveText(START, { timeout: 45_000 });
    await expect(page.getByTestId('staff-leave')).toHaveCount(0);
    // the PIN is needed again
    await page.keyboard.press('Control+Alt+KeyS');
    await expect(page.getByLabel('PIN-kod')).toBeVisible();
  });
});
