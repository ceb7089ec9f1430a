import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mediaPermitted } from '../../../src/core/attachments/camera-permission';
import { parseConfig } from '../../../src/core/config/load-config';
import { APP_ORIGIN } from '../../../src/main/app-origin';
import { createLogger } from '../../../src/core/log/logger';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { createKioskWindow, KIOSK_PARTITION, lockDownNavigation, lockDownSession, windowModeFor } =
  await import('../../../src/main/window');

const logger = createLogger({ level: 'silent' }).logger;
type Contents = Parameters<typeof lockDownNavigation>[0];
type Session = Parameters<typeof lockDownSession>[0];

function openWindow(
  mode: Parameters<typeof createKioskWindow>[0]['mode'] = { kiosk: true },
  devTools = false,
): InstanceType<typeof fake.FakeBrowserWindow> {
  createKioskWindow({ mode, preload: '/app/out/preload/index.cjs', devTools, title: 'Kommunkiosk', logger });
  const w = fake.FakeBrowserWindow.instances.at(-1);
  if (!w) throw new Error('no window created');
  return w;
}

beforeEach(() => fake.resetFakeElectron());

describe('the kiosk window', () => {
  it('is sandboxed, context-isolated, without Node, on an in-memory partition', () => {
    const w = openWindow();
    expect(w.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      partition: 'kiosk',
    });
    expect(KIOSK_PARTITION).not.toMatch(/^persist:/);
  });

  it('keeps developer tools only in development builds', () => {
    expect((openWindow({ kiosk: true }, true).options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('opens fullscreen in kiosk mode, a sized window otherwise, and never shows a menu', () => {
    const kiosk = openWindow({ kiosk: true });
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(kiosk.menuRemoved).toBe(true);
    const windowed = openWindow({ kiosk: false, width: 800, height: 1200 });
    expect(windowed.options).toMatchObject({ width: 800, height: 1200 });
    expect(windowed.options.kiosk).toBeUndefined();
    expect(windowed.options.fullscreen).toBeUndefined();
  });

  it('shows itself once the first page is ready', () => {
    const w = openWindow();
    expect(w.shown).toBe(false);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it('takes its mode from config, and goes fullscreen with a broken config only when packaged', () => {
    expect(windowModeFor(parseConfig('window:\n  kiosk: true\n', null), false)).toEqual({ kiosk: true });
    expect(windowModeFor(parseConfig('window:\n  width: 900\n  height: 1600\n', null), true)).toEqual({
      kiosk: false,
      width: 900,
      height: 1600,
    });
    const broken = parseConfig('window:\n  kiosk: maybe\n', null);
    expect(broken.ok).toBe(false);
    expect(windowModeFor(broken, true)).toEqual({ kiosk: true });
    expect(windowModeFor(broken, false)).toMatchObject({ kiosk: false });
  });

  it('swallows reload, devtools, zoom, print and history shortcuts but not typing', () => {
    const w = openWindow();
    const press = (
      key: string,
      mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {},
    ): boolean => {
      const event = new fake.FakeEvent();
      w.webContents.emit('before-input-event', event, {
        type: 'keyDown',
        key,
        control: false,
        shift: false,
        alt: false,
        meta: false,
        ...mods,
      });
      return event.defaultPrevented;
    };
    expect(press('F5')).toBe(true);
    expect(press('r', { control: true })).toBe(true);
    expect(press('R', { control: true, shift: true })).toBe(true);
    expect(press('F12')).toBe(true);
    expect(press('I', { control: true, shift: true })).toBe(true);
    expect(press('+', { control: true })).toBe(true);
    expect(press('-', { control: true })).toBe(true);
    expect(press('0', { control: true })).toBe(true);
    expect(press('p', { control: true })).toBe(true);
    expect(press('ArrowLeft', { alt: true })).toBe(true);
    expect(press('BrowserBack')).toBe(true);
    expect(press('a')).toBe(false);
    expect(press('Enter')).toBe(false);
    expect(press('@', { control: true, alt: true })).toBe(false);
  });

  it('pins zoom at 100 %, also after Ctrl+wheel and pinch', () => {
    const w = openWindow();
    expect(w.webContents.visualZoomLimits).toEqual([1, 1]);
    w.webContents.zoomFactors.length = 0;
    w.webContents.emit('zoom-changed', new fake.FakeEvent(), 'in');
    expect(w.webContents.zoomFactors).toEqual([1]);
  });
});

describe('navigation lock-down (every webContents)', () => {
  function locked(): InstanceType<typeof fake.FakeWebContents> {
    const contents = new fake.FakeWebContents();
    lockDownNavigation(contents as unknown as Contents, logger);
    return contents;
  }

  it('denies every new window', () => {
    const contents = locked();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: only the app origin is allowed',
    (eventName) => {
      const contents = locked();
      const attempt = (url: string): boolean => {
        const event = new fake.FakeEvent(url);
        contents.emit(eventName, event);
        return event.defaultPrevented;
      };
      expect(attempt('app://kiosk/index.html')).toBe(false);
      expect(attempt('app://kiosk/')).toBe(false);
      expect(attempt('https://example.org/')).toBe(true);
      expect(attempt('http://127.0.0.1:8080/')).toBe(true);
      expect(attempt('file:///etc/passwd')).toBe(true);
      expect(attempt('app://evil/index.html')).toBe(true);
      expect(attempt('app://kiosk.evil.example/')).toBe(true);
      expect(attempt('app://user@kiosk/')).toBe(true);
      expect(attempt('javascript:alert(1)')).toBe(true);
      expect(attempt('data:text/html,<h1>x</h1>')).toBe(true);
      expect(attempt('not a url')).toBe(true);
    },
  );

  it('refuses webviews', () => {
    const contents = locked();
    const event = new fake.FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session lock-down', () => {
  function lockedSession(): InstanceType<typeof fake.FakeSession> {
    const s = fake.session.fromPartition(KIOSK_PARTITION);
    lockDownSession(s as unknown as Session, logger);
    return s;
  }

  it('denies every permission request, check and device', () => {
    const s = lockedSession();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
    ]) {
      const callback = vi.fn();
      s.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(s.permissionCheckHandler?.({}, permission, 'app://kiosk', {})).toBe(false);
    }
    expect(s.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
    const media = vi.fn();
    s.displayMediaRequestHandler?.({}, media);
    expect(media).toHaveBeenCalledWith(null);
  });

  it('grants the camera only as core’s rule says: own origin, video only, while the camera is open', () => {
    let open = false;
    const s = fake.session.fromPartition(KIOSK_PARTITION);
    lockDownSession(s as unknown as Session, logger, (request) => mediaPermitted(request, APP_ORIGIN, open));
    const ask = (permission: string, details: Record<string, unknown>): boolean => {
      const callback = vi.fn();
      s.permissionRequestHandler?.({}, permission, callback, details);
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]![0] as boolean;
    };
    const camera = { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] };
    expect(ask('media', camera)).toBe(false);
    expect(s.permissionCheckHandler?.({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(false);
    open = true;
    expect(ask('media', camera)).toBe(true);
    expect(s.permissionCheckHandler?.({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    // never the microphone, another origin, or another permission
    expect(ask('media', { ...camera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(s.permissionCheckHandler?.({}, 'media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    expect(ask('media', { ...camera, requestingUrl: 'https://example.org/' })).toBe(false);
    expect(ask('geolocation', camera)).toBe(false);
    expect(ask('display-capture', camera)).toBe(false);
    open = false;
    expect(ask('media', camera)).toBe(false);
  });

  it('cancels every network request of the renderer', () => {
    const s = lockedSession();
    expect(s.beforeRequest).toHaveLength(1);
    const { filter, listener } = s.beforeRequest[0]!;
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const callback = vi.fn();
    listener({ url: 'https://tracker.example/pixel.gif' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('refuses downloads', () => {
    const s = lockedSession();
    const event = new fake.FakeEvent();
    s.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
