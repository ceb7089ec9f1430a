/**
 * The kiosk-screen checks of the layout suite: on a portrait (1080×1920) and a landscape (1920×1080)
 * screen, at 100, 150 and 200 % text, in Swedish, English and Arabic, what matters is on the screen
 * without scrolling — the action bar with every button in it (the primary action among them), the
 * start screen's "Börja" and the catalogue's first e-service, on a QR screen the whole QR and its
 * instruction — the header stays within 15 % of the height, a screen whose content does not fit says
 * so ("more below"), and nothing overlaps (the header, the content and the action bar; no two controls
 * where they can be seen; nothing cut off or sticking out: expectReflow).
 *
 * One page per test: the orientation is switched by resizing the viewport, the mode with the kiosk's
 * own controls (switchMode), in an order that changes as little as possible from one to the next.
 */
import { expect, type Page } from '@playwright/test';
import { expectReflow, NORMAL, setMode, switchMode, type Lang, type TextSize } from './a11y-modes';

export const ORIENTATIONS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

const SIZES: readonly TextSize[] = [100, 150, 200];
const LANGS: readonly Lang[] = ['sv', 'en', 'ar'];
/** The header's share of the screen's height at most. */
export const HEADER_BUDGET = 0.15;

/** Every combination once, languages back and forth so that each step changes one setting. */
export function layoutModes(): Array<{ orientation: Orientation; size: TextSize; lang: Lang }> {
  const out: Array<{ orientation: Orientation; size: TextSize; lang: Lang }> = [];
  let langs = [...LANGS];
  for (const orientation of ORIENTATIONS) {
    for (const size of SIZES) {
      for (const lang of langs) out.push({ orientation, size, lang });
      langs = [...langs].reverse();
    }
  }
  return out;
}

/** What the layout looks like now, measured in the page: the problems found (empty: none). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((budget) => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    type Box = { left: number; right: number; top: number; bottom: number };
    const round = (b: Box): string =>
      `${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}`;
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
    /** The part of an element its content areas let be seen (the page itself never scrolls). */
    const shown = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      let box: Box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      for (
        let area = el.closest('.scroll-area-scroll');
        area;
        area = area.parentElement?.closest('.scroll-area-scroll') ?? null
      ) {
        const c = area.getBoundingClientRect();
        box = {
          left: Math.max(box.left, c.left),
          right: Math.min(box.right, c.right),
          top: Math.max(box.top, c.top),
          bottom: Math.min(box.bottom, c.bottom),
        };
      }
      return box;
    };
    /** On the screen, whole: inside the viewport, not clipped by its scrolling area, not under "more below". */
    const whole = (el: Element, what: string): void => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return void out.push(`${what} ${name(el)} is not rendered`);
      const s = shown(el);
      const inside = r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1;
      const clipped = s.top > r.top + 1 || s.bottom < r.bottom - 1 || s.left > r.left + 1 || s.right < r.right - 1;
      if (!inside || clipped) out.push(`${what} ${name(el)} is not wholly on the screen (${round(r)})`);
      for (const hint of document.querySelectorAll('[data-testid="scroll-hint"]')) {
        const h = hint.getBoundingClientRect();
        if (h.top < r.bottom - 1 && h.bottom > r.top + 1 && h.left < r.right - 1 && h.right > r.left + 1)
          out.push(`${what} ${name(el)} is under "more below"`);
      }
    };
    const overlap = (a: Box, b: Box): boolean =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

    const header = document.querySelector('[data-testid="kiosk-header"]');
    const content = document.querySelector('[data-testid="screen-scroll"]');
    const bar = document.querySelector('[data-testid="action-bar"]');
    if (!header || !content || !bar) return ['header, content area or action bar missing'];
    const hr = header.getBoundingClientRect();
    if (hr.height > budget * vh)
      out.push(`the header is ${Math.round(hr.height)} px high, over ${Math.round(budget * 100)} % of ${vh} px`);
    const regions: Array<[string, Box]> = [
      ['header', hr],
      ['content', content.getBoundingClientRect()],
      ['action bar', bar.getBoundingClientRect()],
    ];
    for (let i = 0; i < regions.length; i += 1)
      for (let j = i + 1; j < regions.length; j += 1)
        if (overlap(regions[i]![1], regions[j]![1])) out.push(`${regions[i]![0]} overlaps ${regions[j]![0]}`);

    // the action bar and everything in it: the primary action, back, cancel, "Visning"
    whole(bar, 'the action bar');
    for (const b of bar.querySelectorAll('button')) whole(b, 'action');
    // the screens whose first action is in the content
    const begin = document.querySelector('[data-testid="begin"]');
    if (begin) whole(begin, 'the primary action');
    const service = document.querySelector('[data-service]');
    if (service) whole(service, 'the first e-service');
    // a QR screen: the whole QR, large enough, and its instruction
    const qr = document.querySelector('[data-testid="bankid-qr"]');
    if (qr) {
      whole(qr, 'the QR code');
      if (qr.getBoundingClientRect().width < 200)
        out.push(`the QR code is only ${Math.round(qr.getBoundingClientRect().width)} px`);
      const instruction = document.querySelector('[data-testid="qr-instruction"]');
      if (instruction) whole(instruction, 'the QR instruction');
      else out.push('the QR has no instruction');
    }
    // content that does not fit says so while the visitor is at its top
    for (const area of document.querySelectorAll<HTMLElement>('.scroll-area-scroll')) {
      const more = area.scrollHeight - area.scrollTop - area.clientHeight > 2;
      const hint = area.parentElement?.querySelector(':scope > [data-testid="scroll-hint"]');
      if (more && !hint) out.push(`${name(area)} has more below but does not say so`);
    }
    return out;
  }, HEADER_BUDGET);
}

/** The kiosk-screen checks on what is shown now (the mode and size already set). */
export async function expectKioskLayout(page: Page, what: string): Promise<void> {
  // the scroll hint follows the content after a resize: wait for what a visitor would see
  await expect.poll(() => layoutProblems(page), { message: `layout of ${what}`, timeout: 5_000 }).toEqual([]);
  await expectReflow(page, what);
}

/**
 * Checks the screen shown now in both orientations at every text size in every language, then goes
 * back to Swedish at 100 % on a portrait screen (where the journey goes on).
 */
export async function checkLayout(page: Page, what: string): Promise<void> {
  let current: Orientation | null = null;
  for (const mode of layoutModes()) {
    if (current !== mode.orientation) {
      await page.setViewportSize({ width: mode.orientation.width, height: mode.orientation.height });
      current = mode.orientation;
    }
    await switchMode(page, { lang: mode.lang, size: mode.size, contrast: false });
    await expectKioskLayout(page, `${what} (${mode.orientation.name}, ${mode.lang}, ${mode.size} %)`);
  }
  await setMode(page, NORMAL);
  await page.setViewportSize({ width: ORIENTATIONS[0].width, height: ORIENTATIONS[0].height });
}
