import type { ResetReason } from '../../../contract';
import { hasKiosk, kiosk } from '../kiosk-api';
import { useKioskStore } from '../stores/kiosk';
import { VISIT_STORES } from '../stores/visit-stores';

let resetting: Promise<void> | null = null;

/**
 * The one reset of a visit: core cancels what is pending (BankID orders, prints) and forgets the
 * visitor, browser storage is cleared, every store the visit owns (stores/visit-stores.ts) is put back to its first state, and the visitor
 * is back on the start screen in the kiosk's default language. Safe to call twice.
 */
export function resetVisit(reason: ResetReason): Promise<void> {
  if (resetting) return resetting;
  resetting = (async () => {
    try {
      if (hasKiosk()) await kiosk().session.reset({ reason });
    } finally {
      resetLocalState();
      resetting = null;
    }
  })();
  return resetting;
}

/** Clears the renderer's own state (used also when core announces a reset). */
export function resetLocalState(): void {
  const kioskStore = useKioskStore();
  const info = kioskStore.info;
  for (const useStore of VISIT_STORES) useStore().$reset();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    /* storage disabled */
  }
  if (info) kioskStore.setLanguage(info.defaultLanguage);
}

/** Touches go to core at most this often (core's deadline has a 15 s grace beyond the visitor's limit). */
const TOUCH_EVERY_MS = 5_000;
let lastTouch = 0;
let lastExtend = 0;
let trailing: ReturnType<typeof setTimeout> | null = null;

/**
 * The visitor is active: core's deadline for the visit starts over (see Visit.touch in core). Sent at
 * once when the extension changed or after a quiet spell, otherwise once at the end of the spell, so
 * core never counts a visitor's last touch earlier than it was.
 */
export function touchVisit(extendSeconds: number): void {
  if (!hasKiosk()) return;
  const now = Date.now();
  const send = (): void => {
    lastTouch = Date.now();
    lastExtend = extendSeconds;
    void kiosk().session.touch(extendSeconds > 0 ? { extendSeconds } : {});
  };
  if (extendSeconds !== lastExtend || now - lastTouch >= TOUCH_EVERY_MS) {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    send();
  } else if (!trailing) {
    trailing = setTimeout(
      () => {
        trailing = null;
        send();
      },
      TOUCH_EVERY_MS - (now - lastTouch),
    );
  }
}
