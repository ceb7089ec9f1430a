import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { Redactor } from './redaction';
import { errorMessage } from '../../contract/errors';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** Folder for kiosk.log (rotated daily and at 10 MB, 14 files kept). Omit to log to `destination`. */
  dir?: string;
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where to write instead of a file (tests pass a stream and read it back). */
  destination?: DestinationStream;
  redactor?: Redactor;
}

/** Whether kiosk.log can be written; while it cannot, lines go to stderr (and health says so). */
export interface LogHealth {
  ok: boolean;
  /** The log file (null: logging goes to a stream, not a file). */
  file: string | null;
  /** Why the file cannot be written, since when (null when it can). */
  reason: string | null;
}

/** How often a log file that failed is tried again. */
const LOG_RETRY_MS = 60_000;

/**
 * kiosk.log through rotating-file-stream, but a log that cannot be written (read-only or full disk,
 * a folder that went away) never takes the kiosk down: its 'error' is caught, lines go to stderr
 * (journald under systemd) from then on, one line says so, and the file is tried again every minute.
 */
function fileSink(dir: string): { sink: DestinationStream; health: () => LogHealth; close: () => Promise<void> } {
  const file = logFile(dir);
  let stream: RotatingFileStream | null = null;
  let failure: { reason: string; since: string } | null = null;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const toStderr = (line: string): void => {
    try {
      process.stderr.write(line);
    } catch {
      // nowhere left to write: the line is lost, the kiosk goes on
    }
  };

  const fail = (err: unknown): void => {
    const old = stream;
    stream = null;
    if (old) {
      old.removeAllListeners('error');
      old.on('error', () => {});
      try {
        old.destroy();
      } catch {
        // already broken
      }
    }
    if (!failure) {
      const code = (err as NodeJS.ErrnoException | null)?.code ?? errorMessage(err);
      failure = { reason: `${file} cannot be written (${code})`, since: new Date().toISOString() };
      toStderr(
        `${JSON.stringify({ level: 50, time: failure.since, app: 'kommunkiosk', msg: `kiosk.log cannot be written (${code}): logging to stderr until it can` })}\n`,
      );
    }
    if (!closed) {
      clearTimeout(retry);
      retry = setTimeout(open, LOG_RETRY_MS);
      retry.unref();
    }
  };

  const open = (): void => {
    if (closed) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const s = createStream('kiosk.log', { path: dir, size: '10M', interval: '1d', maxFiles: 14, mode: 0o600 });
      s.on('error', fail);
      stream = s;
      if (failure) {
        const was = failure;
        failure = null;
        s.write(
          `${JSON.stringify({ level: 30, time: new Date().toISOString(), app: 'kommunkiosk', msg: `kiosk.log can be written again (it could not since ${was.since}; those lines went to stderr)` })}\n`,
        );
      }
    } catch (err) {
      fail(err);
    }
  };
  open();

  const sink = {
    write(line: string): boolean {
      if (!stream) {
        toStderr(line);
        return true;
      }
      try {
        stream.write(line);
      } catch (err) {
        fail(err);
        toStderr(line);
      }
      return true;
    },
  } as unknown as DestinationStream;

  return {
    sink,
    health: () => ({ ok: failure === null, file, reason: failure ? `${failure.reason} since ${failure.since}` : null }),
    // the stream writes asynchronously: end it and wait, or the last lines (shutdown!) are lost
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        clearTimeout(retry);
        const s = stream;
        if (!s || s.writableEnded) return resolve();
        const timer = setTimeout(resolve, 3000);
        s.end(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * Structured JSON logging. Every object and message passes through the redactor before it is
 * serialised, so no call site can leak personal data by mistake.
 */
export function createLogger(options: LoggerOptions = {}): {
  logger: Logger;
  redactor: Redactor;
  close: () => Promise<void>;
  health: () => LogHealth;
} {
  const redactor = options.redactor ?? new Redactor();
  let destination: DestinationStream;
  let close = async (): Promise<void> => undefined;
  let health = (): LogHealth => ({ ok: true, file: null, reason: null });
  if (options.destination) {
    destination = options.destination;
  } else if (options.dir) {
    const file = fileSink(options.dir);
    destination = file.sink;
    close = file.close;
    health = file.health;
  } else if (options.level === 'silent') {
    // writes nothing: no stream on stderr (a startup snapshot could not hold one, cli.vite.config.ts)
    destination = { write: () => undefined };
  } else {
    destination = pino.destination(2);
  }
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { app: 'kommunkiosk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (obj) => redactor.value(obj) as Record<string, unknown>,
      },
      serializers: {
        err: (e: unknown) => (e instanceof Error ? redactor.error(e) : redactor.value(e)),
      },
      hooks: {
        logMethod(args, method) {
          // the message string (and any printf-style arguments) goes through the same scrubber
          const scrubbed: unknown[] = args.map((a) => (typeof a === 'string' ? redactor.text(a) : a));
          // logger.error(err): pino would copy err.message into msg unscrubbed; hand it a clean object
          const first = scrubbed[0];
          if (first instanceof Error) {
            scrubbed[0] = { err: redactor.error(first) };
            if (typeof scrubbed[1] !== 'string') scrubbed.splice(1, 0, redactor.text(first.message));
          }
          return method.apply(this, scrubbed as typeof args);
        },
      },
    },
    destination,
  );
  return { logger, redactor, close, health };
}

function logFile(dir: string): string {
  return path.join(dir, 'kiosk.log');
}
