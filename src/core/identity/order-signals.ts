/**
 * What every e-ID order (BankID, Freja eID+) shares while it runs: the clock it polls by, the QR
 * frames and status it tells the screen — each status once, nothing at all once the visit has ended —
 * and the pause between polls, which a cancel cuts short.
 */
import type { Logger } from '../log/logger';
import type { EidHooks, EidStatus } from './eid-provider';

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class OrderSignals {
  private silent = false;
  private lastStatus = '';
  private wake: (() => void) | null = null;

  constructor(
    private readonly hooks: EidHooks,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  /** No further QR frames or status: the visit has ended, and the next visitor must not see them. */
  silence(): void {
    this.silent = true;
  }

  /** A QR string to draw, or null to hide it. A failing listener is logged, never the order's end. */
  qr(qr: string | null): void {
    if (this.silent) return;
    try {
      this.hooks.onQr(qr);
    } catch (err) {
      this.logger.warn({ err }, 'QR listener failed');
    }
  }

  /** A status, told once: the same state, message and retry again is not repeated. */
  status(status: EidStatus): void {
    const key = `${status.state}:${status.rfa}:${status.retryable}`;
    if (key === this.lastStatus || this.silent) return;
    this.lastStatus = key;
    try {
      this.hooks.onStatus(status);
    } catch (err) {
      this.logger.warn({ err }, 'status listener failed');
    }
  }

  /** Waits `ms` before the next poll; at once when the order is `cancelled` already or is cancelled meanwhile. */
  pause(ms: number, cancelled: boolean): Promise<void> {
    return new Promise((resolve) => {
      if (cancelled) {
        resolve();
        return;
      }
      const handle = this.clock.setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.clock.clearTimeout(handle);
        this.wake = null;
        resolve();
      };
    });
  }

  /** Ends a pause under way (the order was cancelled). */
  wakeUp(): void {
    this.wake?.();
  }
}
