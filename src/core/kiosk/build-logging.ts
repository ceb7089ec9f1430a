/**
 * The data folder and the log: resolved before anything else, as every capability writes to one or
 * the other. A logger passed in (tests) is used as it is; otherwise core opens its own log file.
 */
import path from 'node:path';
import type { KioskConfig } from '../config/kiosk-config';
import { resolveFrom } from '../config/load-config';
import { createLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';

export interface KioskLogging {
  dataDir: string;
  logDir: string;
  logger: Logger;
  /** The log core opened itself (its health check, its close), or null when the caller passed one. */
  ownLog: ReturnType<typeof createLogger> | null;
}

export function buildLogging(options: {
  config: KioskConfig | null;
  baseDir: string;
  defaultDataDir: string;
  redactor: Redactor;
  logger?: Logger | undefined;
}): KioskLogging {
  const { config, baseDir } = options;
  const dataDir = config?.dataDir ? resolveFrom(baseDir, config.dataDir) : options.defaultDataDir;
  const logDir = config?.log.dir ? resolveFrom(baseDir, config.log.dir) : path.join(dataDir, 'logs');
  if (options.logger) return { dataDir, logDir, logger: options.logger, ownLog: null };
  const ownLog = createLogger({ dir: logDir, level: config?.log.level ?? 'info', redactor: options.redactor });
  return { dataDir, logDir, logger: ownLog.logger, ownLog };
}
