/**
 * The IPC channel names of the contract. The preload spells the same strings (it may not import
 * main); test/unit/main/preload.test.ts checks they agree.
 */
import type { MethodName } from '../contract';

/** `ipcMain.handle` channel of one contract method. */
export const METHOD_CHANNEL_PREFIX = 'kiosk:';
/** The one channel core's events travel on: `(name, payload)`. */
export const EVENT_CHANNEL = 'kiosk:event';
/**
 * Invoked by the preload once per page load: main opens a renderer session for the page and answers
 * with its visit id (a Result). Every method call then carries `(payload, visitId)`.
 */
export const SESSION_CHANNEL = 'kiosk:session';
/**
 * Invoked by the preload while a call waits: main answers at once, so the preload can tell a busy main
 * from a frozen one (src/contract/call-watchdog.ts).
 */
export const PING_CHANNEL = 'kiosk:ping';

export function methodChannel(method: MethodName): string {
  return `${METHOD_CHANNEL_PREFIX}${method}`;
}
