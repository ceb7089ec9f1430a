import { getActivePinia } from 'pinia';
import type { ResetReason } from '../../../contract';
import { hasKiosk, kiosk } from '../kiosk-api';
import { useKioskStore } from '../stores/kiosk';

type StoreWithReset = { $id: string; $reset: () => void };

function storesOf(): StoreWithReset[] {
  const pinia = getActivePinia() as unknown as { _s: Map<string, StoreWithReset> } | undefined;
  return pinia ? [...pinia._s.values()] : [];
}

let resetting: Promise<void> | null = null;

/**
 * The one reset of a visit: core cancels what is pending (BankID orders, prints) and forgets the
 * visitor, browser storage is cleared, every store is put back to its first state, and the visitor
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
  for (const store of storesOf()) if (store.$id !== 'kiosk') store.$reset();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    /* storage disabled */
  }
  if (info) kioskStore.setLanguage(info.defaultLanguage);
}
