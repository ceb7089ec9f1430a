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
 *
 * Time is counted in ticks of a steady ticker (one a second), never by reading a clock: a clock that
 * jumps (set by NTP, or faked by a test to skip ahead) must not make a live side look silent.
 */

/** The timings of the kiosk's transports (the tests use the same). */
export const CALL_WATCHDOG_DEFAULTS = {
  /** Longer than any pause of a busy but working host (a PDF being rendered on a loaded machine). */
  silenceMs: 15_000,
  pingEveryMs: 2_500,
  /** Longer than the slowest legitimate call: BankID's request timeout (≤ 60 s) plus a register look-up (≤ 30 s). */
  maxCallMs: 150_000,
} as const;

/** How often the ticker ticks. */
export const WATCHDOG_TICK_MS = 500;

/** Starts calling `tick` every WATCHDOG_TICK_MS; returns the function that stops it. */
export type Ticker = (tick: () => void) => () => void;

export const intervalTicker: Ticker = (tick) => {
  const t = setInterval(tick, WATCHDOG_TICK_MS);
  return () => clearInterval(t);
};

export interface CallWatchdogOptions {
  silenceMs: number;
  pingEveryMs: number;
  maxCallMs: number;
  /** Asks the other side for a sign of life; the transport calls `heard()` when it answers. */
  ping: () => void;
  /** The other side was silent for `silenceMs` while calls waited (they have answered `unavailable`). */
  onDead: () => void;
  /** Default: setInterval. */
  ticker?: Ticker;
}

interface Waiting {
  /** Ticks this call has waited. */
  ticks: number;
  settle: () => void;
}

export class CallWatchdog {
  private readonly waiting = new Set<Waiting>();
  /** Ticks since the other side was last heard (while calls wait). */
  private silentTicks = 0;
  private stopTicker: (() => void) | null = null;
  private readonly ticker: Ticker;

  constructor(private readonly options: CallWatchdogOptions) {
    this.ticker = options.ticker ?? intervalTicker;
  }

  /** Calls waiting now. */
  get size(): number {
    return this.waiting.size;
  }

  /** Something came from the other side: it is alive. */
  heard(): void {
    this.silentTicks = 0;
  }

  /**
   * Runs one call: resolves with its result, or with `unavailable` when the other side fell silent
   * (or the call ran past `maxCallMs`). A result that arrives after that is dropped.
   */
  run<T>(call: () => Promise<T>, unavailable: () => T): Promise<T> {
    // the other side's silence counts from the first call that waits, not from the last quiet spell
    if (this.waiting.size === 0) this.silentTicks = 0;
    return new Promise<T>((resolve) => {
      let done = false;
      const entry: Waiting = { ticks: 0, settle: () => finish(unavailable()) };
      const finish = (value: T): void => {
        if (done) return;
        done = true;
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

  private tick(): void {
    if (this.waiting.size === 0) return this.stopTicking();
    const { silenceMs, pingEveryMs, maxCallMs } = this.options;
    for (const w of [...this.waiting]) {
      w.ticks += 1;
      if (w.ticks * WATCHDOG_TICK_MS >= maxCallMs) w.settle();
    }
    if (this.waiting.size === 0) return;
    this.silentTicks += 1;
    const silent = this.silentTicks * WATCHDOG_TICK_MS;
    if (silent >= silenceMs) {
      this.failAll();
      this.options.onDead();
      return;
    }
    const pingTicks = Math.max(1, Math.round(pingEveryMs / WATCHDOG_TICK_MS));
    if (this.silentTicks % pingTicks === 0) {
      try {
        this.options.ping();
      } catch {
        /* a ping that cannot be sent is silence too */
      }
    }
  }

  private startTicking(): void {
    if (this.stopTicker) return;
    this.stopTicker = this.ticker(() => this.tick());
  }

  private stopTicking(): void {
    this.stopTicker?.();
    this.stopTicker = null;
  }
}
