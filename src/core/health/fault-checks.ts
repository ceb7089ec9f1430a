/**
 * The health checks of the kiosk's own faults (docs/architecture.md, "Fault policy"): the case storage
 * (its current problems, what the storage check finds now, and what happened that staff should know),
 * whether kiosk.log can be written, and unexpected errors the process survived. Staff see them in the
 * panel's "Hälsokontroller"; the metrics file and kiosk.log carry them for IT.
 */
import type { HealthCheckResult } from '../../contract/namespaces/staff';
import { checkCaseStorage, type StoragePaths, type StorageProblem } from '../cases/storage-check';
import type { StorageNotice } from '../cases/storage-guard';
import type { LogHealth } from '../log/logger';
import type { ProcessFaultRecord } from '../log/process-faults';

export interface FaultCheckSources {
  /** The case storage: null when the kiosk has no case queue (invalid configuration). */
  storage: {
    paths: StoragePaths;
    problems(): StorageProblem[];
    notices(): StorageNotice[];
    /** Waiting cases the journal holds (for the line that all is well). */
    journalled(): number;
  } | null;
  log: (() => LogHealth) | null;
  process: (() => { count: number; last: ProcessFaultRecord | null }) | null;
}

function storageCheck(storage: NonNullable<FaultCheckSources['storage']>): HealthCheckResult {
  const seen = new Set<string>();
  const problems: StorageProblem[] = [];
  for (const p of [...storage.problems(), ...safeCheck(storage.paths)]) {
    if (seen.has(p.reason)) continue;
    seen.add(p.reason);
    problems.push(p);
  }
  const fail = problems.filter((p) => p.severity === 'fail');
  const warn = problems.filter((p) => p.severity === 'warn');
  const notices = storage.notices();
  if (fail.length > 0) {
    return {
      id: 'storage',
      ok: false,
      severity: 'fail',
      key: fail[0]!.key,
      reason: [...fail, ...warn].map((p) => p.reason).join(' '),
    };
  }
  if (warn.length > 0 || notices.length > 0) {
    return {
      id: 'storage',
      ok: true,
      severity: 'warn',
      key: warn[0]?.key ?? notices[notices.length - 1]!.key,
      reason: [...warn.map((p) => p.reason), ...notices.map((n) => `${n.at}: ${n.reason}`)].join(' '),
    };
  }
  return {
    id: 'storage',
    ok: true,
    severity: 'ok',
    key: 'ok',
    reason: `the case database, the case journal (${storage.journalled()} waiting case(s)) and the key can be used; ${storage.paths.dataDir} is writable`,
  };
}

function safeCheck(paths: StoragePaths): StorageProblem[] {
  try {
    return checkCaseStorage(paths);
  } catch (err) {
    return [{ key: 'storage_error', severity: 'fail', reason: `the storage check failed: ${(err as Error).message}` }];
  }
}

export function faultHealthChecks(sources: FaultCheckSources): () => HealthCheckResult[] {
  return () => {
    const checks: HealthCheckResult[] = [];
    if (sources.storage) checks.push(storageCheck(sources.storage));
    if (sources.log) {
      const log = sources.log();
      checks.push(
        log.ok
          ? { id: 'log', ok: true, severity: 'ok', key: 'ok', reason: `kiosk.log is written (${log.file ?? 'stream'})` }
          : {
              id: 'log',
              ok: true,
              severity: 'warn',
              key: 'log_unwritable',
              reason: `${log.reason ?? 'kiosk.log cannot be written'}; log lines go to stderr (the system journal) meanwhile`,
            },
      );
    }
    if (sources.process) {
      const { count, last } = sources.process();
      checks.push(
        count === 0 || !last
          ? {
              id: 'process',
              ok: true,
              severity: 'ok',
              key: 'ok',
              reason: 'no unexpected errors since the kiosk started',
            }
          : {
              id: 'process',
              ok: true,
              severity: 'warn',
              key: 'unexpected_errors',
              reason: `${count} unexpected error(s) since the kiosk started, the kiosk kept running; the last at ${last.at} (${last.kind}: ${last.message}). See kiosk.log.`,
            },
      );
    }
    return checks;
  };
}
