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
 *
 * Every call settles, also when main is alive but frozen and never answers (src/contract/call-watchdog.ts):
 * while a call waits the preload pings main (`kiosk:ping`); when main has been silent too long, the
 * waiting calls answer `unavailable` and the page is told the connection is lost (`session.connection`),
 * as the browser host's client does. When main answers again the preload opens a new session (so a new
 * visit: core ends the frozen one) and tells the page the connection is restored.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, events, isEventName, isMethodName, type EventName, type MethodName } from '../contract/api';
import { CALL_WATCHDOG_DEFAULTS, CallWatchdog } from '../contract/call-watchdog';
import type { KioskError, Result } from '../contract/errors';

/** Spelt as in src/main/ipc-channels.ts (the preload may not import main; a unit test compares). */
const METHOD_CHANNEL_PREFIX = 'kiosk:';
const EVENT_CHANNEL = 'kiosk:event';
const SESSION_CHANNEL = 'kiosk:session';
const PING_CHANNEL = 'kiosk:ping';

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

const NO_ANSWER = 'The kiosk did not answer.';

/** This page's visit id (null when main could not open a session: calls are then refused by core). */
let visitId: string | null = null;

/** Asks main for this page's session (at load, and again after main fell silent). */
function openSession(): Promise<void> {
  return ipcRenderer
    .invoke(SESSION_CHANNEL)
    .then((result: unknown) => {
      watchdog.heard();
      visitId = isResult(result) && result.ok ? ((result.value as { visitId?: unknown }).visitId as string) : null;
    })
    .catch(() => undefined);
}

/** Main fell silent while calls waited: they have answered `unavailable`; new calls do at once until it is back. */
let lost = false;

function mainSilent(): void {
  if (lost) return;
  lost = true;
  visitId = null;
  deliver('session.connection', { state: 'lost' });
  // the ping is answered when main runs again (a frozen main answers nothing until then)
  void ipcRenderer
    .invoke(PING_CHANNEL)
    .catch(() => undefined)
    .then(() => openSession())
    .then(() => {
      lost = false;
      deliver('session.connection', { state: 'restored' });
    });
}

const watchdog = new CallWatchdog({
  ...CALL_WATCHDOG_DEFAULTS,
  ping: () => {
    void ipcRenderer.invoke(PING_CHANNEL).then(
      () => watchdog.heard(),
      () => undefined,
    );
  },
  onDead: mainSilent,
});

const sessionOpened = openSession();

function invoke(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method))
    return Promise.resolve(failure('unknown_method', 'This method is not part of the contract.'));
  if (lost) return Promise.resolve(failure('unavailable', NO_ANSWER));
  return watchdog.run(
    () => call(method, payload),
    () => failure('unavailable', NO_ANSWER),
  );
}

async function call(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  try {
    await sessionOpened;
    const result: unknown = await ipcRenderer.invoke(`${METHOD_CHANNEL_PREFIX}${method}`, payload, visitId);
    watchdog.heard();
    if (method === 'session.reset' && isResult(result) && result.ok) {
      const next = (result.value as { visitId?: unknown }).visitId;
      if (typeof next === 'string') visitId = next;
    }
    return isResult(result) ? result : failure('internal', 'The kiosk produced an invalid answer.');
  } catch (err) {
    // a payload that cannot be cloned (functions, DOM nodes) never reaches main
    if (err instanceof Error && /clone/i.test(err.message))
      return failure('invalid_input', `Invalid payload for ${method}.`);
    return failure('unavailable', NO_ANSWER);
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

function deliver(name: EventName, payload: unknown): void {
  for (const callback of [...(listeners.get(name) ?? [])]) {
    try {
      callback(payload);
    } catch (err) {
      // one failing subscriber must not stop the others; the error still reaches the console
      setTimeout(() => {
        throw err;
      }, 0);
    }
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  watchdog.heard();
  if (!isEventName(name) || lost) return;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return;
  // core ended the visit and this page goes on with a fresh one: later calls carry its id
  if (name === 'session.reset') visitId = (parsed.data as { visitId: string }).visitId;
  deliver(name, parsed.data);
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
