/**
 * The locked-down kiosk window: sandboxed, context-isolated renderer without Node, on its own
 * in-memory session, showing only the app's own pages. Every way out (new windows, navigation,
 * webviews, downloads, permissions, developer tools, reload/zoom/print/history shortcuts) is closed.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { MediaRequest } from '../core/attachments/camera-permission';
import type { ConfigResult } from '../core/config/load-config';
import { windowSchema } from '../core/config/schema';
import type { Logger } from '../core/log/logger';
import { isAppUrl } from './app-origin';
import { isSwallowedShortcut } from './shortcuts';

/** In-memory partition (no `persist:` prefix): nothing of a visit is written to the profile on disk. */
export const KIOSK_PARTITION = 'kiosk';

/** Every scheme the renderer could reach the network with (Chromium has no FTP); the kiosk page needs none. */
const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

export type WindowMode = { kiosk: true } | { kiosk: false; width: number; height: number };

/**
 * Fullscreen kiosk when config says `window.kiosk: true`; a normal window of the configured size
 * otherwise. With an invalid config (the "Ur funktion" screen) a packaged app still goes fullscreen,
 * a development run stays windowed.
 */
export function windowModeFor(config: ConfigResult, isPackaged: boolean): WindowMode {
  if (!config.ok) {
    if (isPackaged) return { kiosk: true };
    const { width, height } = windowSchema.parse({});
    return { kiosk: false, width, height };
  }
  const w = config.config.window;
  return w.kiosk ? { kiosk: true } : { kiosk: false, width: w.width, height: w.height };
}

/**
 * Denies every permission, device and download on the kiosk's session, and cancels any request the
 * renderer makes to the network (it talks to core over IPC only; core does the networking). The one
 * exception is core's rule (src/core/attachments/camera-permission.ts, asked through `mediaPermission`):
 * the camera, for the app's own origin, while the attachment screen has it open.
 */
export function lockDownSession(
  session: Session,
  logger: Logger,
  mediaPermission: (request: MediaRequest) => boolean = () => false,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    if (mediaPermission({ permission, origin: details.requestingUrl, mediaTypes })) {
      callback(true);
      return;
    }
    logger.warn({ permission, mediaTypes }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    mediaPermission({
      permission,
      origin: requestingOrigin,
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.webRequest.onBeforeRequest({ urls: NETWORK_URL_PATTERNS }, (details, callback) => {
    logger.warn({ scheme: new URL(details.url).protocol }, 'network request from the kiosk window cancelled');
    callback({ cancel: true });
  });
  session.on('will-download', (event) => {
    logger.warn('download refused');
    event.preventDefault();
  });
}

/**
 * Applied to every webContents the app creates (see `app.on('web-contents-created')`): no new
 * windows, no webviews, no navigation off the app's origin.
 */
export function lockDownNavigation(contents: WebContents, logger: Logger): void {
  contents.setWindowOpenHandler(() => {
    logger.warn('window.open refused');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    logger.warn('webview refused');
    event.preventDefault();
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      logger.warn('navigation off the app origin refused');
      event.preventDefault();
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      logger.warn('frame navigation off the app origin refused');
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      logger.warn('redirect off the app origin refused');
      event.preventDefault();
    }
  });
}

/** Swallows reload/devtools/zoom/print/history shortcuts and pins the zoom at 100 %. */
export function lockDownInput(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isSwallowedShortcut(input)) event.preventDefault();
  });
  const pinZoom = (): void => {
    contents.setZoomFactor(1);
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  };
  contents.on('zoom-changed', pinZoom);
  contents.on('did-finish-load', pinZoom);
  pinZoom();
}

export interface KioskWindowOptions {
  mode: WindowMode;
  /** out/preload/index.cjs */
  preload: string;
  /** false in packaged builds. */
  devTools: boolean;
  title: string;
  icon?: string;
  logger: Logger;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { mode } = options;
  const window = new BrowserWindow({
    title: options.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(options.icon ? { icon: options.icon } : {}),
    ...(mode.kiosk
      ? {
          kiosk: true,
          fullscreen: true,
          frame: false,
          resizable: false,
          movable: false,
          minimizable: false,
          maximizable: false,
        }
      : { width: mode.width, height: mode.height, useContentSize: true }),
    // written out here, not built elsewhere, so the security audit (electronegativity) reads every value
    webPreferences: {
      // Reviewed preload: sandboxed, one bundled file, exposes only the contract (see src/preload/index.ts)
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      partition: KIOSK_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
      safeDialogs: true,
      disableDialogs: true,
      // middle-click (auxclick) could open links in new windows
      disableBlinkFeatures: 'Auxclick',
      autoplayPolicy: 'user-gesture-required',
    },
  });
  window.removeMenu();
  lockDownInput(window.webContents);
  window.once('ready-to-show', () => {
    window.show();
    window.focus();
  });
  return window;
}
