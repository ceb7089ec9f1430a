/**
 * The WebSocket side of `window.kiosk` in the browser host. Each connection is one renderer session
 * of core (src/core/session/renderer-sessions.ts): it gets a fresh visit when it connects, its calls
 * are dispatched with the visit id they carry (the same checks, schemas and typed errors as the
 * Electron IPC handler), and its visit ends the moment it closes. One connection holds the kiosk at a
 * time: a second one takes over and the first is closed as superseded.
 *
 * No frame can end the process: every socket has an `'error'` listener, and a bad frame (invalid
 * UTF-8, over the size limit, not a bridge frame) ends only its own connection.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Kiosk } from '../core/kiosk';
import type { RendererSession } from '../core/session/renderer-sessions';
import {
  BRIDGE_PATH,
  HOST_STOPPING_CLOSE_CODE,
  MALFORMED_CLOSE_CODE,
  SUPERSEDED_CLOSE_CODE,
  type ClientFrame,
  type ServerFrame,
} from './bridge-protocol';

/** The largest frame a client may send (a flow's answers are far smaller); larger ends the connection. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** How long a browser has to answer a `clear` request. */
const CLEAR_TIMEOUT_MS = 3000;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Bridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Asks the browser holding the kiosk to clear its storage; resolves when it answered (or after 3 s). */
  clearBrowserData(): Promise<void>;
  close(): void;
}

/** A client frame, or null when the data is not one. */
function parseFrame(data: RawData, isBinary: boolean): ClientFrame | null {
  if (isBinary) return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data.toString());
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const f = frame as Record<string, unknown>;
  if (typeof f.id !== 'number' || !Number.isSafeInteger(f.id)) return null;
  if (f.type === 'cleared') return { type: 'cleared', id: f.id };
  if (f.type === 'ping') return { type: 'ping', id: f.id };
  if (f.type === 'media') return { type: 'media', id: f.id, video: f.video === true, audio: f.audio === true };
  if (f.type !== 'call' || typeof f.method !== 'string') return null;
  return {
    type: 'call',
    id: f.id,
    method: f.method,
    payload: f.payload,
    visitId: typeof f.visitId === 'string' ? f.visitId : null,
  };
}

interface Connection {
  ws: WebSocket;
  /** When it connected (for the log line when it closes). */
  openedAt: number;
  /** Resolves with the core session once its visit has started. */
  session: Promise<RendererSession | null>;
}

export function createBridge(opts: {
  kiosk: () => Kiosk | null;
  /** Resolves once the kiosk exists (connections made earlier wait for it). */
  ready: Promise<void>;
  token: string;
  origin: () => string;
}): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new Set<Connection>();
  /** The connection whose session holds the kiosk. */
  let holder: Connection | null = null;
  const pendingClears = new Map<number, () => void>();
  let nextClearId = 1;
  let closed = false;

  const warn = (obj: object, msg: string): void => opts.kiosk()?.logger.warn(obj, msg);

  const send = (ws: WebSocket, frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(frame), (err) => {
      if (err) warn({ code: (err as NodeJS.ErrnoException).code }, 'bridge frame could not be sent');
    });
  };

  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = (kiosk: Kiosk): void => {
    if (unsubscribe) return;
    // core's events belong to the visit of the connection holding the kiosk, and go to it alone
    unsubscribe = kiosk.events.subscribe((event, payload) => {
      if (holder) send(holder.ws, { type: 'event', event, payload });
    });
  };

  async function openSession(conn: Connection): Promise<RendererSession | null> {
    await opts.ready;
    const kiosk = opts.kiosk();
    if (!kiosk || closed || conn.ws.readyState !== conn.ws.OPEN) return null;
    ensureSubscribed(kiosk);
    const session = await kiosk.sessions.open(
      {
        superseded: () => {
          if (holder === conn) holder = null;
          conn.ws.close(SUPERSEDED_CLOSE_CODE, 'another screen took the kiosk over');
        },
      },
      'socket',
    );
    if (conn.ws.readyState !== conn.ws.OPEN || session.ended || !session.visitId) {
      // the connection went (or was replaced) while the visit started
      await session.close();
      return session;
    }
    holder = conn;
    send(conn.ws, { type: 'session', visitId: session.visitId });
    return session;
  }

  function onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    const frame = parseFrame(data, isBinary);
    if (!frame) {
      warn(
        { binary: isBinary, bytes: Buffer.isBuffer(data) ? data.length : undefined },
        'malformed bridge frame; connection closed',
      );
      conn.ws.close(MALFORMED_CLOSE_CODE, 'not a bridge frame');
      return;
    }
    if (frame.type === 'cleared') {
      pendingClears.get(frame.id)?.();
      return;
    }
    if (frame.type === 'ping') {
      // answered at once, ahead of calls still being worked on: the client only asks whether the host lives
      send(conn.ws, { type: 'pong', id: frame.id });
      return;
    }
    if (frame.type === 'media') {
      // the page's origin is the connection's, checked at the upgrade; only the screen holding the kiosk may ask
      const kiosk = opts.kiosk();
      const mediaTypes = [...(frame.video ? ['video'] : []), ...(frame.audio ? ['audio'] : [])];
      const allowed =
        holder === conn &&
        kiosk !== null &&
        kiosk.mediaPermission({ permission: 'media', origin: opts.origin(), mediaTypes }, opts.origin());
      if (!allowed) warn({ permission: 'media', mediaTypes }, 'permission request denied');
      send(conn.ws, { type: 'media', id: frame.id, allowed });
      return;
    }
    void conn.session
      .then(async (session) => {
        const result = session
          ? await session.call(frame.visitId, frame.method, frame.payload)
          : ({ ok: false, error: { code: 'unavailable', message: 'The kiosk is not ready.' } } as const);
        send(conn.ws, { type: 'result', id: frame.id, result });
      })
      .catch((err: unknown) => {
        // session.call never throws; this guards the bridge itself
        opts.kiosk()?.logger.error({ err }, 'bridge call failed outside dispatch');
        send(conn.ws, {
          type: 'result',
          id: frame.id,
          result: { ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } },
        });
      });
  }

  wss.on('error', (err) => warn({ err }, 'bridge server error'));
  wss.on('connection', (ws) => {
    const conn: Connection = { ws, openedAt: Date.now(), session: Promise.resolve(null) };
    connections.add(conn);
    // invalid UTF-8, a frame over maxPayload, a reset connection: ws reports it here and closes the
    // socket; without this listener the error would end the whole host
    ws.on('error', (err) =>
      warn({ code: (err as { code?: string }).code ?? 'error' }, 'bridge connection failed; closed'),
    );
    ws.on('message', (data, isBinary) => onMessage(conn, data, isBinary));
    ws.on('close', (code) => {
      connections.delete(conn);
      // why a screen's connection ended, for IT (the code says who closed it and why; see bridge-protocol.ts)
      opts
        .kiosk()
        ?.logger.info(
          { code, seconds: Math.round((Date.now() - conn.openedAt) / 1000), held: holder === conn },
          'screen connection closed',
        );
      if (holder === conn) holder = null;
      // the screen went away: its visit ends at once
      void conn.session.then((session) => session?.close('session_closed'));
    });
    conn.session = openSession(conn).catch((err: unknown) => {
      opts.kiosk()?.logger.error({ err }, 'a visit could not be started for a screen');
      ws.close(1011, 'the kiosk could not start a visit');
      return null;
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => undefined); // a client resetting mid-handshake is not the host's problem
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = url.searchParams.get('token') ?? '';
      const originOk = req.headers.origin === opts.origin();
      if (url.pathname !== BRIDGE_PATH || !originOk || !sameToken(token, opts.token) || closed) {
        warn({ path: url.pathname, originOk }, 'bridge connection refused');
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async clearBrowserData() {
      const target = holder;
      if (!target) return;
      await new Promise<void>((resolve) => {
        const id = nextClearId++;
        const done = (): void => {
          clearTimeout(timer);
          pendingClears.delete(id);
          resolve();
        };
        const timer = setTimeout(done, CLEAR_TIMEOUT_MS);
        timer.unref();
        pendingClears.set(id, done);
        send(target.ws, { type: 'clear', id });
      });
    },
    close() {
      closed = true;
      unsubscribe?.();
      // the screens are told the host is stopping (a browser that does not answer is cut off after 1 s)
      for (const c of connections) {
        c.ws.close(HOST_STOPPING_CLOSE_CODE, 'the kiosk host is stopping');
        setTimeout(() => c.ws.terminate(), 1000).unref();
      }
      wss.close();
    },
  };
}
