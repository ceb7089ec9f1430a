import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's violations of the WCAG 2.0/2.1 A and AA rules on what the page shows now. axe is put into
 * the page once and run there: the kiosk is one page whose screens change without a reload (no frames),
 * and evaluating axe's 600 kB source for every check (as @axe-core/playwright's AxeBuilder does, twice
 * with its blank page for the results) was most of the time of the suites that check every screen in
 * several modes. Only violations are gathered (what passes is not), which is faster on large screens.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const a = (window as unknown as { axe: typeof axe }).axe;
    const results = await a.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, WCAG_TAGS);
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules: no violation allowed. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${what}`).toEqual([]);
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
