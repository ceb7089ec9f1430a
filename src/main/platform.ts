/**
 * Electron's implementation of core's Platform: clearing the kiosk session's browser data between
 * visitors, and the OS key store when it protects anything.
 *
 * The kiosk window's partition is in memory (window.ts `KIOSK_PARTITION`, no `persist:`), so nothing
 * of a visit reaches the profile on disk; every visit reset also empties it, so nothing reaches the
 * next visitor: storage of every kind (local, session, IndexedDB, cache storage, service workers,
 * cookies), the HTTP cache, HTTP auth, everything `clearData` knows besides, and the page history.
 * Form data is never kept in the first place: every visitor input has autocomplete="off".
 */
import type { Session, WebContents } from 'electron';
import type { Platform } from '../core/platform';
import { safeStorageKeyWrapper } from './safe-storage-key-wrapper';

export function createElectronPlatform(
  session: Session,
  window: () => WebContents | null,
  quit?: () => void,
): Platform {
  const keyWrapper = safeStorageKeyWrapper();
  return {
    name: 'electron',
    ...(quit ? { quit } : {}),
    async clearBrowserData() {
      // cookies, local/session storage, IndexedDB, cache storage, service workers …
      await session.clearStorageData();
      await session.clearCache();
      await session.clearAuthCache();
      // every other kind of browsing data Chromium keeps for the session (Electron 29+)
      await session.clearData();
      const contents = window();
      if (contents && !contents.isDestroyed()) contents.navigationHistory.clear();
    },
    ...(keyWrapper ? { keyWrapper } : {}),
  };
}
