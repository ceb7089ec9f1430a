/**
 * The accessibility suite's tools: a kiosk with Arabic enabled, switching language, text size and
 * contrast the way a visitor does (the header's buttons), and the checks each screen must pass in each
 * of those modes: axe (WCAG 2.1 A/AA), 48 px touch targets, and at 200 % text size no horizontal
 * scrolling, no control overlapping another and no text cut off.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectTouchTargets } from './a11y';
import { CONFIG } from './journey';

export type Lang = 'sv' | 'en' | 'ar';
export type TextSize = 100 | 150 | 200;

export interface Mode {
  lang: Lang;
  size: TextSize;
  contrast: boolean;
}

/** The journeys' kiosk with Arabic as a third language and a BankID QR that waits long enough for the checks. */
export const A11Y_CONFIG = `${CONFIG.replace('kiosk:\n', 'kiosk:\n  languages: [sv, en, ar]\n')}
simulators:
  bankid:
    scanWindowSeconds: 120
# the attachment screen (walkParkering scans a läkarintyg on SANE's test backend and photographs a
# page with the camera: the walk suites' Chromium has a fake one, support/camera.ts)
attachments:
  scanner: { adapter: sane, device: test, resolution: 75 }
  camera: { enabled: true }
`;

export const NORMAL: Mode = { lang: 'sv', size: 100, contrast: false };

/**
 * The modes every screen is checked in. Swedish at 100 % in the normal theme is what the journey
 * specs check on every screen. With these, every language and both text sizes are checked, and the
 * high-contrast theme in both directions. (axe's results do not depend on the text size, which only
 * scales everything; what 200 % can break, reflow, overlap and clipping, `expectReflow` checks.)
 */
export const MODES: readonly Mode[] = [
  { lang: 'en', size: 100, contrast: false },
  { lang: 'ar', size: 200, contrast: true },
  { lang: 'sv', size: 200, contrast: true },
];

export function describeMode(m: Mode): string {
  return `${m.lang}, ${m.size} %${m.contrast ? ', high contrast' : ''}`;
}

/**
 * Switches the way a visitor does, only what differs: the language with the header's buttons, text size
 * and contrast in the display settings ("Visning"); waits until <html> shows it.
 */
export async function setMode(page: Page, mode: Mode): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== mode.lang) {
    await page.locator(`.kiosk-header .language-switch button[lang="${mode.lang}"]`).click();
  }
  const size = (await html.getAttribute('data-text-size')) ?? '100';
  const contrast = /\bhigh-contrast\b/.test((await html.getAttribute('class')) ?? '');
  if (size !== String(mode.size) || contrast !== mode.contrast) {
    await page.getByTestId('display-open').click();
    const sheet = page.getByTestId('display-sheet');
    if (size !== String(mode.size)) await sheet.getByTestId(`text-size-${mode.size}`).click();
    if (contrast !== mode.contrast) await sheet.getByTestId('high-contrast').click();
    await sheet.getByTestId('display-close').click();
    await expect(sheet).toHaveCount(0);
  }
  await expect(html).toHaveAttribute('lang', mode.lang);
  await expect(html).toHaveAttribute('dir', mode.lang === 'ar' ? 'rtl' : 'ltr');
  if (mode.size === 100) await expect(html).not.toHaveAttribute('data-text-size');
  else await expect(html).toHaveAttribute('data-text-size', String(mode.size));
  if (mode.contrast) await expect(html).toHaveClass(/high-contrast/);
  else await expect(html).not.toHaveClass(/high-contrast/);
}

/**
 * The same switches as setMode (the header's language button; "Visning", a size, contrast, "Klar"),
 * clicked inside the page in one go: the suites that check every screen in many modes switch several
 * times on every screen, and Playwright's own clicks (each waiting for the page to be still) would make
 * them several times slower. setMode is the one that proves the controls work as a visitor uses them.
 */
export async function switchMode(page: Page, mode: Mode): Promise<void> {
  const now = await page.evaluate(async (m) => {
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const click = (selector: string): void => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) throw new Error(`no ${selector} to click`);
      el.click();
    };
    const html = document.documentElement;
    if (html.lang !== m.lang) click(`.kiosk-header .language-switch button[lang="${m.lang}"]`);
    const size = html.getAttribute('data-text-size') ?? '100';
    const contrast = html.classList.contains('high-contrast');
    if (size !== String(m.size) || contrast !== m.contrast) {
      click('[data-testid="display-open"]');
      for (let i = 0; i < 100 && !document.querySelector('[data-testid="display-sheet"]'); i += 1) await frame();
      if (size !== String(m.size)) click(`[data-testid="text-size-${m.size}"]`);
      if (contrast !== m.contrast) click('[data-testid="high-contrast"]');
      click('[data-testid="display-close"]');
    }
    await frame();
    const sheetOpen = document.querySelector('[data-testid="display-sheet"]') !== null;
    return `${html.lang} ${html.getAttribute('data-text-size') ?? '100'} ${html.classList.contains('high-contrast')} ${sheetOpen}`;
  }, mode);
  expect(now, 'the mode after switching').toBe(`${mode.lang} ${mode.size} ${mode.contrast} false`);
}

/**
 * At 200 % (or any size): the page never scrolls sideways, every control lies inside the screen's
 * width, no two controls overlap where they can be seen (within one layer: the page, the keyboard, a
 * dialog; a control scrolled out of its screen's content area is clipped to what shows of it), and no
 * button, heading, label or text block has content running out of its box.
 */
export async function expectReflow(page: Page, what: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1)
      out.push(`the page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return (
        r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden')
      );
    };
    /** The part of an element its scrolling ancestors let be seen (null: none of it). */
    const shown = (el: Element): { left: number; right: number; top: number; bottom: number } | null => {
      const r = el.getBoundingClientRect();
      let box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
        const c = p.getBoundingClientRect();
        box = {
          left: Math.max(box.left, c.left),
          right: Math.min(box.right, c.right),
          top: Math.max(box.top, c.top),
          bottom: Math.min(box.bottom, c.bottom),
        };
      }
      return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : null;
    };
    /** The fixed layer an element is drawn in: the page, the on-screen keyboard, the inactivity dialog. */
    const layer = (el: Element): Element | null => el.closest('[data-onscreen-keyboard], .overlay');
    const controls = [
      ...document.querySelectorAll(
        'button, a[href], input:not([type=hidden]), select, textarea, summary, label.choice',
      ),
    ].filter((el) => visible(el) && !el.classList.contains('skip-link') && shown(el) !== null);
    const seen = new Map(controls.map((el) => [el, shown(el)!]));
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > window.innerWidth + 1)
        out.push(`${name(el)} sticks out of the screen (${Math.round(r.left)}…${Math.round(r.right)})`);
    }
    for (let i = 0; i < controls.length; i += 1) {
      for (let j = i + 1; j < controls.length; j += 1) {
        const a = controls[i]!;
        const b = controls[j]!;
        if (a.contains(b) || b.contains(a) || layer(a) !== layer(b)) continue;
        const ra = seen.get(a)!;
        const rb = seen.get(b)!;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) out.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    const texts = document.querySelectorAll('button, h1, h2, h3, p, label, legend, dt, dd, li, .notice');
    for (const el of texts) {
      if (!visible(el) || getComputedStyle(el).display === 'inline') continue;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(`${name(el)} is cut off: content ${el.scrollWidth} px wide in ${el.clientWidth} px`);
    }
    return out;
  });
  expect(problems, `reflow problems on ${what}`).toEqual([]);
}

/**
 * Checks the screen in every mode, then goes back to Swedish at 100 %. `focus`: a text field to focus
 * after each switch, so that the on-screen keyboard is open (and checked) too.
 */
export async function checkInModes(
  page: Page,
  what: string,
  options: { focus?: Locator; modes?: readonly Mode[] } = {},
): Promise<void> {
  for (const mode of options.modes ?? MODES) {
    await switchMode(page, mode);
    if (options.focus) {
      await options.focus.focus();
      await expect(page.getByTestId('onscreen-keyboard')).toBeVisible();
    }
    await expectScreenIn(page, what, mode);
  }
  await setMode(page, NORMAL);
}

/** The checks of one mode on what is shown now (the mode already set). */
export async function expectScreenIn(page: Page, what: string, mode: Mode): Promise<void> {
  const label = `${what} (${describeMode(mode)})`;
  await expectAccessible(page, label);
  if (mode.size === 100) await expectTouchTargets(page, label);
  else await expectReflow(page, label);
}

/** The on-screen keyboard is open and does not cover the field (nor its label). */
export async function expectKeyboardClear(page: Page, field: Locator): Promise<void> {
  const keyboard = page.getByTestId('onscreen-keyboard');
  await expect(keyboard).toBeVisible();
  await expect
    .poll(async () => {
      const f = await field.boundingBox();
      const k = await keyboard.boundingBox();
      const viewport = page.viewportSize();
      if (!f || !k || !viewport) return 'not rendered';
      // the keyboard is fixed to the bottom: its top is measured from there (its rise animation aside)
      const top = viewport.height - k.height;
      if (f.y < 0) return `the field is above the screen (y ${Math.round(f.y)})`;
      if (f.y + f.height > top)
        return `the keyboard (from y ${Math.round(top)}) covers the field (down to y ${Math.round(f.y + f.height)})`;
      return 'clear';
    })
    .toBe('clear');
}
