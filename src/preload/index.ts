/**
 * The preload of the kiosk window (sandboxed; bundled to one CommonJS file, out/preload/index.cjs).
 * Exposes exactly the contract as `window.kiosk`, generated from it by `buildBridge`: one function
 * per contract method and `on` for contract events. Nothing generic crosses: no ipcRenderer, no
 * invoke/send by channel name, and event callbacks receive the validated payload only, never the
 * IPC event.
 *
 * Each page load is one renderer session of core: the preload asks main for it once (`kiosk:session`)
 * and stamps the visit id it gets on every call; it takes over the fresh id core hands out when the
 * visit is reset (`session.reset`'s answer and event). Calls made before the answer wait for it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, events, isEventName, isMethodName, type EventName, type MethodName } from '../contract/api';
import type { KioskError, Result } from '../contract/errors';

/** Spelt as in src/main/ipc-channels.ts (the preload may not import main; a unit test compares). */
const METHOD_CHANNEL_PREFIX = 'kiosk:';
const EVENT_CHANNEL = 'kiosk:event';
const SESSION_CHANNEL = 'kiosk:session';

function failure(code: KioskError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  return (
    r.ok === false &&
    typeof r.error === 'object' &&
    r.error !== null &&
    typeof (r.error as { code?: unknown }).code === 'string'
  );
}

/** This page's visit id (null when main could not open a session: calls are then refused by core). */
let visitId: string | null = null;
const sessionOpened: Promise<void> = ipcRenderer
  .invoke(SESSION_CHANNEL)
  .then((result: unknown) => {
    if (isResult(result) && result.ok) visitId = (result.value as { visitId?: unknown }).visitId as string;
  })
  .catch(() => undefined);

async function invoke(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return failure('unknown_method', 'This method is not part of the contract.');
  try {
    await sessionOpened;
    const result: unknown = await ipcRenderer.invoke(`${METHOD_CHANNEL_PREFIX}${method}`, payload, visitId);
    if (method === 'session.reset' && isResult(result) && result.ok) {
      const next = (result.value as { visitId?: unknown }).visitId;
      if (typeof next === 'string') visitId = next;
    }
    return isResult(result) ? result : failure('internal', 'The kiosk produced an invalid answer.');
  } catch (err) {
    // a payload that cannot be cloned (functions, DOM nodes) never reaches main
    if (err instanceof Error && /clone/i.test(err.message))
      return failure('invalid_input', `Invalid payload for ${method}.`);
    return failure('unavailable', 'The kiosk did not answer.');
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return;
  // core ended the visit and this page goes on with a fresh one: later calls carry its id
  if (name === 'session.reset') visitId = (parsed.data as { visitId: string }).visitId;
  for (const callback of [...(listeners.get(name) ?? [])]) {
    try {
      callback(parsed.data);
    } catch (err) {
      // one failing subscriber must not stop the others; the error still reaches the console
      setTimeout(() => {
        throw err;
      }, 0);
    }
  }
});

function on(event: EventName, callback: (payload: unknown) => void): () => void {
  if (!isEventName(event)) throw new TypeError('unknown event');
  if (typeof callback !== 'function') throw new TypeError('callback must be a function');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const subscriber = (payload: unknown): void => callback(payload);
  set.add(subscriber);
  return () => {
    set.delete(subscriber);
  };
}

contextBridge.exposeInMainWorld('kiosk', buildBridge(invoke, on));
