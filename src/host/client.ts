/**
 * The browser side of `window.kiosk` when the renderer runs in Chromium under the host (instead of
 * Electron's preload). Built to out/host-client/client.js and loaded before the app. Same contract,
 * same Result values, same event validation as the preload.
 *
 * One connection is one renderer session: the server opens a fresh visit for it and names it in the
 * `session` frame; every call carries that visit id. Every call settles: when the host cannot be
 * reached, or the connection drops, calls answer `unavailable` at once, the app is told
 * (`session.connection` lost), and the client reconnects by itself — as a new session, so a new
 * visit (`session.connection` restored: the app starts again from the start screen). A connection
 * closed because another screen took the kiosk over is not reopened (`superseded`).
 */
import { buildBridge, events, type EventName, type EventPayload, type MethodName, type Result } from '../contract';
import { BRIDGE_PATH, SUPERSEDED_CLOSE_CODE, type ClientFrame, type ServerFrame } from './bridge-protocol';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

const LOST = 'The connection to the kiosk was lost.';
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5000;

const pending = new Map<number, (r: Result<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;

type State = 'connecting' | 'open' | 'lost' | 'superseded';
let state: State = 'connecting';
let socket: WebSocket | null = null;
let visitId: string | null = null;
/** Calls made while the first connection is being made wait for it (and fail with it). */
let waiting: Array<(ws: WebSocket | null) => void> = [];
let retryMs = FIRST_RETRY_MS;
let everOpen = false;
/** The app was told the connection is lost (and must be told when it is back). */
let toldLost = false;

async function clearBrowserData(): Promise<void> {
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    /* storage may be disabled */
  }
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  try {
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs.map(
        (db) =>
          new Promise<void>((resolve) => {
            if (!db.name) return resolve();
            const req = indexedDB.deleteDatabase(db.name);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      ),
    );
  } catch {
    /* not available */
  }
  try {
    if ('caches' in globalThis) for (const k of await caches.keys()) await caches.delete(k);
  } catch {
    /* not available */
  }
}

function deliver<E extends EventName>(event: E, payload: EventPayload<E>): void {
  for (const l of [...(listeners.get(event) ?? [])]) {
    try {
      l(payload);
    } catch (err) {
      // one failing subscriber must not stop the others; the error still reaches the console
      setTimeout(() => {
        throw err;
      }, 0);
    }
  }
}

function failPending(): void {
  for (const [id, resolve] of pending) {
    pending.delete(id);
    resolve({ ok: false, error: { code: 'unavailable', message: LOST } });
  }
  const w = waiting;
  waiting = [];
  for (const resolve of w) resolve(null);
}

function onFrame(ws: WebSocket, frame: ServerFrame): void {
  if (frame.type === 'session') {
    visitId = frame.visitId;
    void clearBrowserData().finally(() => {
      if (socket !== ws) return;
      state = 'open';
      everOpen = true;
      retryMs = FIRST_RETRY_MS;
      const w = waiting;
      waiting = [];
      for (const resolve of w) resolve(ws);
      if (toldLost) {
        toldLost = false;
        deliver('session.connection', { state: 'restored' });
      }
    });
  } else if (frame.type === 'result') {
    const done = pending.get(frame.id);
    pending.delete(frame.id);
    done?.(frame.result);
  } else if (frame.type === 'event') {
    const schema = events[frame.event];
    if (!schema) return;
    const parsed = schema.safeParse(frame.payload);
    if (!parsed.success) return;
    // core ended the visit and the session goes on with a fresh one: later calls carry its id
    if (frame.event === 'session.reset') visitId = (parsed.data as EventPayload<'session.reset'>).visitId;
    deliver(frame.event, parsed.data as never);
  } else if (frame.type === 'clear') {
    void clearBrowserData().then(() => {
      if (ws.readyState === WebSocket.OPEN)
        ws.send(JSON.stringify({ type: 'cleared', id: frame.id } satisfies ClientFrame));
    });
  }
}

function connect(): void {
  if (state === 'superseded') return;
  let ws: WebSocket;
  try {
    ws = new WebSocket(`ws://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`);
  } catch {
    scheduleReconnect();
    return;
  }
  socket = ws;
  ws.onmessage = (msg) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(msg.data)) as ServerFrame;
    } catch {
      return;
    }
    onFrame(ws, frame);
  };
  ws.onclose = (e) => {
    if (socket !== ws) return;
    socket = null;
    visitId = null;
    if (e.code === SUPERSEDED_CLOSE_CODE) {
      state = 'superseded';
      failPending();
      deliver('session.connection', { state: 'superseded' });
      return;
    }
    state = 'lost';
    failPending();
    if (!toldLost) {
      toldLost = true;
      deliver('session.connection', { state: 'lost' });
    }
    scheduleReconnect();
  };
}

function scheduleReconnect(): void {
  setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
}

/** The open connection; null (at once) when there is none and the first one is not being made. */
function usableSocket(): Promise<WebSocket | null> {
  if (state === 'open' && socket) return Promise.resolve(socket);
  // only the very first connection is waited for; while reconnecting, calls answer at once
  if (state === 'connecting' && !everOpen && !toldLost) return new Promise((resolve) => waiting.push(resolve));
  return Promise.resolve(null);
}

async function invoke(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  const ws = await usableSocket();
  if (!ws || ws.readyState !== WebSocket.OPEN)
    return { ok: false, error: { code: 'unavailable', message: LOST, reason: state } };
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (result) => {
      if (method === 'session.reset' && result.ok) visitId = (result.value as { visitId: string }).visitId;
      resolve(result);
    });
    try {
      ws.send(JSON.stringify({ type: 'call', id, method, payload, visitId } satisfies ClientFrame));
    } catch {
      pending.delete(id);
      resolve({ ok: false, error: { code: 'unavailable', message: LOST } });
    }
  });
}

function on(event: EventName, callback: (payload: unknown) => void): () => void {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const cb = (payload: unknown): void => callback(payload);
  set.add(cb);
  return () => set.delete(cb);
}

connect();
Object.defineProperty(window, 'kiosk', { value: buildBridge(invoke, on), writable: false, configurable: false });
