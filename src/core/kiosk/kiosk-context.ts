/**
 * What every capability builder of createKiosk is handed: the valid config, where things are, the
 * logger, the visit, the event emitter, the out-of-order state and the list of closers (run in
 * reverse order when the kiosk stops). Builders run only with a valid config.
 */
import type { KioskConfig } from '../config/kiosk-config';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';
import type { Platform } from '../platform';
import type { Visit } from '../session/visit';
import type { OutOfOrderState } from './out-of-order';

export type Closer = () => Promise<void> | void;

export interface KioskContext {
  config: KioskConfig;
  /** The config file's folder: relative paths in it are resolved from here. */
  baseDir: string;
  dataDir: string;
  /** The shipped resources folder (flows, help, fonts, FGS schemas). */
  resourcesDir: string;
  version: string;
  platform: Platform;
  logger: Logger;
  redactor: Redactor;
  visit: Visit;
  emit: (event: string, payload: unknown) => void;
  outOfOrder: OutOfOrderState;
  closers: Closer[];
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
