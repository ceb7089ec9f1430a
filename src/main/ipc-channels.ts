/**
 * The IPC channel names of the contract. The preload spells the same two strings (it may not import
 * main); test/unit/main/preload.test.ts checks they agree.
 */
import type { MethodName } from '../contract';

/** `ipcMain.handle` channel of one contract method. */
export const METHOD_CHANNEL_PREFIX = 'kiosk:';
/** The one channel core's events travel on: `(name, payload)`. */
export const EVENT_CHANNEL = 'kiosk:event';

export function methodChannel(method: MethodName): string {
  return `${METHOD_CHANNEL_PREFIX}${method}`;
}
