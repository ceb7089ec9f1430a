/**
 * Every call over a transport to core settles, also when the other side is alive but frozen (a
 * stopped host process, a hung Electron main process): such a side never answers and never closes
 * the connection, so nothing else would end the wait. Used by both transports of `window.kiosk`, the
 * browser host's client (src/host/client.ts) and the Electron preload (src/preload/index.ts).
 *
 * A call may take as long as core works on it (a BankID request waits up to the configured request
 * timeout), so the measure is not how long a call takes but how long the other side has been silent:
 * while a call waits, the transport asks the other side every `pingEveryMs` whether it is alive
 * (`ping`), and anything heard from it (an answer, an event, a pong) counts. When it has been silent
 * for `silenceMs` with a call waiting, it is taken for dead: every waiting call answers `unavailable`
 * and `onDead` runs (the transport tells the screen the connection is lost and starts over with a new
 * session, so a new visit). `maxCallMs` bounds any single call all the same (a side that answers
 * pings but never this call): that call alone answers `unavailable`.
 */

/** The timings of the kiosk's transports (the tests use the same). */
export const CALL_WATCHDOG_DEFAULTS = {
  /** Longer than any pause of a busy but working host (a PDF being rendered on a loaded machine). */
  silenceMs: 15_000,
  pingEveryMs: 2_500,
  /** Longer than the slowest legitimate call: BankID's request timeout (≤ 60 s) plus a register look-up (≤ 30 s). */
  maxCallMs: 150_000,
} as const;

export interface CallWatchdogOptions {
  silenceMs: number;
  pingEveryMs: number;
  maxCallMs: number;
  /** Asks the other side for a sign of life; the transport calls `heard()` when it answers. */
  ping: () => void;
  /** The other side was silent for `silenceMs` while calls waited (they have answered `unavailable`). */
  onDead: () => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

interface Waiting {
  settle: () => void;
}

export class CallWatchdog {
  private readonly waiting = new Set<Waiting>();
  private lastHeard = 0;
  private lastPing = 0;
  private ticker: unknown = null;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: CallWatchdogOptions) {
    this.now = options.now ?? (() => Date.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** Calls waiting now. */
  get size(): number {
    return this.waiting.size;
  }

  /** Something came from the other side: it is alive. */
  heard(): void {
    this.lastHeard = this.now();
  }

  /**
   * Runs one call: resolves with its result, or with `unavailable` when the other side fell silent
   * (or the call ran past `maxCallMs`). A result that arrives after that is dropped.
   */
  run<T>(call: () => Promise<T>, unavailable: () => T): Promise<T> {
    // the other side's silence counts from the first call that waits, not from the last quiet spell
    if (this.waiting.size === 0) this.lastHeard = Math.max(this.lastHeard, this.now());
    return new Promise<T>((resolve) => {
      let done = false;
      const cap = this.setTimer(() => finish(unavailable()), this.options.maxCallMs);
      const entry: Waiting = { settle: () => finish(unavailable()) };
      const finish = (value: T): void => {
        if (done) return;
        done = true;
        this.clearTimer(cap);
        this.waiting.delete(entry);
        if (this.waiting.size === 0) this.stopTicking();
        resolve(value);
      };
      this.waiting.add(entry);
      this.startTicking();
      call().then(finish, () => finish(unavailable()));
    });
  }

  /** Every waiting call answers `unavailable` now (the transport saw the connection go). */
  failAll(): void {
    for (const w of [...this.waiting]) w.settle();
  }

  private startTicking(): void {
    if (this.ticker !== null) return;
    const tick = (): void => {
      this.ticker = null;
      if (this.waiting.size === 0) return;
      const now = this.now();
      const silent = now - this.lastHeard;
      if (silent >= this.options.silenceMs) {
        this.failAll();
        this.options.onDead();
        return;
      }
      if (silent >= this.options.pingEveryMs && now - this.lastPing >= this.options.pingEveryMs) {
        this.lastPing = now;
        try {
          this.options.ping();
        } catch {
          /* a ping that cannot be sent is silence too */
        }
      }
      this.ticker = this.setTimer(tick, Math.min(1000, this.options.pingEveryMs));
    };
    this.ticker = this.setTimer(tick, Math.min(1000, this.options.pingEveryMs));
  }

  private stopTicking(): void {
    if (this.ticker === null) return;
    this.clearTimer(this.ticker);
    this.ticker = null;
  }
}
