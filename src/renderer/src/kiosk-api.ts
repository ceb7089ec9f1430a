import type { KioskBridge } from '../../contract';

/** The renderer's one door to core. Screens and stores use this, never `window` directly. */
export function kiosk(): KioskBridge {
  return window.kiosk;
}

export function hasKiosk(): boolean {
  return typeof window !== 'undefined' && 'kiosk' in window && window.kiosk !== undefined;
}
