/**
 * Health checks for staff and IT: is the network up, do BankID, the register and each delivery
 * target answer, is there disk space for the queue, is the data key protected, does CUPS keep what
 * it printed. Each check gives `{ id, ok, severity, key, reason }`: `ok` says whether the thing works,
 * `severity` how much attention it needs ('warn': works or is coped with — cases wait in the queue —
 * but needs IT; 'fail': visitors are affected), `key` picks the staff screen's text, `reason` is an
 * English line for IT. A change of a check's state is logged, so IT sees it in kiosk.log too.
 */
import { constants as fsConstants, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HealthCheckResult, HealthReport } from '../../contract/namespaces/staff';
import type { DeliveryTargetConfig, ResolvedTarget } from '../cases/config';
import { keyFileAccessProblem } from '../cases/key-file-wrapper';
import type { Logger } from '../log/logger';
import { healthConfigSchema, type HealthConfig, type HealthConfigInput } from './config';
import { keepsData, parseCupsRetention } from './cupsd-conf';
import { probeSmtp, probeUrl, type ProbeEndpoint, type ProbeOutcome } from './endpoint-probe';
import { errorMessage } from '../../contract/errors';

export type { HealthCheckResult, HealthReport };

/** How the data key of the case queue is protected. */
export type DataKeyProtection =
  { kind: 'key-file'; file: string } | { kind: 'key-store'; name: string; protects: boolean };

export type ServiceEndpoint = ProbeEndpoint & {
  /** The embedded simulator: reachable is fine for a demo, never for a reception. */
  simulator?: boolean;
};

export interface DiskSpace {
  bavail: number;
  blocks: number;
  bsize: number;
}

export interface HealthCheckOptions {
  /** The kiosk's data folder (its disk is checked). */
  dataDir: string;
  /** null: not checked (e.g. the simulator's address is not known). */
  bankid: ServiceEndpoint | null;
  register: ServiceEndpoint | null;
  /** The resolved delivery targets of the case queue, by name. */
  deliveryTargets: Record<string, ResolvedTarget>;
  /** null: no case queue on this kiosk. */
  dataKey: DataKeyProtection | null;
  /** cupsd.conf to check; null when printing does not go through CUPS. */
  cupsdConf: string | null;
  config?: HealthConfigInput;
  logger: Logger;
  now?: () => number;
  /** Tests replace the machine's view of itself. */
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  statfs?: (dir: string) => Promise<DiskSpace>;
  platform?: NodeJS.Platform;
  /** Reads a CA/passphrase file of a delivery target (tests may count reads). */
  readFile?: (file: string) => Promise<Buffer>;
  /** Checks of the kiosk's own state (storage, log, process; see fault-checks.ts), run with the others. */
  extraChecks?: () => HealthCheckResult[] | Promise<HealthCheckResult[]>;
}

export interface HealthChecks {
  /** Runs every check now (a run already under way is shared, not repeated). */
  run(): Promise<HealthReport>;
  /** The last completed run, or null before the first. */
  last(): HealthReport | null;
}

const MB = 1024 * 1024;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

function result(
  id: string,
  severity: HealthCheckResult['severity'],
  key: string,
  reason: string,
  ok = severity === 'ok',
): HealthCheckResult {
  return { id, ok, severity, key, reason };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  return `${Math.round(bytes / MB)} MB`;
}

/** The host name of a URL; null when there is none or it is no URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** The host a delivery target sends to; null for a folder. */
export function deliveryTargetHost(target: DeliveryTargetConfig | ResolvedTarget): string | null {
  return target.type === 'https' ? hostOf(target.url) : target.type === 'smtp' ? target.host : null;
}

export function createHealthChecks(options: HealthCheckOptions): HealthChecks {
  const config: HealthConfig = healthConfigSchema.parse(options.config ?? {});
  const logger = options.logger.child({ component: 'health' });
  const now = options.now ?? Date.now;
  const timeoutMs = config.timeoutSeconds * 1000;
  const platform = options.platform ?? process.platform;
  const interfaces = options.networkInterfaces ?? os.networkInterfaces;
  const statfs = options.statfs ?? ((dir: string) => fsp.statfs(dir));
  const readFile = options.readFile ?? ((file: string) => fsp.readFile(file));

  let lastReport: HealthReport | null = null;
  let running: Promise<HealthReport> | null = null;
  const previous = new Map<string, string>();

  function networkCheck(): HealthCheckResult {
    const found: string[] = [];
    for (const [name, addresses] of Object.entries(interfaces())) {
      for (const a of addresses ?? []) {
        if (a.internal) continue;
        if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
        if (a.family === 'IPv4' && a.address.startsWith('169.254.')) continue;
        found.push(`${name} ${a.address}`);
      }
    }
    if (found.length === 0)
      return result('network', 'fail', 'no_network', 'no network interface has an address (cable, Wi-Fi or DHCP)');
    return result('network', 'ok', 'ok', `connected (${found.slice(0, 3).join(', ')})`);
  }

  async function serviceCheck(id: 'bankid' | 'register', endpoint: ServiceEndpoint): Promise<HealthCheckResult> {
    const label = id === 'bankid' ? 'BankID' : 'the person register';
    const outcome = await probeUrl(endpoint, timeoutMs);
    if (!outcome.ok) return result(id, 'fail', outcome.key, `${label} is not reachable: ${outcome.reason}`);
    if (endpoint.simulator)
      return result(
        id,
        'warn',
        'simulator',
        `${label} is the embedded simulator (reachable, ${outcome.detail}); configure mode: external for a reception`,
        true,
      );
    return result(id, 'ok', 'ok', `${label} answers at ${hostOf(endpoint.url) ?? endpoint.url} (${outcome.detail})`);
  }

  async function readOptional(file: string | undefined, what: string): Promise<Buffer | undefined> {
    if (!file) return undefined;
    try {
      return await readFile(file);
    } catch (err) {
      throw new Error(`the ${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
        cause: err,
      });
    }
  }

  async function deliveryCheck(name: string, target: ResolvedTarget): Promise<HealthCheckResult> {
    const id = `delivery:${name}`;
    const label = `delivery target "${name}"`;
    const fromOutcome = (outcome: ProbeOutcome, where: string): HealthCheckResult =>
      outcome.ok
        ? result(id, 'ok', 'ok', `${label} answers at ${where} (${outcome.detail})`)
        : result(id, 'warn', outcome.key, `${label} is not reachable: ${outcome.reason}; cases wait in the queue`);
    try {
      if (target.type === 'directory') {
        let stat;
        try {
          stat = await fsp.stat(target.dir);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' && target.createDir)
            return result(id, 'ok', 'ok', `${label}: ${target.dir} will be created at the first delivery`);
          return result(
            id,
            'warn',
            'folder_missing',
            `${label}: ${target.dir} does not exist (${code ?? 'error'}); is the share mounted? Cases wait in the queue`,
          );
        }
        if (!stat.isDirectory()) return result(id, 'warn', 'not_a_folder', `${label}: ${target.dir} is not a folder`);
        try {
          await fsp.access(target.dir, fsConstants.W_OK);
        } catch {
          return result(
            id,
            'warn',
            'folder_read_only',
            `${label}: the kiosk cannot write to ${target.dir}; cases wait in the queue`,
          );
        }
        return result(id, 'ok', 'ok', `${label}: ${target.dir} is writable`);
      }
      if (target.type === 'https') {
        const [ca, pfx, pass] = await Promise.all([
          readOptional(target.caFile, 'CA file'),
          readOptional(target.clientPfxFile, 'client certificate'),
          readOptional(target.passphraseFile, 'passphrase file'),
        ]);
        const endpoint: ProbeEndpoint = {
          url: target.url,
          tls: () => ({
            ...(ca ? { ca } : {}),
            ...(pfx ? { pfx } : {}),
            ...(pass ? { passphrase: pass.toString('utf8').replace(/\r?\n$/, '') } : {}),
          }),
        };
        return fromOutcome(await probeUrl(endpoint, timeoutMs), hostOf(target.url) ?? target.url);
      }
      const ca = await readOptional(target.caFile, 'CA file');
      return fromOutcome(
        await probeSmtp(
          { host: target.host, port: target.port, secure: target.secure, ...(ca ? { ca } : {}) },
          timeoutMs,
        ),
        `${target.host}:${target.port}`,
      );
    } catch (err) {
      return result(id, 'warn', 'config', `${label}: ${errorMessage(err)}`);
    }
  }

  async function diskCheck(): Promise<HealthCheckResult> {
    // the data folder may not exist yet: measure the disk it will be on
    let dir = path.resolve(options.dataDir);
    for (let i = 0; i < 64; i++) {
      try {
        const s = await statfs(dir);
        const free = s.bavail * s.bsize;
        const total = s.blocks * s.bsize;
        const percent = total > 0 ? (free / total) * 100 : 0;
        const text = `${formatBytes(free)} free of ${formatBytes(total)} (${percent.toFixed(1)} %) on the disk of ${options.dataDir}`;
        if (free < config.disk.failMb * MB)
          return result('disk', 'fail', 'disk_full', `${text}; new cases may not fit — free space now`);
        if (percent < config.disk.warnPercent || free < config.disk.warnMb * MB)
          return result('disk', 'warn', 'disk_low', `${text}; the disk is nearly full`);
        return result('disk', 'ok', 'ok', text);
      } catch (err) {
        const parent = path.dirname(dir);
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) {
          return result(
            'disk',
            'warn',
            'disk_unknown',
            `free space of ${options.dataDir} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
          );
        }
        dir = parent;
      }
    }
    return result('disk', 'warn', 'disk_unknown', `free space of ${options.dataDir} cannot be read`);
  }

  async function dataKeyCheck(key: DataKeyProtection): Promise<HealthCheckResult> {
    if (key.kind === 'key-store') {
      if (!key.protects)
        return result(
          'data_key',
          'fail',
          'key_unprotected',
          `the key store "${key.name}" protects nothing; the case queue's key would be readable by anyone with the disk`,
        );
      return result(
        'data_key',
        'ok',
        'ok',
        `the data key is wrapped by the operating system's key store (${key.name})`,
      );
    }
    let stat;
    try {
      stat = await fsp.stat(key.file);
    } catch (err) {
      return result(
        'data_key',
        'fail',
        'key_missing',
        `the key file ${key.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); the case queue cannot be opened without it`,
      );
    }
    if (!stat.isFile())
      return result('data_key', 'fail', 'key_missing', `the key file ${key.file} is not a regular file`);
    if (platform !== 'win32') {
      const problem = keyFileAccessProblem(stat);
      if (problem)
        return result(
          'data_key',
          'fail',
          'key_unprotected',
          `the key file ${key.file} ${problem}. Fix: chmod 600 ${key.file}`,
        );
    }
    const rel = path.relative(path.resolve(options.dataDir), path.resolve(key.file));
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      return result(
        'data_key',
        'warn',
        'key_in_data_folder',
        `the key file ${key.file} lies in the data folder: a copy of the folder holds both the queue and its key. Keep it elsewhere (cases.keyFile, see docs/deploy.md)`,
      );
    }
    return result(
      'data_key',
      'ok',
      'ok',
      platform === 'win32'
        ? `the key file ${key.file} exists (its ACL is not checked on Windows)`
        : `the key file ${key.file} is readable by the kiosk only`,
    );
  }

  async function cupsCheck(file: string): Promise<HealthCheckResult> {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (err) {
      return result(
        'cups',
        'warn',
        'cups_conf_unreadable',
        `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); whether CUPS keeps printed documents is unknown`,
      );
    }
    const r = parseCupsRetention(text);
    const kept: string[] = [];
    if (keepsData(r.preserveJobFiles))
      kept.push(`PreserveJobFiles ${r.preserveJobFiles ?? '(not set: CUPS keeps documents for a day)'}`);
    if (keepsData(r.preserveJobHistory))
      kept.push(`PreserveJobHistory ${r.preserveJobHistory ?? '(not set: CUPS keeps the job history)'}`);
    if (kept.length > 0) {
      return result(
        'cups',
        'warn',
        'cups_keeps_jobs',
        `CUPS keeps printed blanketter, which may hold personal data: ${kept.join(', ')} in ${file}. Set PreserveJobFiles No and PreserveJobHistory No (build/linux/cupsd-kiosk.conf) and restart cups`,
      );
    }
    return result('cups', 'ok', 'ok', `CUPS keeps neither printed documents nor job history (${file})`);
  }

  function networkVerdict(
    network: HealthCheckResult,
    probes: HealthCheckResult[],
    externalIds: Set<string>,
  ): HealthCheckResult {
    if (network.severity !== 'ok') return network;
    const external = probes.filter((p) => externalIds.has(p.id));
    const networkKeys = new Set(['timeout', 'dns', 'refused', 'unreachable', 'reset']);
    if (external.length > 0 && external.every((p) => !p.ok && networkKeys.has(p.key))) {
      return result(
        'network',
        'warn',
        'services_unreachable',
        `${network.reason.replace(/^connected/, 'an interface is up')}, but none of the services answer (DNS, gateway or firewall?)`,
      );
    }
    return network;
  }

  function logChanges(report: HealthReport): void {
    for (const c of report.checks) {
      const state = `${c.severity}:${c.key}`;
      const before = previous.get(c.id);
      if (before === state) continue;
      previous.set(c.id, state);
      if (c.severity === 'ok') {
        if (before !== undefined) logger.info({ check: c.id, reason: c.reason }, 'health check passes again');
      } else {
        logger.warn(
          { check: c.id, severity: c.severity, key: c.key, reason: c.reason },
          'health check needs attention',
        );
      }
    }
  }

  async function runAll(): Promise<HealthReport> {
    const externalIds = new Set<string>();
    const probes: Array<Promise<HealthCheckResult>> = [];
    for (const [id, endpoint] of [
      ['bankid', options.bankid],
      ['register', options.register],
    ] as const) {
      if (!endpoint) continue;
      const host = hostOf(endpoint.url);
      if (host && !LOOPBACK.test(host)) externalIds.add(id);
      probes.push(serviceCheck(id, endpoint));
    }
    for (const [name, target] of Object.entries(options.deliveryTargets)) {
      const host = deliveryTargetHost(target);
      if (host && !LOOPBACK.test(host)) externalIds.add(`delivery:${name}`);
      probes.push(deliveryCheck(name, target));
    }
    const extra = async (): Promise<HealthCheckResult[]> => {
      try {
        return (await options.extraChecks?.()) ?? [];
      } catch (err) {
        return [result('kiosk', 'warn', 'error', `the kiosk's own checks failed: ${(err as Error).message}`)];
      }
    };
    const [probeResults, disk, dataKey, cups, own] = await Promise.all([
      Promise.all(probes),
      diskCheck(),
      options.dataKey ? dataKeyCheck(options.dataKey) : Promise.resolve(null),
      options.cupsdConf ? cupsCheck(options.cupsdConf) : Promise.resolve(null),
      extra(),
    ]);
    const checks = [networkVerdict(networkCheck(), probeResults, externalIds), ...probeResults, disk];
    if (dataKey) checks.push(dataKey);
    if (cups) checks.push(cups);
    checks.push(...own);
    const report: HealthReport = { checkedAt: new Date(now()).toISOString(), checks };
    logChanges(report);
    lastReport = report;
    return report;
  }

  return {
    run() {
      running ??= runAll().finally(() => {
        running = null;
      });
      return running;
    },
    last: () => lastReport,
  };
}
