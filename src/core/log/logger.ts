import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { createStream } from 'rotating-file-stream';
import { Redactor } from './redaction';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** Folder for kiosk.log (rotated daily and at 10 MB, 14 files kept). Omit to log to `destination`. */
  dir?: string;
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where to write instead of a file (tests pass a stream and read it back). */
  destination?: DestinationStream;
  redactor?: Redactor;
}

/**
 * Structured JSON logging. Every object and message passes through the redactor before it is
 * serialised, so no call site can leak personal data by mistake.
 */
export function createLogger(options: LoggerOptions = {}): {
  logger: Logger;
  redactor: Redactor;
  close: () => Promise<void>;
} {
  const redactor = options.redactor ?? new Redactor();
  let destination: DestinationStream;
  let close = async (): Promise<void> => undefined;
  if (options.destination) {
    destination = options.destination;
  } else if (options.dir) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const stream = createStream('kiosk.log', {
      path: options.dir,
      size: '10M',
      interval: '1d',
      maxFiles: 14,
      mode: 0o600,
    });
    destination = stream as unknown as DestinationStream;
    // the stream writes asynchronously: end it and wait, or the last lines (shutdown!) are lost
    close = () =>
      new Promise<void>((resolve) => {
        if (stream.writableEnded) return resolve();
        const timer = setTimeout(resolve, 3000);
        stream.end(() => {
          clearTimeout(timer);
          resolve();
        });
      });
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
  return { logger, redactor, close };
}

export function logFile(dir: string): string {
  return path.join(dir, 'kiosk.log');
}
