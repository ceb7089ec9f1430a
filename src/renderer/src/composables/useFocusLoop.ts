import { onBeforeUnmount, onMounted } from 'vue';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

/** Tab stops at the element (what the browser would visit, near enough). */
function isTabStop(el: HTMLElement): boolean {
  return (
    el.tabIndex >= 0 &&
    el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden' &&
    el.closest('[inert], [aria-hidden="true"]') === null
  );
}

/**
 * The first and the last element Tab stops at, in document order. Only the ends are looked at: asking
 * every control of a 100-field step for its style made each Tab (and each scroll of a screen) slow on a
 * kiosk-class CPU.
 */
export function tabStopEnds(root: ParentNode = document): { first: HTMLElement; last: HTMLElement } | null {
  const all = root.querySelectorAll<HTMLElement>(TABBABLE);
  let first: HTMLElement | undefined;
  for (const el of all) {
    if (isTabStop(el)) {
      first = el;
      break;
    }
  }
  if (!first) return null;
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const el = all[i] as HTMLElement;
    if (el === first || isTabStop(el)) return { first, last: el };
  }
  return { first, last: first };
}

/**
 * In a browser, Tab from the last control goes on to the address bar; in a kiosk window there is none,
 * so focus would land on nothing (a dead stop on the page body). This takes Tab from the last control to
 * the first one (the skip link) and Shift+Tab from the first to the last. A modal dialog keeps its own
 * loop (it handles the key first).
 */
export function useFocusLoop(): void {
  function onKey(e: KeyboardEvent): void {
    if (e.key !== 'Tab' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const ends = tabStopEnds();
    if (!ends) return;
    const { first, last } = ends;
    const active = document.activeElement;
    if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
