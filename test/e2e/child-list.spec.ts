/**
 * Nobody behind the visitor can tell from the screen that a family has a child with protected personal
 * data: the child list of Förskoleplats looks the same, in its text and in its DOM, for Erik Eriksson
 * (Lisa, and Olle, who is protected and never listed) and for Maria Lind (Elsa, no protected child) —
 * the child's own name and number aside. The notice under the list is always there and names the same
 * contact as everything else the kiosk says about it (the reception).
 */
import type { Page } from '@playwright/test';
import { A11Y_CONFIG } from './support/a11y-modes';
import { bankIdSimulator, scanQr } from './support/bankid-phone';
import { expect, test } from './support/fixtures';
import { expectStep, h1, openKiosk, openService } from './support/journey';

test.use({ hostConfig: A11Y_CONFIG });

const NOTICE =
  'Barn med skyddade personuppgifter visas aldrig här. Gäller ansökan ett sådant barn, fråga personalen i receptionen – då gör du ansökan på en blankett.';

/** The step's content as markup (tags, attributes, text), with the listed child's name and number replaced. */
async function childStep(page: Page, child: { name: string; personnummer: string }): Promise<string> {
  const shown = `${child.name} (${child.personnummer.slice(0, 8)}-${child.personnummer.slice(8)})`;
  const markup = await page.locator('main').evaluate((main) => {
    const walk = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
      if (!(node instanceof Element)) return '';
      const attrs = [...node.attributes]
        .filter((a) => !a.name.startsWith('data-v-'))
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(' ');
      return `<${node.tagName.toLowerCase()} ${attrs}>${[...node.childNodes].map(walk).join('')}</${node.tagName.toLowerCase()}>`;
    };
    return walk(main);
  });
  return markup.replaceAll(shown, '[child]').replaceAll(child.personnummer, '[child number]');
}

test('the child list is the same for a family with a protected child and one without', async ({ page, host }) => {
  const sim = bankIdSimulator(host);
  await openKiosk(page, host);
  await openService(page, 'forskoleplats', 'Ansökan om plats i förskola');
  await page.getByTestId('intro-begin').click();
  await scanQr(page, sim, { personalNumber: '198504129803' });
  await expectStep(page, 'Barnet');
  const group = page.getByRole('group', { name: 'Vilket barn gäller ansökan?' });
  await expect(group.getByRole('radio')).toHaveCount(1);
  await expect(group).toHaveAccessibleDescription(new RegExp(NOTICE.slice(0, 40)));
  await expect(page.getByText(NOTICE)).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Olle');
  const withProtected = await childStep(page, { name: 'Lisa Eriksson', personnummer: '201506079811' });

  await page.getByTestId('signed-in-banner').getByRole('button', { name: 'Logga ut' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  await page.locator('[data-service="forskoleplats"]').click();
  await page.getByTestId('intro-begin').click();
  await scanQr(page, sim, { personalNumber: '198703211006' });
  await expectStep(page, 'Barnet');
  await expect(page.getByTestId('signed-in-banner')).toContainText('Maria');
  await expect(page.getByText(NOTICE)).toBeVisible();
  const withoutProtected = await childStep(page, { name: 'Elsa Lind', personnummer: '201608122303' });

  expect(withoutProtected).toContain('[child]');
  expect(withProtected).toBe(withoutProtected);
});
