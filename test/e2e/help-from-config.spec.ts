/**
 * "Frågor och svar" replaced from config: a municipality's own sv.md (and ar.md) in `help.dir` is what
 * the visitor reads; English, which the folder lacks, falls back to the shipped text; a broken file
 * falls back too (and is logged), so the screen is never blank. Through the host, in real Chromium.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { A11Y_CONFIG } from './support/a11y-modes';
import { expect, test } from './support/fixtures';
import { expectScreenOk, h1, openKiosk } from './support/journey';

const OWN_SV = `# Frågor och svar för Testby

## Var kan jag parkera när jag besöker kommunhuset?

Besöksparkeringen ligger bakom kommunhuset.
Du parkerar gratis i två timmar.

## Vem kan jag ringa?

Ring kontaktcenter på {contactPhone}. Texten <b>visas</b> som den är skriven.
`;
const OWN_AR = `## أين يمكنني ركن السيارة؟

يوجد موقف للزوار خلف مبنى البلدية.
`;

/** The kiosk (in Swedish, English and Arabic) with its help texts from `dir`. */
function configWithHelp(dir: string): string {
  return `${A11Y_CONFIG}
help:
  dir: ${JSON.stringify(dir)}
`;
}

let helpDir: string;
test.beforeEach(() => {
  helpDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-help-'));
});
test.afterEach(() => {
  rmSync(helpDir, { recursive: true, force: true });
});

test('the municipality’s own Swedish and Arabic help from config; English falls back to the shipped text', async ({
  page,
  startHost,
}) => {
  writeFileSync(path.join(helpDir, 'sv.md'), OWN_SV);
  writeFileSync(path.join(helpDir, 'ar.md'), OWN_AR);
  const host = await startHost(configWithHelp(helpDir));
  await openKiosk(page, host);
  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');

  // the configured text, not the shipped one; placeholders filled in, markup shown as text
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Var kan jag parkera när jag besöker kommunhuset?',
    'Vem kan jag ringa?',
  ]);
  await expect(
    page.getByText('Besöksparkeringen ligger bakom kommunhuset. Du parkerar gratis i två timmar.'),
  ).toBeVisible();
  await expect(
    page.getByText('Ring kontaktcenter på 08-123 45 00. Texten <b>visas</b> som den är skriven.'),
  ).toBeVisible();
  await expect(page.locator('.help-entry b')).toHaveCount(0);
  await expect(page.getByText('Frågor och svar för Testby')).toHaveCount(0);
  await expect(page.locator('.help-entry[lang]')).toHaveCount(0);
  await expectScreenOk(page, 'help from config');

  // the visitor changes language on the help screen: English has no file there, so the shipped text
  await page.getByRole('button', { name: 'English' }).click();
  await expect(h1(page)).toHaveText('Questions and answers');
  await expect(
    page.getByRole('heading', { name: 'What does the asterisk (*) next to a question mean?' }),
  ).toBeVisible();
  await expect(page.getByText('kontakt@testby.se')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Var kan jag parkera när jag besöker kommunhuset?' })).toHaveCount(0);

  // Arabic has its own file: read in Arabic, not marked as another language
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(h1(page)).toHaveText('أسئلة وأجوبة');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['أين يمكنني ركن السيارة؟']);
  await expect(page.locator('.help-entry[lang]')).toHaveCount(0);
  await expect(page.getByTestId('help-language-notice')).toHaveCount(0);
  await expectScreenOk(page, 'help from config, Arabic');

  await page.getByTestId('help-back').click();
  await expect(page.getByTestId('start-help')).toBeVisible();
});

test('a broken help file: the shipped text is shown instead, and the log says which file and why', async ({
  page,
  startHost,
}) => {
  mkdirSync(helpDir, { recursive: true });
  writeFileSync(path.join(helpDir, 'sv.md'), 'Välkommen!\n\n## En fråga utan svar?\n');
  const host = await startHost(configWithHelp(helpDir));
  await openKiosk(page, host);
  await page.getByTestId('start-help').click();
  await expect(h1(page)).toHaveText('Frågor och svar');
  await expect(page.getByRole('heading', { name: 'Vad betyder stjärnan (*) vid en fråga?' })).toBeVisible();
  await expect(page.getByText('En fråga utan svar?')).toHaveCount(0);
  await expect(page.getByTestId('help-failed')).toHaveCount(0);

  const logDir = path.join(host.dataDir, 'logs');
  const log = readdirSync(logDir)
    .map((f) => readFileSync(path.join(logDir, f), 'utf8'))
    .join('\n');
  expect(log).toContain('help text problem');
  expect(log).toContain(path.join(helpDir, 'sv.md'));
  expect(log).toContain('has no answer below it');
});
