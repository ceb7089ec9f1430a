/**
 * The browser side of `window.kiosk` when the renderer runs in Chromium under the host (instead of
 * Electron's preload). Built to out/host-client/client.js and loaded before the app. Same contract,
 * same Result values, same event validation as the preload.
 */
import { buildBridge, events, type EventName, type MethodName, type Result } from '../contract';
import { BRIDGE_PATH, type ClientFrame, type ServerFrame } from './bridge-protocol';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const pending = new Map<number, (r: Result<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;
let retryMs = 200;

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

function failAll(message: string): void {
  for (const [id, resolve] of pending) {
    pending.delete(id);
    resolve({ ok: false, error: { code: 'unavailable', message } });
  }
}

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise<WebSocket>((resolve) => {
    const ws = new WebSocket(`ws://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      retryMs = 200;
      socket = ws;
      resolve(ws);
    };
    ws.onmessage = (msg) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(msg.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'result') {
        const done = pending.get(frame.id);
        pending.delete(frame.id);
        done?.(frame.result);
      } else if (frame.type === 'event') {
        const schema = events[frame.event];
        if (!schema) return;
        const parsed = schema.safeParse(frame.payload);
        if (!parsed.success) return;
        for (const l of listeners.get(frame.event) ?? []) l(parsed.data);
      } else if (frame.type === 'clear') {
        void clearBrowserData().then(() =>
          ws.send(JSON.stringify({ type: 'cleared', id: frame.id } satisfies ClientFrame)),
        );
      }
    };
    ws.onclose = () => {
      socket = null;
      opened = null;
      failAll('The connection to the kiosk was lost.');
      setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  });
  return opened;
}

async function invoke(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  const ws = socket ?? (await connect());
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    try {
      ws.send(JSON.stringify({ type: 'call', id, method, payload } satisfies ClientFrame));
    } catch {
      pending.delete(id);
      resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the kiosk was lost.' } });
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

void connect();
Object.defineProperty(window, 'kiosk', { value: buildBridge(invoke, on), writable: false, configurable: false });
