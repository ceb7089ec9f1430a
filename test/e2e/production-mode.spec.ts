/**
 * A kiosk must not go live half-real: a production configuration with a simulated part shows
 * "Ur funktion" to visitors (through the host, in real Chromium), with the reason, key, file and fix
 * for staff and IT — and starts no simulator at all.
 */
import { expectAccessible, expectTouchTargets } from './support/a11y';
import { expect, test } from './support/fixtures';

const PRODUCTION_WITH_SIMULATED_BANKID = `mode: production
kiosk:
  id: receptionen-1
  municipality:
    name: Testby kommun
identity:
  bankid:
    mode: simulator
  register:
    mode: external
    url: https://folkbokforing.testby.se
cases:
  delivery:
    targets:
      share:
        type: directory
        dir: /mnt/arenden
printing:
  adapter: none
`;

test('a production config with a simulated BankID shows "Ur funktion" to visitors, and the reason to staff', async ({
  page,
  startHost,
}) => {
  const host = await startHost(PRODUCTION_WITH_SIMULATED_BANKID);
  await page.goto(host.url);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Ur funktion');
  await expect(page.getByRole('button', { name: 'Börja' })).toHaveCount(0);
  // visitors cannot reach a service through the bridge either
  const list = await page.evaluate(() =>
    (
      window as unknown as {
        kiosk: { catalogue: { list(x: object): Promise<{ ok: boolean; error?: { code: string } }> } };
      }
    ).kiosk.catalogue.list({}),
  );
  expect(list).toMatchObject({ ok: false, error: { code: 'unavailable' } });

  await page.getByText('För personal och IT').click();
  const reason = page.getByText(/identity\.bankid\.mode is "simulator"; expected external in mode production/);
  await expect(reason).toBeVisible();
  await expect(reason).toContainText(`${host.dir}/config.yaml:`);
  await expect(reason).toContainText(
    '; fix: set identity.bankid.mode: external with url, pfxFile, passphraseFile and caFile',
  );
  // only that part is refused: the rest of this file is production-ready
  await expect(page.locator('.staff-details li')).toHaveCount(1);
  await expectAccessible(page, 'out of order on a production config with a simulator');
  await expectTouchTargets(page, 'out of order on a production config with a simulator');

  // no simulator was started for a refused configuration
  expect(host.output()).not.toContain('BankID simulator');
  expect(host.bankidOrigin).toBeNull();
});
