import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core on the page itself. "Legacy" mode runs axe.run in the page; the default mode also opens a
 * blank page to merge per-frame results, which the kiosk (no frames) does not need and which makes
 * each check two to three times slower on a loaded machine. Both find the same violations.
 */
export function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true);
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules: no violation allowed. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await axeOn(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** Every visible button, link and form control is at least 48 × 48 CSS px. */
export async function expectTouchTargets(page: Page, what: string): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button]',
    );
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // checkboxes and radios count by their label, which is the touch target
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        const lr = label?.getBoundingClientRect();
        if (lr && lr.width >= 48 && lr.height >= 48) continue;
      }
      if (el.classList.contains('skip-link')) continue;
      if (r.width < 47.5 || r.height < 47.5)
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  });
  expect(small, `touch targets under 48 px on ${what}`).toEqual([]);
}
