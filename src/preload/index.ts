/**
 * The preload of the kiosk window (sandboxed; bundled to one CommonJS file, out/preload/index.cjs).
 * Exposes exactly the contract as `window.kiosk`, generated from it by `buildBridge`: one function
 * per contract method and `on` for contract events. Nothing generic crosses: no ipcRenderer, no
 * invoke/send by channel name, and event callbacks receive the validated payload only, never the
 * IPC event. The result check, event registry and visit-id stamp are the browser host client's too
 * (src/contract/bridge-transport.ts); only the wire differs.
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
import { buildBridge, isMethodName, type MethodName } from '../contract/api';
import { checkedResult, EventRegistry, failure, VisitStamp } from '../contract/bridge-transport';
import { CALL_WATCHDOG_DEFAULTS, CallWatchdog } from '../contract/call-watchdog';
import type { Result } from '../contract/errors';

/** Spelt as in src/main/ipc-channels.ts (the preload may not import main; a unit test compares). */
const METHOD_CHANNEL_PREFIX = 'kiosk:';
const EVENT_CHANNEL = 'kiosk:event';
const SESSION_CHANNEL = 'kiosk:session';
const PING_CHANNEL = 'kiosk:ping';

const NO_ANSWER = 'The kiosk did not answer.';

const registry = new EventRegistry();
/** This page's visit id (null when main could not open a session: calls are then refused by core). */
const visit = new VisitStamp();

/** Asks main for this page's session (at load, and again after main fell silent). */
function openSession(): Promise<void> {
  return ipcRenderer
    .invoke(SESSION_CHANNEL)
    .then((result: unknown) => {
      watchdog.heard();
      visit.opened(result);
    })
    .catch(() => undefined);
}

/** Main fell silent while calls waited: they have answered `unavailable`; new calls do at once until it is back. */
let lost = false;

function mainSilent(): void {
  if (lost) return;
  lost = true;
  visit.id = null;
  registry.deliver('session.connection', { state: 'lost' });
  // the ping is answered when main runs again (a frozen main answers nothing until then)
  void ipcRenderer
    .invoke(PING_CHANNEL)
    .catch(() => undefined)
    .then(() => openSession())
    .then(() => {
      lost = false;
      registry.deliver('session.connection', { state: 'restored' });
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
    const answer: unknown = await ipcRenderer.invoke(`${METHOD_CHANNEL_PREFIX}${method}`, payload, visit.id);
    watchdog.heard();
    const result = checkedResult(answer);
    visit.answered(method, result);
    return result;
  } catch (err) {
    // a payload that cannot be cloned (functions, DOM nodes) never reaches main
    if (err instanceof Error && /clone/i.test(err.message))
      return failure('invalid_input', `Invalid payload for ${method}.`);
    return failure('unavailable', NO_ANSWER);
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  watchdog.heard();
  if (lost) return;
  const event = registry.parse(name, payload);
  if (!event) return;
  visit.received(event);
  registry.deliver(event.name, event.payload as never);
});

contextBridge.exposeInMainWorld(
  'kiosk',
  buildBridge(invoke, (event, callback) => registry.on(event, callback)),
);
