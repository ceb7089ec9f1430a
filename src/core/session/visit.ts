/**
 * The visit: what core knows about the visitor at the kiosk right now, and the single reset that
 * ends it. Core creates every visit id (a random UUID); a renderer session holds the id of its
 * current visit and stamps it on every call (see renderer-sessions.ts), so a call that belongs to a
 * visit that has ended can be recognised and refused.
 *
 * Every capability that holds visitor state or runs something on the visitor's behalf registers a
 * reset hook here; `reset()` runs them all (errors in one never stop the others), then drops the
 * state. Resets run one after another. Nothing in here is ever written to disk.
 *
 * The deadline: core ends the visit by itself (reason `expired`) when no activity has been reported
 * for the configured idle + warning time (plus any extension the visitor asked for) and a short
 * grace, even when the renderer is frozen, gone or never calls again. The renderer's own warning
 * comes first; this is the backstop.
 */
import { randomUUID } from 'node:crypto';
import { KioskFailure } from '../../contract/errors';
import type { PaperRouteReason } from '../../contract/namespaces/identity';
import type { ResetReason } from '../../contract/namespaces/session';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';
import { DeadlineTimer, type Schedule } from './deadline-timer';

export interface SignedInPerson {
  /** 12 digits. */
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
}

export interface VisitState {
  /** Set after a completed BankID auth order. */
  person: SignedInPerson | null;
  /**
   * The paper route: the visitor has protected identity (said so, or the register says so) or
   * BankID cannot be used. Nothing of this visit may be written anywhere.
   */
  paperRoute: { reason: PaperRouteReason } | null;
  /** Staff marked this visit as assisted (staff id only). */
  assistedBy: string | null;
}

/**
 * Why a visit ends: the contract's reasons (the renderer's, and core's own `expired`, `staff`,
 * `renderer_restart`), and the ones only the shells and core use — a second screen took over
 * (`superseded`), a screen attached to a kiosk nobody held (`new_session`), a screen went away
 * (`session_closed`), the kiosk stops (`shutdown`).
 */
export type VisitEndReason = ResetReason | 'superseded' | 'new_session' | 'session_closed' | 'shutdown';

export type ResetHook = (reason: VisitEndReason) => void | Promise<void>;

/** The inactivity limits of config `session` (the renderer's warning uses the same). */
export interface VisitLimits {
  idleSeconds: number;
  warningSeconds: number;
  extendSteps: readonly number[];
}

export interface VisitDeadlineOptions {
  limits: () => VisitLimits;
  /** Added to idle + warning so the renderer's own warning always ends the visit first. */
  graceSeconds: number;
  /** Called when the deadline falls due (the composition root ends the visit with `expired`). */
  onExpired: () => void;
  now?: () => number;
  schedule?: Schedule;
}

/** Seconds core waits beyond the renderer's idle + warning time before it ends a visit itself. */
export const DEFAULT_GRACE_SECONDS = 15;

export class Visit {
  state: VisitState = Visit.empty();
  private readonly hooks: Array<{ name: string; hook: ResetHook }> = [];
  private currentId = randomUUID();
  private resets = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private deadline: { timer: DeadlineTimer; options: VisitDeadlineOptions } | null = null;
  /** Seconds of extra time the visitor asked for (one of extendSteps); kept until the next touch without it. */
  private extendSeconds = 0;

  constructor(
    private readonly logger: Logger,
    private readonly redactor: Redactor,
  ) {}

  static empty(): VisitState {
    return { person: null, paperRoute: null, assistedBy: null };
  }

  /** The current visit's id, created by core. It changes the moment a reset starts. */
  get id(): string {
    return this.currentId;
  }

  /** How many visits have ended since start (for logs and tests). */
  get generation(): number {
    return this.resets;
  }

  onReset(name: string, hook: ResetHook): void {
    this.hooks.push({ name, hook });
  }

  signIn(person: SignedInPerson): void {
    this.redactor.remember(person.personalNumber, person.name, person.givenName, person.surname);
    this.state.person = person;
  }

  /** Turns on the core-side deadline (the composition root does, with config's limits). */
  enableDeadline(options: VisitDeadlineOptions): void {
    this.deadline?.timer.clear();
    this.deadline = {
      options,
      timer: new DeadlineTimer(() => options.onExpired(), options.now ?? Date.now, options.schedule),
    };
  }

  /**
   * The visitor is active: the deadline starts over. `extendSeconds` (undefined: keep what the
   * visitor asked for before; 0: no extension) must be one of the configured extendSteps.
   */
  touch(extendSeconds?: number): void {
    if (!this.deadline) return;
    const limits = this.deadline.options.limits();
    if (extendSeconds !== undefined) {
      if (extendSeconds !== 0 && !limits.extendSteps.includes(extendSeconds)) {
        throw new KioskFailure('invalid_input', 'extendSeconds must be one of the configured extendSteps', {
          issues: [{ path: 'extendSeconds', code: 'not_an_extend_step' }],
        });
      }
      this.extendSeconds = extendSeconds;
    }
    const seconds =
      limits.idleSeconds + this.extendSeconds + limits.warningSeconds + this.deadline.options.graceSeconds;
    this.deadline.timer.setIn(seconds * 1000);
  }

  /** Milliseconds until core ends the visit by itself; null while no deadline runs (nothing happened yet). */
  deadlineLeft(): number | null {
    return this.deadline?.timer.left() ?? null;
  }

  /**
   * Ends the visit: a new id at once (calls with the old one are refused from now on), then every
   * hook, then the state is dropped. Resets run one after another. Returns how many hooks succeeded.
   */
  reset(reason: VisitEndReason): Promise<number> {
    this.currentId = randomUUID();
    this.resets += 1;
    this.deadline?.timer.clear();
    this.extendSeconds = 0;
    const run = this.queue.then(() => this.runHooks(reason));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runHooks(reason: VisitEndReason): Promise<number> {
    let cancelled = 0;
    const results = await Promise.allSettled(this.hooks.map(async ({ hook }) => hook(reason)));
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.logger.warn({ hook: this.hooks[i]?.name, err: r.reason }, 'reset hook failed; the visit was reset anyway');
      } else {
        cancelled += 1;
      }
    });
    this.state = Visit.empty();
    this.redactor.forget();
    this.logger.info({ reason, generation: this.resets }, 'visit reset');
    return cancelled;
  }
}
