/**
 * Who is in staff mode right now: one staff member at a time, ended by leaving or after
 * `timeoutSeconds` without activity. Activity only moves the deadline; one timer checks it when it
 * falls due and re-arms itself if the deadline moved, so a busy panel does not churn timers.
 */

export type StaffEndReason = 'timeout' | 'left' | 'replaced';

/** Runs `fn` after `ms`; returns a cancel function. Injected by tests with a manual clock. */
export type Schedule = (ms: number, fn: () => void) => () => void;

export const defaultSchedule: Schedule = (ms, fn) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

export interface StaffSessionOptions {
  timeoutSeconds: number;
  now?: () => number;
  schedule?: Schedule;
  /** Called once for each session that ends, with the staff id. */
  onEnd: (staffId: string, reason: StaffEndReason) => void;
}

export interface ActiveStaff {
  staffId: string;
  since: number;
  secondsLeft: number;
}

export class StaffSession {
  private active: { staffId: string; since: number; deadline: number } | null = null;
  private cancelTimer: (() => void) | null = null;
  private readonly now: () => number;
  private readonly schedule: Schedule;
  private readonly timeoutMs: number;

  constructor(private readonly options: StaffSessionOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultSchedule;
    this.timeoutMs = options.timeoutSeconds * 1000;
  }

  get timeoutSeconds(): number {
    return this.options.timeoutSeconds;
  }

  /** Starts staff mode for `staffId`; a session of someone else (or the same person) ends first. */
  start(staffId: string): void {
    if (this.active) this.end('replaced');
    const now = this.now();
    this.active = { staffId, since: now, deadline: now + this.timeoutMs };
    this.arm(this.timeoutMs);
  }

  /** The active session, or null (an overdue session is ended here, even if its timer is late). */
  current(): ActiveStaff | null {
    if (!this.active) return null;
    const left = this.active.deadline - this.now();
    if (left <= 0) {
      this.end('timeout');
      return null;
    }
    return { staffId: this.active.staffId, since: this.active.since, secondsLeft: Math.ceil(left / 1000) };
  }

  /** Activity: moves the deadline. Returns the session, or null when none is active. */
  touch(): ActiveStaff | null {
    const cur = this.current();
    if (!cur || !this.active) return null;
    this.active.deadline = this.now() + this.timeoutMs;
    return { ...cur, secondsLeft: this.options.timeoutSeconds };
  }

  /** Ends the session; returns the staff id that was active, or null. */
  end(reason: StaffEndReason): string | null {
    const ended = this.active;
    if (!ended) return null;
    this.active = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.options.onEnd(ended.staffId, reason);
    return ended.staffId;
  }

  /** Stops the timer without reporting an end (shutdown). */
  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.active = null;
  }

  private arm(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.schedule(Math.max(0, ms), () => {
      this.cancelTimer = null;
      if (!this.active) return;
      const left = this.active.deadline - this.now();
      if (left <= 0) this.end('timeout');
      else this.arm(left);
    });
  }
}
