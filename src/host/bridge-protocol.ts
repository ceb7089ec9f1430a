/**
 * The frames the host bridge sends over its WebSocket. Shared by the server (bridge.ts) and the
 * browser side (client.ts); the contract itself is in src/contract.
 *
 * One connection is one renderer session: the server starts a fresh visit for it and says so with
 * `session` before anything else; every call carries that visit id. When another connection takes
 * the kiosk over, this one is closed with SUPERSEDED_CLOSE_CODE (the client then does not reconnect).
 */
import type { EventName, Result } from '../contract';

export type ClientFrame =
  | { type: 'call'; id: number; method: string; payload: unknown; visitId: string | null }
  | { type: 'cleared'; id: number }
  /** Are you there? (sent while a call waits; see src/contract/call-watchdog.ts) */
  | { type: 'ping'; id: number }
  /** May the page have this media now? Asked by the client before every getUserMedia (camera-permission.ts). */
  | { type: 'media'; id: number; video: boolean; audio: boolean };

export type ServerFrame =
  /** The connection's visit: the client stamps this id on every call. */
  | { type: 'session'; visitId: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  /** Clear everything the browser keeps for this visit, then answer `cleared` with the same id. */
  | { type: 'clear'; id: number }
  /** The answer to `ping`, sent at once (before any call that is still being worked on). */
  | { type: 'pong'; id: number }
  /** The answer to `media`: core's rule for this connection's page, now. */
  | { type: 'media'; id: number; allowed: boolean };

export const BRIDGE_PATH = '/bridge';

/**
 * A dedicated worker the client counts its watchdog's ticks with (src/contract/call-watchdog.ts): the
 * page's own timers can be patched (a test's fake clock runs them ahead of the network), a worker's
 * are the browser's. Messages in: `{ start: ms }`, `'stop'`; out: one message per tick.
 */
export const TICKER_PATH = '/__host/ticker.js';
export const TICKER_SOURCE =
  "let t = null;\nonmessage = (e) => {\n  if (e.data === 'stop') { clearInterval(t); t = null; }\n  else if (t === null) t = setInterval(() => postMessage(0), e.data.start);\n};\n";

/** Close code (private range 4000–4999): another screen took the kiosk over. */
export const SUPERSEDED_CLOSE_CODE = 4001;
/** Close code: a frame that is not a bridge frame (malformed JSON, binary, unknown shape). */
export const MALFORMED_CLOSE_CODE = 4002;
/** Close code sent by the client: the host did not answer for too long (frozen); the client starts over. */
export const SILENT_HOST_CLOSE_CODE = 4003;
/** Close code (standard "going away"): the host is stopping. */
export const HOST_STOPPING_CLOSE_CODE = 1001;
