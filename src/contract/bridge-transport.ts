/**
 * What both transports of `window.kiosk` do the same way, beside `buildBridge` (api.ts) that turns
 * one of them into the nested object: the Electron preload (src/preload/index.ts, over IPC) and the
 * browser host's client (src/host/client.ts, over a WebSocket). Only how a frame travels differs.
 *
 * - `isResult` / `failure`: an answer that is not a Result becomes a typed error; a call never throws.
 * - `EventRegistry`: the page's subscribers; an incoming event is delivered only when it is in the
 *   contract and its payload passes its schema, and one subscriber that throws does not stop the
 *   others (the error still reaches the console).
 * - `VisitStamp`: the visit id stamped on every call (docs/architecture.md, "The visit"): the id the
 *   transport's session gives, taken over from `session.reset`'s answer or event when core ends the
 *   visit and the page goes on with a fresh one.
 */
import { events, isEventName, type EventName, type EventPayload, type MethodName } from './api';
import type { KioskError, Result } from './errors';

export function failure(code: KioskError['code'], message: string, reason?: string): Result<never> {
  return { ok: false, error: reason === undefined ? { code, message } : { code, message, reason } };
}

/** Whether an answer from the other side is a Result (anything else is answered `internal`). */
export function isResult(value: unknown): value is Result<unknown> {
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

/** An answer from the other side as the page gets it: a Result, or `internal` when it is none. */
export function checkedResult(value: unknown): Result<unknown> {
  return isResult(value) ? value : failure('internal', 'The kiosk produced an invalid answer.');
}

/** A contract event that passed its schema. */
export interface ReceivedEvent {
  name: EventName;
  payload: unknown;
}

export class EventRegistry {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** Subscribes; returns unsubscribe. Refuses events outside the contract and callbacks that are not functions. */
  on(event: EventName, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new TypeError('unknown event');
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    // a wrapper per subscription: the same callback subscribed twice is two subscriptions
    const subscriber = (payload: unknown): void => callback(payload);
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
    };
  }

  /** The event as the other side sent it, validated; null when it is not in the contract or fails its schema. */
  parse(name: unknown, payload: unknown): ReceivedEvent | null {
    if (!isEventName(name)) return null;
    const parsed = events[name].safeParse(payload);
    return parsed.success ? { name, payload: parsed.data } : null;
  }

  /** Gives every subscriber of `event` the payload; one that throws does not stop the others. */
  deliver<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const callback of [...(this.listeners.get(event) ?? [])]) {
      try {
        callback(payload);
      } catch (err) {
        // the error still reaches the console, after the others have had the event
        setTimeout(() => {
          throw err;
        }, 0);
      }
    }
  }
}

/** The visit id a transport stamps on every call (null: none yet, or the connection is gone). */
export class VisitStamp {
  id: string | null = null;

  /** The transport opened a session: its answer names the visit (anything else: no id, core refuses calls). */
  opened(session: unknown): void {
    const id = isResult(session) && session.ok ? (session.value as { visitId?: unknown }).visitId : undefined;
    this.id = typeof id === 'string' ? id : null;
  }

  /** A call was answered: `session.reset` hands out the fresh visit's id. */
  answered(method: MethodName, result: Result<unknown>): void {
    if (method !== 'session.reset' || !result.ok) return;
    const next = (result.value as { visitId?: unknown }).visitId;
    if (typeof next === 'string') this.id = next;
  }

  /** An event arrived: core ended the visit and the page goes on with a fresh one, so later calls carry its id. */
  received(event: ReceivedEvent): void {
    if (event.name === 'session.reset') this.id = (event.payload as EventPayload<'session.reset'>).visitId;
  }
}
