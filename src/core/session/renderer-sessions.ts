/**
 * Renderer sessions: the screens attached to core, one at a time. A session is one life of a
 * renderer — an Electron window's page from load to reload, crash or close; one WebSocket connection
 * of the browser host. Core owns the visit, so the rules live here, not in the screen:
 *
 *  - A session that opens starts a fresh visit (created by core). A session that was attached before
 *    is superseded: its visit ends at once and it is told so; it may not call any more.
 *  - A session that goes away (closed, reloaded, crashed, disconnected) ends its visit at once: every
 *    reset hook runs (BankID orders cancelled at the provider, identity, prefill, signatures dropped).
 *  - Every call carries the visit id its session was given. A call with another id — a visit that was
 *    reset, ended by core's deadline, or belongs to a superseded session — is refused with
 *    `visit_ended` before any handler runs.
 *  - `session.reset` from the renderer ends the visit and hands the same session a fresh one; core's
 *    own ends (deadline, staff, renderer restart) do the same and announce the new id with the
 *    `session.reset` event.
 *  - Staff mode belongs to the session that entered it: it ends with that session.
 */
import { randomUUID } from 'node:crypto';
import {
  isMethodName,
  methods,
  type KioskHandlers,
  type MethodName,
  type ResetReason,
  type Result,
} from '../../contract';
import { dispatch } from '../dispatch';
import type { EventHub } from '../events';
import type { Logger } from '../log/logger';
import type { Visit, VisitEndReason } from './visit';

/** Calls about the kiosk itself, not the visitor: answered without a visit id. */
const KIOSK_LEVEL: ReadonlySet<MethodName> = new Set<MethodName>(['app.info', 'app.help']);

/**
 * Calls that do not count as the visitor's activity for core's deadline (staff mode has its own;
 * speech reads the inactivity warning aloud by itself, which must not keep an abandoned visit alive).
 */
function countsAsActivity(method: MethodName): boolean {
  return (
    !method.startsWith('staff.') &&
    !method.startsWith('session.') &&
    !method.startsWith('speech.') &&
    method !== 'print.status'
  );
}

/** What the transport of a session is told by core. */
export interface SessionPeer {
  /** Another session took the kiosk over: this one has ended; the transport should close it. */
  superseded(): void;
}

export interface RendererSession {
  /** Random, for logs only. */
  readonly id: string;
  /** The id of this session's current visit; null once the session has ended. */
  readonly visitId: string | null;
  readonly ended: boolean;
  /** One call from the renderer, with the visit id it carried. Never throws. */
  call(visitId: unknown, method: unknown, payload: unknown): Promise<Result<unknown>>;
  /** The renderer went away: its visit ends at once. Safe to call twice. */
  close(reason?: VisitEndReason): Promise<void>;
}

export interface RendererSessionsOptions {
  visit: Visit;
  handlers: () => KioskHandlers;
  events: EventHub;
  logger: Logger;
  /** Called when the session holding the kiosk ends or is superseded (staff mode ends with it). */
  onSessionEnd?: () => void;
}

const ENDED = { code: 'visit_ended', message: 'This visit has ended; a new one starts on the start screen.' } as const;

export class RendererSessions {
  private active: Session | null = null;
  /** The current visit is held by no session and nothing happened in it since its reset. */
  private unowned = true;
  private readonly log: Logger;

  constructor(private readonly options: RendererSessionsOptions) {
    this.log = options.logger.child({ component: 'sessions' });
  }

  /** The session holding the kiosk now, if any. */
  get current(): RendererSession | null {
    return this.active;
  }

  /**
   * A renderer attached (a page loaded, a socket connected): it gets a fresh visit. Another session
   * attached before is superseded and its visit ends first.
   */
  async open(peer: SessionPeer, kind: 'window' | 'socket'): Promise<RendererSession> {
    const session = new Session(this, peer);
    const previous = this.active;
    this.active = session;
    if (previous) {
      previous.end();
      this.options.onSessionEnd?.();
      this.log.warn(
        { kind, session: session.id, replaced: previous.id },
        'a second screen attached; the first one is ended',
      );
      try {
        previous.peer.superseded();
      } catch (err) {
        this.log.warn({ err }, 'the replaced screen could not be told');
      }
    }
    if (previous || !this.unowned) await this.options.visit.reset(previous ? 'superseded' : 'new_session');
    this.unowned = false;
    // a newer session may have taken over while the reset ran
    if (this.active === session) session.adopt(this.options.visit.id);
    else session.end();
    this.log.info({ kind, session: session.id }, 'screen attached; new visit');
    return session;
  }

  /**
   * Core ends the visit by itself (its deadline, a renderer restart, staff). The session holding the
   * kiosk goes on with a fresh visit and is told with the `session.reset` event.
   */
  async endVisit(reason: ResetReason): Promise<void> {
    const session = this.active;
    await this.options.visit.reset(reason);
    if (session && this.active === session && !session.ended) {
      session.adopt(this.options.visit.id);
      this.options.events.emit('session.reset', { reason, visitId: this.options.visit.id });
    } else if (!session) {
      this.unowned = true;
    }
  }

  /** @internal */
  async closeSession(session: Session, reason: VisitEndReason): Promise<void> {
    if (this.active !== session) return;
    this.active = null;
    this.options.onSessionEnd?.();
    await this.options.visit.reset(reason);
    if (this.active === null) this.unowned = true;
    this.log.info({ session: session.id, reason }, 'screen gone; its visit ended');
  }

  /** The renderer holding the kiosk is gone (crashed): its visit ends; with no session, the visit is reset anyway. */
  async closeCurrent(reason: VisitEndReason): Promise<void> {
    if (this.active) return this.active.close(reason);
    await this.options.visit.reset(reason);
    if (this.active === null) this.unowned = true;
  }

  /** A call from a renderer that has no session (yet): only calls about the kiosk itself are answered. */
  callUnattached(method: unknown, payload: unknown): Promise<Result<unknown>> {
    return this.callFrom(null, null, method, payload);
  }

  /** @internal */
  async callFrom(
    session: Session | null,
    visitId: unknown,
    method: unknown,
    payload: unknown,
  ): Promise<Result<unknown>> {
    const { visit, logger } = this.options;
    const handlers = this.options.handlers();
    // an unknown method, a call about the kiosk itself or a malformed payload is answered as before
    // (dispatch refuses the last without calling core)
    if (!isMethodName(method) || KIOSK_LEVEL.has(method) || !methods[method].input.safeParse(payload ?? {}).success)
      return dispatch(handlers, method, payload, logger);
    if (!session || session.ended || this.active !== session || visitId !== session.visitId || visitId !== visit.id) {
      logger.info({ method, session: session?.id ?? null }, 'call for a visit that has ended refused');
      return { ok: false, error: { ...ENDED } };
    }
    if (countsAsActivity(method)) visit.touch();
    const result = await dispatch(handlers, method, payload, logger);
    if (method === 'session.reset' && result.ok && this.active === session && !session.ended) {
      session.adopt(visit.id);
      return { ok: true, value: { ...(result.value as object), visitId: visit.id } };
    }
    return result;
  }
}

class Session implements RendererSession {
  readonly id = randomUUID().slice(0, 8);
  private current: string | null = null;
  private over = false;

  constructor(
    private readonly owner: RendererSessions,
    readonly peer: SessionPeer,
  ) {}

  get visitId(): string | null {
    return this.over ? null : this.current;
  }

  get ended(): boolean {
    return this.over;
  }

  adopt(visitId: string): void {
    this.current = visitId;
  }

  end(): void {
    this.over = true;
  }

  call(visitId: unknown, method: unknown, payload: unknown): Promise<Result<unknown>> {
    return this.owner.callFrom(this, visitId, method, payload);
  }

  async close(reason: VisitEndReason = 'session_closed'): Promise<void> {
    if (this.over) return;
    this.over = true;
    await this.owner.closeSession(this, reason);
  }
}
