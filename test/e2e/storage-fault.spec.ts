/**
 * A storage fault as visitors and staff see it, in real Chromium: the key file is gone from beside the
 * case database. Visitors get "Ur funktion" with the precise reason for IT; staff see it in the panel
 * (the "Ur funktion" section and the health check "Ärendelagring"); when IT restores the key file the
 * kiosk comes back into service by itself. (The full fault matrix, with real full and read-only disks,
 * is in test/reliability.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPin } from '../../src/core/staff/pin-hash';
import { expect, test } from './support/fixtures';
import { CONFIG, expectScreenOk, h1 } from './support/journey';

const PIN = '246810';

test('a missing key file: "Ur funktion" with the reason, staff see it, and the kiosk returns once IT restores it', async ({
  page,
  startHost,
}) => {
  test.setTimeout(120_000);
  const data = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-storage-'));
  try {
    // the journeys' config has a cases section already: the storage check goes into it (a second
    // `cases:` key would make the YAML invalid and the kiosk out of order for the wrong reason)
    const config = `${CONFIG.replace('\ncases:\n', '\ncases:\n  storageCheckSeconds: 1\n')}
dataDir: ${JSON.stringify(data)}
staff:
  members:
    - id: reception-1
      pinHash: '${await hashPin(PIN)}'
`;
    // the first start makes the case database and its key file
    await (await startHost(config)).stop();
    const keyFile = path.join(data, 'cases.key');
    const key = readFileSync(keyFile);
    rmSync(keyFile);

    const host = await startHost(config);
    await page.goto(host.url);
    await expect(h1(page)).toHaveText('Ur funktion');
    await page.getByText('För personal och IT').click();
    await expect(page.getByText(/The key file .*cases\.key is missing, but the case database/)).toBeVisible();
    await expectScreenOk(page, 'out of order: the key file is missing');

    await page.keyboard.press('Control+Alt+KeyS');
    await expect(page.getByLabel('PIN-kod')).toBeVisible();
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('staff-out-of-order')).toContainText('is missing, but the case database');
    const storage = page.locator('[data-check="storage"]');
    await expect(storage).toContainText('Ärendelagring');
    await expect(storage).toContainText('Fel');
    await expect(storage).toContainText('Datanyckeln saknas.');
    await expectScreenOk(page, 'staff panel with a storage fault');
    await page.getByRole('button', { name: 'Lämna personalläge' }).click();
    await expect(h1(page)).toHaveText('Ur funktion');

    // IT restores the key file from its backup: the kiosk checks again and is back in service
    writeFileSync(keyFile, key, { mode: 0o600 });
    await expect(h1(page)).toHaveText('Välkommen till Testby kommun', { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Börja' })).toBeVisible();
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
