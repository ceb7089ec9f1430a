/**
 * The browser side of `window.kiosk` when the renderer runs in Chromium under the host (instead of
 * Electron's preload). Built to out/host-client/client.js and loaded before the app. Same contract
 * and the same code as the preload for what does not depend on the wire: the result check, the event
 * registry and the visit-id stamp (src/contract/bridge-transport.ts).
 *
 * One connection is one renderer session: the server opens a fresh visit for it and names it in the
 * `session` frame; every call carries that visit id. Every call settles: when the host cannot be
 * reached, or the connection drops, calls answer `unavailable` at once, the app is told
 * (`session.connection` lost), and the client reconnects by itself — as a new session, so a new
 * visit (`session.connection` restored: the app starts again from the start screen). A connection
 * closed because another screen took the kiosk over is not reopened (`superseded`).
 *
 * A host that is alive but frozen (a stopped process) neither answers nor closes the socket: while a
 * call waits the client pings it, and when it has been silent too long (src/contract/call-watchdog.ts)
 * the waiting calls answer `unavailable`, the client closes that socket (SILENT_HOST_CLOSE_CODE) and
 * the screen shows the connection as lost, exactly as if the socket had dropped.
 */
import {
  buildBridge,
  CALL_WATCHDOG_DEFAULTS,
  CallWatchdog,
  checkedResult,
  EventRegistry,
  failure,
  intervalTicker,
  VisitStamp,
  WATCHDOG_TICK_MS,
  type Ticker,
  type MethodName,
  type Result,
} from '../contract';
import {
  BRIDGE_PATH,
  SILENT_HOST_CLOSE_CODE,
  SUPERSEDED_CLOSE_CODE,
  TICKER_PATH,
  type ClientFrame,
  type ServerFrame,
} from './bridge-protocol';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

const LOST = 'The connection to the kiosk was lost.';
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5000;

const pending = new Map<number, (answer: unknown) => void>();
const registry = new EventRegistry();
let nextId = 1;

type State = 'connecting' | 'open' | 'lost' | 'superseded';
let state: State = 'connecting';
let socket: WebSocket | null = null;
/** The connection's visit id, stamped on every call. */
const visit = new VisitStamp();
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

const unavailable = (): Result<unknown> => failure('unavailable', LOST);

function failPending(): void {
  for (const [id, resolve] of pending) {
    pending.delete(id);
    resolve(unavailable());
  }
  const w = waiting;
  waiting = [];
  for (const resolve of w) resolve(null);
  for (const [id, resolve] of mediaAnswers) {
    mediaAnswers.delete(id);
    resolve(false);
  }
}

function onFrame(ws: WebSocket, frame: ServerFrame): void {
  if (frame.type === 'session') {
    visit.id = frame.visitId;
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
        registry.deliver('session.connection', { state: 'restored' });
      }
    });
  } else if (frame.type === 'result') {
    const done = pending.get(frame.id);
    pending.delete(frame.id);
    done?.(frame.result);
  } else if (frame.type === 'event') {
    const event = registry.parse(frame.event, frame.payload);
    if (!event) return;
    visit.received(event);
    registry.deliver(event.name, event.payload as never);
  } else if (frame.type === 'media') {
    const done = mediaAnswers.get(frame.id);
    mediaAnswers.delete(frame.id);
    done?.(frame.allowed === true);
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
    if (socket === ws) watchdog.heard();
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
    if (e.code === SUPERSEDED_CLOSE_CODE) {
      socket = null;
      visit.id = null;
      state = 'superseded';
      failPending();
      registry.deliver('session.connection', { state: 'superseded' });
      return;
    }
    connectionLost();
  };
}

/** The connection is gone (closed, or the host fell silent): calls fail, the screen is told, a new one is made. */
function connectionLost(): void {
  socket = null;
  visit.id = null;
  state = 'lost';
  failPending();
  watchdog.failAll();
  if (!toldLost) {
    toldLost = true;
    registry.deliver('session.connection', { state: 'lost' });
  }
  scheduleReconnect();
}

/** The host did not answer for too long while calls waited: it is frozen, so the connection is given up. */
function hostSilent(): void {
  const ws = socket;
  if (ws) {
    // its onclose (whenever the frozen host lets the close finish) no longer counts: socket is not ws
    socket = null;
    try {
      ws.close(SILENT_HOST_CLOSE_CODE, 'the host did not answer');
    } catch {
      /* already closing */
    }
  }
  if (state !== 'superseded') connectionLost();
}

/**
 * The watchdog's ticks, from a worker made once while the host is known to serve (a frozen host could
 * not serve its script later); the page's own timers where no worker can be had.
 */
function workerTicker(): Ticker {
  let worker: Worker;
  try {
    worker = new Worker(TICKER_PATH);
  } catch {
    return intervalTicker;
  }
  let onTick: (() => void) | null = null;
  let failed = false;
  let fallbackStop: (() => void) | null = null;
  worker.onmessage = () => onTick?.();
  worker.onerror = () => {
    failed = true;
    if (onTick && !fallbackStop) fallbackStop = intervalTicker(onTick);
  };
  return (tick) => {
    onTick = tick;
    if (failed) fallbackStop = intervalTicker(tick);
    else worker.postMessage({ start: WATCHDOG_TICK_MS });
    return () => {
      onTick = null;
      worker.postMessage('stop');
      fallbackStop?.();
      fallbackStop = null;
    };
  };
}

let nextPing = 1;
const watchdog = new CallWatchdog({
  ...CALL_WATCHDOG_DEFAULTS,
  ticker: workerTicker(),
  ping: () => {
    if (socket && socket.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ type: 'ping', id: nextPing++ } satisfies ClientFrame));
  },
  onDead: hostSilent,
});

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

/** One call: it settles with core's answer, or `unavailable` (no connection, or the host fell silent). */
function invoke(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  return watchdog.run(() => send(method, payload), unavailable);
}

async function send(method: MethodName, payload: unknown): Promise<Result<unknown>> {
  const ws = await usableSocket();
  if (!ws || ws.readyState !== WebSocket.OPEN) return failure('unavailable', LOST, state);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (answer) => {
      const result = checkedResult(answer);
      visit.answered(method, result);
      resolve(result);
    });
    try {
      ws.send(JSON.stringify({ type: 'call', id, method, payload, visitId: visit.id } satisfies ClientFrame));
    } catch {
      pending.delete(id);
      resolve(unavailable());
    }
  });
}

/** Answers of the host to `media` frames: may the page have the camera now (core's rule). */
const mediaAnswers = new Map<number, (allowed: boolean) => void>();
let nextMediaId = 1;

async function mediaAllowed(video: boolean, audio: boolean): Promise<boolean> {
  const ws = await usableSocket();
  if (!ws || ws.readyState !== WebSocket.OPEN) return false;
  const id = nextMediaId++;
  return new Promise((resolve) => {
    mediaAnswers.set(id, resolve);
    try {
      ws.send(JSON.stringify({ type: 'media', id, video, audio } satisfies ClientFrame));
    } catch {
      mediaAnswers.delete(id);
      resolve(false);
    }
  });
}

/**
 * The browser has no permission handler a page's host can answer, so the client stands in for it:
 * every getUserMedia first asks core (src/core/attachments/camera-permission.ts, the rule Electron's
 * handlers use) and is refused with NotAllowedError unless core allows it now. Chromium's own
 * permission (the profile npm start makes: camera for this origin only, microphone never) is the
 * second lock. getDisplayMedia is refused outright.
 */
function guardMedia(): void {
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  if (!devices) return;
  const real = devices.getUserMedia.bind(devices);
  const refused = (): DOMException => new DOMException('The kiosk does not allow this now.', 'NotAllowedError');
  Object.defineProperty(devices, 'getUserMedia', {
    value: async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
      const video = Boolean(constraints?.video);
      const audio = Boolean(constraints?.audio);
      if (!(await mediaAllowed(video, audio))) throw refused();
      return real(constraints);
    },
    writable: false,
    configurable: false,
  });
  Object.defineProperty(devices, 'getDisplayMedia', {
    value: () => Promise.reject(refused()),
    writable: false,
    configurable: false,
  });
}

guardMedia();
connect();
Object.defineProperty(window, 'kiosk', {
  value: buildBridge(invoke, (event, callback) => registry.on(event, callback)),
  writable: false,
  configurable: false,
});
