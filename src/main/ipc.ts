/**
 * Binds every contract method to `ipcMain.handle('kiosk:<method>')` and forwards core's events to
 * the kiosk window. Each call is checked first: it must come from the main frame of the kiosk
 * window, showing a page of the app's own origin; anything else gets a typed `forbidden` error and
 * core is never called. Then `dispatch` validates the payload and runs the handler. No handler
 * throws across the bridge.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { methodNames, type KioskError, type Result } from '../contract';
import { dispatch } from '../core/dispatch';
import type { Kiosk } from '../core/kiosk';
import { isAppUrl } from './app-origin';
import { EVENT_CHANNEL, methodChannel } from './ipc-channels';

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
  /** Removes the handlers and stops forwarding events. */
  dispose(): void;
}

/**
 * `window()` returns the current kiosk window's webContents (it changes when the window is
 * recreated); null while there is none.
 */
export function bindContract(kiosk: Kiosk, window: () => WebContents | null): ContractBinding {
  const logger = kiosk.logger.child({ component: 'ipc' });
  for (const method of methodNames) {
    const channel = methodChannel(method);
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event, window())) {
          logger.warn({ method, url: safeOrigin(event.senderFrame?.url) }, 'call from an untrusted sender refused');
          return { ok: false, error: FORBIDDEN };
        }
        return await dispatch(kiosk.handlers, method, payload, logger);
      } catch (err) {
        // dispatch never throws; this guards the sender check itself (a frame torn down mid-call)
        logger.error({ method, err }, 'ipc call failed outside dispatch');
        return { ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } };
      }
    });
  }

  const unsubscribe = kiosk.events.subscribe((name, payload) => {
    const contents = window();
    if (!contents || contents.isDestroyed() || contents.isCrashed()) return;
    contents.send(EVENT_CHANNEL, name, payload);
  });

  return {
    dispose() {
      unsubscribe();
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
