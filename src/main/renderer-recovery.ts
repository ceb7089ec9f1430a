/**
 * A crashed or hung renderer is replaced by a new one on the start screen: core resets the visit
 * (reason `renderer_restart`: pending BankID orders and prints are cancelled, browser data cleared),
 * then the start page is loaded in a fresh renderer process. A renderer that keeps dying makes the
 * app exit with an error, so the OS supervisor (systemd `Restart=always`, Shell Launcher) restarts
 * the whole kiosk instead of looping.
 */
import type { RenderProcessGoneDetails, WebContents } from 'electron';
import type { Kiosk } from '../core/kiosk';
import { START_URL } from './app-origin';

/** How long the visit reset may take before the new renderer is loaded anyway. */
const RESET_TIMEOUT_MS = 5_000;

export interface RecoveryOptions {
  /** Restarts allowed within `windowMs` before giving up (default 5 in 5 minutes). */
  maxRestarts?: number;
  windowMs?: number;
  now?: () => number;
  /** Called when the budget is spent; main exits with a non-zero code. */
  giveUp: () => void;
  /**
   * Ends the dead page's visit (main: its renderer session closes). Default: core ends the current
   * session's visit.
   */
  endVisit?: () => Promise<void>;
}

/** Counts restarts in a sliding window. */
export class RestartBudget {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records one restart; false when that is more than the budget allows. */
  take(): boolean {
    const t = this.now();
    while (this.times.length > 0 && (this.times[0] as number) <= t - this.windowMs) this.times.shift();
    this.times.push(t);
    return this.times.length <= this.max;
  }
}

export interface RendererRecovery {
  /** Resolves when the restart in progress (if any) is done; for tests and shutdown. */
  settled(): Promise<void>;
}

export function watchRenderer(contents: WebContents, kiosk: Kiosk, options: RecoveryOptions): RendererRecovery {
  const logger = kiosk.logger.child({ component: 'renderer-recovery' });
  const budget = new RestartBudget(options.maxRestarts ?? 5, options.windowMs ?? 5 * 60_000, options.now ?? Date.now);
  let current: Promise<void> | null = null;

  const restart = (cause: string): Promise<void> => {
    if (current) return current;
    if (!budget.take()) {
      logger.fatal({ cause }, 'renderer keeps failing; exiting so the supervisor restarts the kiosk');
      options.giveUp();
      return Promise.resolve();
    }
    logger.error({ cause }, 'renderer replaced; back to the start screen');
    current = (async () => {
      try {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn('visit reset is taking long; loading the start screen anyway');
            resolve();
          }, RESET_TIMEOUT_MS);
        });
        const endVisit = options.endVisit ?? (() => kiosk.sessions.closeCurrent('renderer_restart'));
        await Promise.race([endVisit(), timeout]);
        clearTimeout(timer);
        if (!contents.isDestroyed()) await contents.loadURL(START_URL);
      } catch (err) {
        logger.error({ err }, 'the start screen could not be loaded after a renderer restart');
      } finally {
        current = null;
      }
    })();
    return current;
  };

  contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit') return;
    void restart(`render-process-gone:${details.reason}`);
  });
  contents.on('unresponsive', () => {
    logger.warn('renderer unresponsive; terminating it');
    contents.forcefullyCrashRenderer();
    void restart('unresponsive');
  });

  return { settled: () => current ?? Promise.resolve() };
}
