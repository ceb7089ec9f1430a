/**
 * The frames the host bridge sends over its WebSocket. Shared by the server (bridge.ts) and the
 * browser side (client.ts); the contract itself is in src/contract.
 */
import type { EventName, Result } from '../contract';

export type ClientFrame =
  { type: 'call'; id: number; method: string; payload: unknown } | { type: 'cleared'; id: number };

export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  /** Clear everything the browser keeps for this visit, then answer `cleared` with the same id. */
  | { type: 'clear'; id: number };

export const BRIDGE_PATH = '/bridge';
