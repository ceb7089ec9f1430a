/**
 * Fleet monitoring: every `intervalSeconds` the kiosk writes its state to
 * `<textfileDir>/kommunkiosk.prom` for node_exporter's textfile collector, which IT's Prometheus
 * scrapes with the machine's other metrics. The file is replaced atomically (written beside it
 * under a name the collector ignores, then renamed), so a scrape never sees half a file. Each
 * interval also runs the health checks, so the staff screen's health is at most one interval old.
 *
 * Nothing in the file is personal data: counts, ages, times, reachability, version and kiosk id.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { HealthReport } from '../../contract/namespaces/staff';
import type { QueueStats } from '../cases/queue';
import type { HealthChecks } from '../health/health-checks';
import type { Logger } from '../log/logger';
import { monitoringConfigSchema, type MonitoringConfigInput } from './config';
import { renderExposition, type MetricFamily } from './prometheus-text';
import { errorMessage } from '../../contract/errors';

export const METRICS_FILE = 'kommunkiosk.prom';

export interface MetricsSources {
  kioskId: string;
  version: string;
  /** Whether the configuration file was valid (an invalid one leaves the kiosk out of order). */
  configValid: boolean;
  /** The case queue; null when there is none (invalid configuration, queue failed to open). */
  cases?: { stats(): QueueStats | Promise<QueueStats> } | null;
  health?: HealthChecks | null;
  printing?: { status(): Promise<{ state: string }> } | null;
  /** Whether visitors see the out-of-order screen now. */
  outOfOrder?: () => boolean;
}

const CASE_STATUSES = ['stored', 'in_flight', 'delivered', 'dead_letter', 'discarded'] as const;
const SEVERITY_VALUE = { ok: 0, warn: 1, fail: 2 } as const;

function gauge(name: string, help: string, samples: MetricFamily['samples']): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

/** Gathers the metric families from the kiosk's parts; a part that fails is left out (and logged). */
export async function collectMetrics(sources: MetricsSources, logger: Logger): Promise<MetricFamily[]> {
  const families: MetricFamily[] = [
    gauge('kommunkiosk_info', 'Version and id of this kiosk (always 1).', [
      { labels: { version: sources.version, kiosk: sources.kioskId }, value: 1 },
    ]),
    gauge('kommunkiosk_config_valid', '1 when the configuration file is valid; 0 leaves the kiosk out of order.', [
      { value: sources.configValid ? 1 : 0 },
    ]),
  ];
  if (sources.outOfOrder) {
    families.push(
      gauge('kommunkiosk_out_of_order', '1 while visitors see the out-of-order screen.', [
        { value: sources.outOfOrder() ? 1 : 0 },
      ]),
    );
  }

  const [stats, health, printer] = await Promise.all([
    sources.cases
      ? Promise.resolve()
          .then(() => sources.cases?.stats() ?? null)
          .catch((err: unknown) => {
            logger.warn({ err }, 'queue statistics unavailable for the metrics file');
            return null;
          })
      : Promise.resolve(null),
    sources.health
      ? sources.health.run().catch((err: unknown): HealthReport | null => {
          logger.warn({ err }, 'health checks failed while collecting metrics');
          return null;
        })
      : Promise.resolve(null),
    sources.printing
      ? sources.printing.status().catch((err: unknown) => {
          logger.warn({ err }, 'printer status unavailable for the metrics file');
          return { state: 'unknown' };
        })
      : Promise.resolve(null),
  ]);

  if (stats) {
    families.push(
      gauge(
        'kommunkiosk_cases',
        'Cases held by the kiosk, by status (stored and in_flight are waiting for delivery).',
        CASE_STATUSES.map((status) => ({ labels: { status }, value: stats.counts[status] })),
      ),
      gauge(
        'kommunkiosk_oldest_waiting_case_age_seconds',
        'Age of the oldest case not yet delivered; 0 when none waits.',
        [{ value: stats.oldestWaiting?.ageSeconds ?? 0 }],
      ),
      gauge('kommunkiosk_dead_letters', 'Cases the receiver refused; staff must retry or discard them.', [
        { value: stats.deadLetters },
      ]),
      gauge(
        'kommunkiosk_last_delivery_timestamp_seconds',
        'Unix time of the last successful delivery; 0 when none yet.',
        [{ value: stats.lastDeliveryAt ? Math.floor(Date.parse(stats.lastDeliveryAt) / 1000) : 0 }],
      ),
    );
  }

  if (printer) {
    families.push(
      gauge('kommunkiosk_printer_ready', '1 when the printer reports ready.', [
        { value: printer.state === 'ready' ? 1 : 0 },
      ]),
    );
  }

  if (health) {
    const check = (id: string) => health.checks.find((c) => c.id === id);
    const bankid = check('bankid');
    const register = check('register');
    if (bankid)
      families.push(
        gauge('kommunkiosk_bankid_reachable', '1 when BankID answered the last health check.', [
          { value: bankid.ok ? 1 : 0 },
        ]),
      );
    if (register)
      families.push(
        gauge('kommunkiosk_register_reachable', '1 when the person register answered the last health check.', [
          { value: register.ok ? 1 : 0 },
        ]),
      );
    const targets = health.checks.filter((c) => c.id.startsWith('delivery:'));
    if (targets.length > 0) {
      families.push(
        gauge(
          'kommunkiosk_delivery_target_reachable',
          '1 when the delivery target answered the last health check.',
          targets.map((c) => ({ labels: { target: c.id.slice('delivery:'.length) }, value: c.ok ? 1 : 0 })),
        ),
      );
    }
    families.push(
      gauge(
        'kommunkiosk_health_check_status',
        'State of each health check: 0 ok, 1 warn, 2 fail (the reason is on the staff screen and in kiosk.log).',
        health.checks.map((c) => ({ labels: { check: c.id }, value: SEVERITY_VALUE[c.severity] })),
      ),
    );
  }
  return families;
}

export interface MetricsFileOptions {
  config: MonitoringConfigInput;
  /** A relative `textfileDir` is taken from here (the config file's folder); default: the working directory. */
  baseDir?: string;
  sources: MetricsSources;
  logger: Logger;
}

export interface MetricsFile {
  /** The file written, or null when monitoring is off. */
  readonly file: string | null;
  /** Writes now and then every interval. */
  start(): void;
  /** Stops the interval and waits for a write in progress. */
  stop(): Promise<void>;
  /** Collects and writes once; false when the file could not be written. */
  writeNow(): Promise<boolean>;
}

/** Replaces `file` with `text` atomically: a temporary file the collector ignores, then rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, text, { mode: 0o644 });
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export function createMetricsFile(options: MetricsFileOptions): MetricsFile {
  const config = monitoringConfigSchema.parse(options.config);
  const logger = options.logger.child({ component: 'monitoring' });
  const file = config.textfileDir
    ? path.resolve(options.baseDir ?? process.cwd(), config.textfileDir, METRICS_FILE)
    : null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let current: Promise<boolean> | null = null;
  let lastError: string | null = null;

  async function write(): Promise<boolean> {
    if (!file) return false;
    try {
      const text = renderExposition(await collectMetrics(options.sources, logger));
      await writeFileAtomic(file, text);
      if (lastError !== null) logger.info({ file }, 'metrics file written again');
      lastError = null;
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? errorMessage(err);
      // once per distinct problem, not every interval
      if (code !== lastError)
        logger.error(
          { err, file },
          'metrics file could not be written (is monitoring.textfileDir a folder the kiosk can write?)',
        );
      lastError = code;
      return false;
    }
  }

  const writeNow = (): Promise<boolean> => {
    current ??= write().finally(() => {
      current = null;
    });
    return current;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void writeNow().finally(schedule);
    }, config.intervalSeconds * 1000);
    timer.unref();
  };

  return {
    file,
    start() {
      if (!file) {
        logger.info('fleet monitoring is off (monitoring.textfileDir is not set)');
        return;
      }
      if (!stopped) return;
      stopped = false;
      logger.info({ file, intervalSeconds: config.intervalSeconds }, 'writing fleet metrics');
      void writeNow().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
    writeNow,
  };
}
