/**
 * Electron's implementation of core's Platform: clearing the kiosk session's browser data between
 * visitors, and the OS key store when it protects anything.
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
      const contents = window();
      if (contents && !contents.isDestroyed()) contents.navigationHistory.clear();
    },
    ...(keyWrapper ? { keyWrapper } : {}),
  };
}
