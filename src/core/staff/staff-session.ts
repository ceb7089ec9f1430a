/**
 * Who is in staff mode right now: one staff member at a time, ended by leaving, after
 * `timeoutSeconds` without activity, or when the renderer session that entered it goes away
 * (staff mode belongs to one session). Activity only moves the deadline (a DeadlineTimer).
 */
import { DeadlineTimer, defaultSchedule, type Schedule } from '../session/deadline-timer';

export { defaultSchedule, type Schedule };

/** `session_ended`: the screen that entered staff mode was closed, reloaded or replaced by another. */
export type StaffEndReason = 'timeout' | 'left' | 'replaced' | 'session_ended';

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
  private active: { staffId: string; since: number } | null = null;
  private readonly now: () => number;
  private readonly timer: DeadlineTimer;
  private readonly timeoutMs: number;

  constructor(private readonly options: StaffSessionOptions) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutSeconds * 1000;
    this.timer = new DeadlineTimer(
      () => {
        if (this.active) this.end('timeout');
      },
      this.now,
      options.schedule ?? defaultSchedule,
    );
  }

  get timeoutSeconds(): number {
    return this.options.timeoutSeconds;
  }

  /** Starts staff mode for `staffId`; a session of someone else (or the same person) ends first. */
  start(staffId: string): void {
    if (this.active) this.end('replaced');
    this.active = { staffId, since: this.now() };
    this.timer.setIn(this.timeoutMs);
  }

  /** The active session, or null (an overdue session is ended here, even if its timer is late). */
  current(): ActiveStaff | null {
    if (!this.active) return null;
    const left = this.timer.left() ?? 0;
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
    this.timer.setIn(this.timeoutMs);
    return { ...cur, secondsLeft: this.options.timeoutSeconds };
  }

  /** Ends the session; returns the staff id that was active, or null. */
  end(reason: StaffEndReason): string | null {
    const ended = this.active;
    if (!ended) return null;
    this.active = null;
    this.timer.clear();
    this.options.onEnd(ended.staffId, reason);
    return ended.staffId;
  }

  /** Stops the timer without reporting an end (shutdown). */
  dispose(): void {
    this.timer.clear();
    this.active = null;
  }
}
