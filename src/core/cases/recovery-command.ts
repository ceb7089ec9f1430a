/**
 * The recovery as a command: `kommunkiosk --recover-cases` (the packaged app, with the OS key store)
 * and `npm run recover-cases` (the key file) both run this. It reads the kiosk's configuration the way
 * the kiosk does, recovers (recovery.ts), prints the report, then delivers what it recovered for up to
 * `deliverTimeoutMs` (the kiosk delivers the rest once it runs again).
 *
 * Exit codes: 0 every waiting case recovered; 3 recovered, but some receipted cases could not be (listed);
 * 1 the recovery could not run (the reason is printed; nothing was changed).
 */
import type { ConfigResult } from '../config/load-config';
import { formatProblem, resolveFrom } from '../config/load-config';
import { createLogger, type Logger } from '../log/logger';
import type { KeyWrapper } from '../platform';
import { casesConfigSchema, resolveCasesConfig } from './config';
import { createKeyFileWrapper } from './key-file-wrapper';
import { formatRecoveryReport, recoverCases } from './recovery';
import { createCaseService } from './service';
import { describeStorageError, storagePathsOf } from './storage-check';

export interface RecoveryCommandOptions {
  config: ConfigResult;
  /** The data folder when the configuration names none (as for the kiosk). */
  defaultDataDir: string;
  /** The platform's key store (Electron safeStorage); undefined: the configured key file. */
  keyWrapper?: KeyWrapper | undefined;
  /** Deliver the recovered cases now (default true), waiting at most this long. */
  deliver?: boolean;
  deliverTimeoutMs?: number;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Default: warnings and errors as JSON lines on stderr. */
  logger?: Logger;
}

export function recoveryUsage(command: string): string {
  return `usage: ${command} [--config FILE] [--data-dir DIR] [--no-deliver] [--deliver-timeout SECONDS]`;
}

async function deliverRecovered(
  options: RecoveryCommandOptions,
  cases: Parameters<typeof createCaseService>[0],
): Promise<void> {
  const service = createCaseService(cases);
  try {
    const timeoutMs = options.deliverTimeoutMs ?? 60_000;
    const until = Date.now() + timeoutMs;
    const waiting = (): number => service.queue.stats().counts.stored + service.queue.stats().counts.in_flight;
    const before = waiting();
    options.out(`delivering ${before} waiting case(s) (at most ${Math.round(timeoutMs / 1000)} s) …`);
    while (waiting() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    const left = waiting();
    options.out(`delivered: ${before - left}; still waiting: ${left}`);
    if (left > 0) {
      const unreachable = Object.entries(service.worker.state().targets)
        .filter(([, ok]) => !ok)
        .map(([name]) => name);
      options.out(
        `the kiosk delivers the rest once it runs again${unreachable.length ? ` (unreachable now: ${unreachable.join(', ')})` : ''}`,
      );
    }
  } finally {
    await service.close();
  }
}

export async function runCaseRecovery(options: RecoveryCommandOptions): Promise<number> {
  const { config } = options;
  if (!config.ok) {
    options.err(`The configuration ${config.file ?? ''} is invalid; fix it first (check-config):`);
    for (const p of config.problems) options.err(formatProblem(p, config.file));
    return 1;
  }
  const dataDir = config.config.dataDir ? resolveFrom(config.baseDir, config.config.dataDir) : options.defaultDataDir;
  const cases = resolveCasesConfig(casesConfigSchema.parse(config.config.cases), dataDir);
  const paths = storagePathsOf(cases, dataDir, { keyStore: options.keyWrapper !== undefined });
  const logger = options.logger ?? createLogger({ level: 'warn', destination: process.stderr }).logger;
  let keyWrapper: KeyWrapper;
  let report;
  try {
    keyWrapper = options.keyWrapper ?? createKeyFileWrapper({ file: cases.keyFile, create: false });
    report = recoverCases({ config: cases, dataDir, keyWrapper, logger });
  } catch (err) {
    options.err(`The recovery could not run: ${describeStorageError(err, paths).reason}`);
    options.err('Nothing was deleted.');
    return 1;
  }
  for (const line of formatRecoveryReport(report)) options.out(line);
  if (report.reportFile) options.out(`report written to ${report.reportFile}`);
  if (options.deliver ?? true) {
    try {
      await deliverRecovered(options, {
        config: config.config.cases,
        dataDir,
        keyWrapper,
        logger,
        emit: () => {},
      });
    } catch (err) {
      options.err(
        `Delivery could not start (${describeStorageError(err, paths).reason}); the kiosk delivers the cases.`,
      );
    }
  }
  return report.unrecoverable.length > 0 ? 3 : 0;
}

/**
 * The recovery's own options in a command line (`--config` is read by resolveConfigPath, as for the
 * kiosk). Other arguments are left alone: Electron and Chromium add their own.
 */
export function parseRecoveryArgs(
  argv: readonly string[],
): { ok: true; deliver: boolean; deliverTimeoutMs: number; dataDir: string | null } | { ok: false } {
  let deliver = true;
  let deliverTimeoutMs = 60_000;
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (name: string): string | undefined =>
      a === name ? argv[++i] : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined;
    if (a === '--no-deliver') deliver = false;
    else if (a === '--deliver-timeout' || a.startsWith('--deliver-timeout=')) {
      const seconds = Number(value('--deliver-timeout'));
      if (!Number.isFinite(seconds) || seconds < 0) return { ok: false };
      deliverTimeoutMs = seconds * 1000;
    } else if (a === '--data-dir' || a.startsWith('--data-dir=')) {
      const dir = value('--data-dir');
      if (!dir) return { ok: false };
      dataDir = dir;
    } else if (a === '--config' || a.startsWith('--config=')) {
      if (!value('--config')) return { ok: false };
    }
  }
  return { ok: true, deliver, deliverTimeoutMs, dataDir };
}
