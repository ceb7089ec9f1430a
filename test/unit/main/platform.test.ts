import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { createElectronPlatform } = await import('../../../src/main/platform');
const { safeStorageKeyWrapper } = await import('../../../src/main/safe-storage-key-wrapper');

type Session = Parameters<typeof createElectronPlatform>[0];
type Contents = ReturnType<Parameters<typeof createElectronPlatform>[1]>;

beforeEach(() => fake.resetFakeElectron());

describe('Electron platform', () => {
  it('clears storage, cache, auth cache, all other browsing data and the history of the kiosk session between visitors', async () => {
    const session = fake.session.fromPartition('kiosk');
    const contents = new fake.FakeWebContents();
    const platform = createElectronPlatform(session as unknown as Session, () => contents as unknown as Contents);
    expect(platform.name).toBe('electron');
    await platform.clearBrowserData();
    expect(session.cleared).toEqual(['storage', 'cache', 'auth-cache', 'all-data']);
    expect(contents.historyCleared).toBe(1);
  });

  it('still clears the session when no window is open', async () => {
    const session = fake.session.fromPartition('kiosk');
    const platform = createElectronPlatform(session as unknown as Session, () => null);
    await platform.clearBrowserData();
    expect(session.cleared).toEqual(['storage', 'cache', 'auth-cache', 'all-data']);
  });

  it('offers the OS key store when it protects something', () => {
    const platform = createElectronPlatform(fake.session.fromPartition('kiosk') as unknown as Session, () => null);
    expect(platform.keyWrapper?.protects).toBe(
      process.platform === 'linux' || process.platform === 'win32' || process.platform === 'darwin',
    );
  });
});

describe('safeStorage key wrapper', () => {
  it('wraps and unwraps a binary key through the OS store (libsecret on Linux)', () => {
    const wrapper = safeStorageKeyWrapper('linux');
    expect(wrapper).toMatchObject({ kind: 'safeStorage:gnome_libsecret', protects: true });
    const key = randomBytes(32);
    const blob = wrapper!.wrap(key);
    expect(blob.includes(key)).toBe(false);
    expect(wrapper!.unwrap(blob).equals(key)).toBe(true);
  });

  it.each(['kwallet5', 'kwallet6'])('accepts the %s backend', (backend) => {
    fake.safeStorage.backend = backend;
    expect(safeStorageKeyWrapper('linux')?.kind).toBe(`safeStorage:${backend}`);
  });

  it('refuses Linux basic_text (no keyring: it protects nothing), so core uses the key file', () => {
    fake.safeStorage.backend = 'basic_text';
    expect(safeStorageKeyWrapper('linux')).toBeUndefined();
    fake.safeStorage.backend = 'unknown';
    expect(safeStorageKeyWrapper('linux')).toBeUndefined();
  });

  it('is absent when encryption is not available at all', () => {
    fake.safeStorage.available = false;
    expect(safeStorageKeyWrapper('win32')).toBeUndefined();
    expect(safeStorageKeyWrapper('linux')).toBeUndefined();
  });

  it('uses DPAPI on Windows', () => {
    expect(safeStorageKeyWrapper('win32')).toMatchObject({ kind: 'safeStorage:dpapi', protects: true });
  });
});
