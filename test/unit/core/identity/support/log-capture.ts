/** A logger whose JSON lines the test can read back. */
import { createLogger, type Logger } from '../../../../../src/core/log/logger';

export function captureLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const { logger } = createLogger({ level: 'debug', destination: { write: (s: string) => void raw.push(s) } });
  return {
    logger,
    lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => raw.join(''),
  };
}
