import path from 'node:path';
import type { KioskConfig } from './kiosk-config';
import { formatProblem, loadConfig } from './load-config';

export interface ConfigCheck {
  ok: boolean;
  lines: string[];
}

/**
 * Checks a configuration file the way the kiosk would load it. Later capabilities (flows, delivery
 * targets, certificates) add their own checks through `extraChecks`.
 */
export function checkConfigFile(
  file: string,
  extraChecks: Array<(config: KioskConfig, baseDir: string) => string[]> = [],
): ConfigCheck {
  const abs = path.resolve(file);
  const result = loadConfig(abs);
  if (!result.ok) {
    return { ok: false, lines: [`${abs}: ${result.problems.length} problem(s)`, ...result.problems.map((p) => formatProblem(p, abs))] };
  }
  const extra = extraChecks.flatMap((check) => check(result.config, result.baseDir));
  if (extra.length > 0) return { ok: false, lines: [`${abs}: ${extra.length} problem(s)`, ...extra.map((l) => `${abs}: ${l}`)] };
  return { ok: true, lines: [`${abs}: configuration is valid`] };
}
