/**
 * A deadline that activity moves: one timer checks it when it falls due and re-arms itself if the
 * deadline moved meanwhile, so a busy visitor (or staff member) does not churn timers. Used by the
 * visit's core-side deadline and by staff mode's inactivity timeout.
 */

/** Runs `fn` after `ms`; returns a cancel function. Injected by tests with a manual clock. */
export type Schedule = (ms: number, fn: () => void) => () => void;

export const defaultSchedule: Schedule = (ms, fn) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

export class DeadlineTimer {
  private deadline: number | null = null;
  /** When the running timer fires (null: none runs). */
  private timerAt: number | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly onDue: () => void,
    private readonly now: () => number = Date.now,
    private readonly schedule: Schedule = defaultSchedule,
  ) {}

  /** Milliseconds left (0 when overdue), or null when no deadline is set. */
  left(): number | null {
    return this.deadline === null ? null : Math.max(0, this.deadline - this.now());
  }

  /** Sets the deadline `ms` from now (earlier or later than before). */
  setIn(ms: number): void {
    this.deadline = this.now() + Math.max(0, ms);
    // a later deadline is found by the running timer when it fires; an earlier one needs a new timer
    if (this.timerAt === null || this.deadline < this.timerAt) this.arm(this.deadline - this.now());
  }

  clear(): void {
    this.deadline = null;
    this.timerAt = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private arm(ms: number): void {
    this.cancelTimer?.();
    this.timerAt = this.now() + ms;
    this.cancelTimer = this.schedule(Math.max(0, ms), () => {
      this.cancelTimer = null;
      this.timerAt = null;
      if (this.deadline === null) return;
      const left = this.deadline - this.now();
      if (left > 0) return this.arm(left);
      this.deadline = null;
      this.onDue();
    });
  }
}
