/**
 * The process's last line of defence (docs/architecture.md, "Fault policy"). Every fault the kiosk
 * knows of is handled where it happens (a storage fault puts the kiosk out of order, a client
 * connection's error ends that connection, an adapter's failure is a retry); what still escapes — an
 * exception nobody caught, a promise rejected with nobody waiting — is logged (redacted, rate-limited,
 * to stderr when the log cannot be written), counted for the health checks, and the kiosk goes on. A
 * kiosk that restarts itself on every stray error would lose the visit on screen and could loop; one
 * that stays up tells staff and IT through health ("Processen") and kiosk.log.
 */
import type { Logger } from './logger';
import { Redactor } from './redaction';

export type ProcessFaultKind = 'uncaughtException' | 'unhandledRejection';

export interface ProcessFaultRecord {
  at: string;
  kind: ProcessFaultKind;
  /** The error's name and message, redacted; never a stack on screen. */
  message: string;
}

export interface ProcessFaults {
  /** Where faults are logged from now on (the kiosk's logger, once there is one). */
  useLogger(logger: Logger): void;
  summary(): { count: number; last: ProcessFaultRecord | null };
  /** Takes the handlers off again (tests, shutdown). */
  dispose(): void;
}

/** At most this many faults a minute are logged in full; the rest are only counted. */
const LOGGED_PER_MINUTE = 10;

export function installProcessFaultHandlers(
  options: { target?: NodeJS.Process; logger?: Logger; redactor?: Redactor; now?: () => number } = {},
): ProcessFaults {
  const target = options.target ?? process;
  const redactor = options.redactor ?? new Redactor();
  const now = options.now ?? Date.now;
  let logger = options.logger ?? null;
  let count = 0;
  let last: ProcessFaultRecord | null = null;
  let windowStart = 0;
  let loggedInWindow = 0;

  const describe = (err: unknown): string => {
    try {
      const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return redactor.text(text).slice(0, 300);
    } catch {
      return 'an error that cannot be described';
    }
  };

  const record = (kind: ProcessFaultKind, err: unknown): void => {
    // nothing in here may throw: an exception inside this handler would end the process
    try {
      count += 1;
      const at = now();
      last = { at: new Date(at).toISOString(), kind, message: describe(err) };
      if (at - windowStart > 60_000) {
        windowStart = at;
        loggedInWindow = 0;
      }
      loggedInWindow += 1;
      if (loggedInWindow > LOGGED_PER_MINUTE) return;
      const msg =
        kind === 'uncaughtException'
          ? 'uncaught exception: the kiosk keeps running'
          : 'unhandled promise rejection: the kiosk keeps running';
      try {
        if (logger) logger.error({ kind, err }, msg);
        else process.stderr.write(`${JSON.stringify({ level: 50, time: last.at, msg, error: last.message })}\n`);
      } catch {
        process.stderr.write(`kommunkiosk: ${msg}: ${last.message}\n`);
      }
    } catch {
      // the fault is lost; the process is not
    }
  };

  const onException = (err: unknown): void => record('uncaughtException', err);
  const onRejection = (reason: unknown): void => record('unhandledRejection', reason);
  // a closed stderr (EPIPE) must not become an unhandled 'error' of its own
  const onStreamError = (): void => {};
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  target.stdout?.on?.('error', onStreamError);
  target.stderr?.on?.('error', onStreamError);

  return {
    useLogger(l) {
      logger = l;
    },
    summary: () => ({ count, last }),
    dispose() {
      target.off('uncaughtException', onException);
      target.off('unhandledRejection', onRejection);
      target.stdout?.off?.('error', onStreamError);
      target.stderr?.off?.('error', onStreamError);
    },
  };
}
