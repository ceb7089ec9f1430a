/**
 * The WebSocket side of `window.kiosk` in the browser host: each call frame is dispatched to core
 * exactly as the Electron IPC handler does it, with the same schemas and typed errors.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../core/dispatch';
import type { Kiosk } from '../core/kiosk';
import { BRIDGE_PATH, type ClientFrame, type ServerFrame } from './bridge-protocol';

const MAX_FRAME_BYTES = 4 * 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Bridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Asks every connected browser to clear its storage; resolves when all answered (or after 3 s). */
  clearBrowserData(): Promise<void>;
  close(): void;
}

export function createBridge(opts: { kiosk: () => Kiosk | null; token: string; origin: () => string }): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();
  const pendingClears = new Map<number, () => void>();
  let nextClearId = 1;

  const send = (ws: WebSocket, frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = (): void => {
    const kiosk = opts.kiosk();
    if (!kiosk || unsubscribe) return;
    unsubscribe = kiosk.events.subscribe((event, payload) => {
      for (const ws of sockets) send(ws, { type: 'event', event, payload });
    });
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ensureSubscribed();
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      const kiosk = opts.kiosk();
      let frame: ClientFrame;
      try {
        if (isBinary) throw new Error('binary');
        frame = JSON.parse(data.toString()) as ClientFrame;
        if (typeof frame !== 'object' || frame === null || typeof frame.id !== 'number') throw new Error('shape');
      } catch {
        kiosk?.logger.warn('malformed bridge frame ignored');
        return;
      }
      if (frame.type === 'cleared') {
        pendingClears.get(frame.id)?.();
        return;
      }
      if (frame.type !== 'call') return;
      if (!kiosk) {
        send(ws, {
          type: 'result',
          id: frame.id,
          result: { ok: false, error: { code: 'unavailable', message: 'The kiosk is starting.' } },
        });
        return;
      }
      void dispatch(kiosk.handlers, frame.method, frame.payload, kiosk.logger).then((result) =>
        send(ws, { type: 'result', id: frame.id, result }),
      );
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = url.searchParams.get('token') ?? '';
      const originOk = req.headers.origin === opts.origin();
      if (url.pathname !== BRIDGE_PATH || !originOk || !sameToken(token, opts.token)) {
        opts.kiosk()?.logger.warn({ path: url.pathname, originOk }, 'bridge connection refused');
        socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async clearBrowserData() {
      const waits = [...sockets].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const id = nextClearId++;
            const done = (): void => {
              clearTimeout(timer);
              pendingClears.delete(id);
              resolve();
            };
            const timer = setTimeout(done, 3000);
            pendingClears.set(id, done);
            send(ws, { type: 'clear', id });
          }),
      );
      await Promise.all(waits);
    },
    close() {
      unsubscribe?.();
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
