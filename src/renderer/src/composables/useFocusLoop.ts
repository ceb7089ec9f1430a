import { onBeforeUnmount, onMounted } from 'vue';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

/** The elements Tab stops at, in document order (what the browser would visit, near enough). */
export function tabStops(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden' &&
      el.closest('[inert], [aria-hidden="true"]') === null,
  );
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
    const stops = tabStops();
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) return;
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
