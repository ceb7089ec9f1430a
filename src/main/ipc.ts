/**
 * Binds every contract method to `ipcMain.handle('kiosk:<method>')` and forwards core's events to
 * the kiosk window. Each call is checked first: it must come from the main frame of the kiosk
 * window, showing a page of the app's own origin; anything else gets a typed `forbidden` error and
 * core is never called.
 *
 * Each page load of the window is one renderer session of core: the preload opens it
 * (`kiosk:session`) and gets the visit id that it stamps on every call; core refuses a call whose id
 * is not the current visit's. The session ends — and with it the visit — when the page goes away
 * (`endSession`: navigation, reload, crash, the window closing). No handler throws across the bridge.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { methodNames, type KioskError, type Result } from '../contract';
import type { Kiosk } from '../core/kiosk';
import type { RendererSession } from '../core/session/renderer-sessions';
import type { VisitEndReason } from '../core/session/visit';
import { isAppUrl } from './app-origin';
import { EVENT_CHANNEL, methodChannel, PING_CHANNEL, SESSION_CHANNEL } from './ipc-channels';

/** The parts of the invoke event the sender check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

const FORBIDDEN: KioskError = { code: 'forbidden', message: 'The call did not come from the kiosk window.' };

/**
 * True when the call comes from the kiosk window's own main frame (not a subframe, not another
 * window) and that frame shows a page of the `app://kiosk` origin.
 */
export function isTrustedSender(event: SenderEvent, window: WebContents | null): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window) return false;
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.parent !== null) return false;
  const main = window.mainFrame;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
  return isAppUrl(frame.url);
}

export interface ContractBinding {
  /**
   * The window's page went away (reload, navigation, crash, close): its visit ends at once. Resolves
   * false when the page had no session to end.
   */
  endSession(reason: VisitEndReason): Promise<boolean>;
  /** Removes the handlers and stops forwarding events. */
  dispose(): void;
}

/**
 * `window()` returns the current kiosk window's webContents (it changes when the window is
 * recreated); null while there is none.
 */
export function bindContract(kiosk: Kiosk, window: () => WebContents | null): ContractBinding {
  const logger = kiosk.logger.child({ component: 'ipc' });
  /** The renderer session of the page the window shows now (null before the preload opened one). */
  let session: RendererSession | null = null;

  ipcMain.removeHandler(PING_CHANNEL);
  // the preload's "are you there?" while a call waits: answered at once, and only to the kiosk window
  ipcMain.handle(PING_CHANNEL, (event: IpcMainInvokeEvent): boolean => isTrustedSender(event, window()));

  ipcMain.removeHandler(SESSION_CHANNEL);
  ipcMain.handle(SESSION_CHANNEL, async (event: IpcMainInvokeEvent): Promise<Result<{ visitId: string }>> => {
    try {
      if (!isTrustedSender(event, window())) {
        logger.warn({ url: safeOrigin(event.senderFrame?.url) }, 'session request from an untrusted sender refused');
        return { ok: false, error: FORBIDDEN };
      }
      // a page load is a new session (it supersedes the last page's, whose visit ends)
      const opened = await kiosk.sessions.open({ superseded: () => undefined }, 'window');
      session = opened;
      const visitId = opened.visitId;
      if (!visitId) return { ok: false, error: { code: 'visit_ended', message: 'The page was replaced meanwhile.' } };
      return { ok: true, value: { visitId } };
    } catch (err) {
      logger.error({ err }, 'a visit could not be started for the window');
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } };
    }
  });

  for (const method of methodNames) {
    const channel = methodChannel(method);
    ipcMain.removeHandler(channel);
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, payload: unknown, visitId?: unknown): Promise<Result<unknown>> => {
        try {
          if (!isTrustedSender(event, window())) {
            logger.warn({ method, url: safeOrigin(event.senderFrame?.url) }, 'call from an untrusted sender refused');
            return { ok: false, error: FORBIDDEN };
          }
          // before the page opened its session only calls about the kiosk itself are answered
          return await (session
            ? session.call(visitId, method, payload)
            : kiosk.sessions.callUnattached(method, payload));
        } catch (err) {
          // dispatch never throws; this guards the sender check itself (a frame torn down mid-call)
          logger.error({ method, err }, 'ipc call failed outside dispatch');
          return { ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } };
        }
      },
    );
  }

  const unsubscribe = kiosk.events.subscribe((name, payload) => {
    const contents = window();
    if (!contents || contents.isDestroyed() || contents.isCrashed()) return;
    contents.send(EVENT_CHANNEL, name, payload);
  });

  return {
    async endSession(reason) {
      const ending = session;
      session = null;
      if (!ending) return false;
      await ending.close(reason);
      return true;
    },
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(SESSION_CHANNEL);
      ipcMain.removeHandler(PING_CHANNEL);
      for (const method of methodNames) ipcMain.removeHandler(methodChannel(method));
    },
  };
}

/** Only the origin of a refused sender goes to the log, never a full URL (it could carry data). */
function safeOrigin(url: string | undefined): string {
  if (!url) return '(none)';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparseable)';
  }
}
