/**
 * The OS key store (Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux) as core's KeyWrapper. Returns undefined when it would protect nothing: encryption not
 * available, or Linux's `basic_text` fallback (a bare cage kiosk has no keyring). Core then uses
 * the key file IT provisions (root-owned, 0600). Call after the app is ready.
 */
import { safeStorage } from 'electron';
import type { KeyWrapper } from '../core/platform';

export function safeStorageKeyWrapper(platform: NodeJS.Platform = process.platform): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  let backend: string;
  if (platform === 'linux') {
    backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  } else {
    backend = platform === 'win32' ? 'dpapi' : platform === 'darwin' ? 'keychain' : platform;
  }
  return {
    kind: `safeStorage:${backend}`,
    protects: true,
    // safeStorage encrypts strings: the raw key travels as base64 and never as text of its own
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}
