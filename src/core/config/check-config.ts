import path from 'node:path';
import { checkConfiguredStorage } from '../cases/storage-check';
import { checkFlows } from '../flows/loader';
import { checkHelp } from '../help/help-loader';
import { createLogger } from '../log/logger';
import type { KioskConfig } from './kiosk-config';
import { formatProblem, loadConfig } from './load-config';

export interface ConfigCheck {
  ok: boolean;
  lines: string[];
}

export interface CheckOptions {
  /** The shipped resources folder (its flows and help texts are checked together with the config's own). */
  resourcesDir?: string;
  /** More checks (certificates, delivery targets …); each returns problem lines. */
  extraChecks?: Array<(config: KioskConfig, baseDir: string) => string[]>;
}

/**
 * Checks a configuration file the way the kiosk would load it: the schema first, then everything
 * the file points at (flow folders and their flows, the help folder and its texts, …). Used by
 * `npm run check-config` and the packaged app's `--check-config`.
 */
export function checkConfigFile(file: string, options: CheckOptions = {}): ConfigCheck {
  const abs = path.resolve(file);
  const result = loadConfig(abs);
  if (!result.ok) {
    return {
      ok: false,
      lines: [`${abs}: ${result.problems.length} problem(s)`, ...result.problems.map((p) => formatProblem(p, abs))],
    };
  }
  const { config, baseDir } = result;
  const logger = createLogger({ level: 'silent' }).logger;
  const checks: Array<(c: KioskConfig, b: string) => string[]> = [
    (c, b) =>
      checkFlows({
        dirs: c.flows.dirs,
        baseDir: b,
        builtinDir: options.resourcesDir ? path.join(options.resourcesDir, 'flows') : null,
        enabled: c.flows.enabled,
        logger,
      }),
    (c, b) =>
      checkHelp({
        dir: c.help.dir,
        baseDir: b,
        builtinDir: options.resourcesDir ? path.join(options.resourcesDir, 'help') : null,
        logger,
      }),
    (c, b) => checkConfiguredStorage(c, b),
    ...(options.extraChecks ?? []),
  ];
  const problems = checks.flatMap((check) => check(config, baseDir));
  if (problems.length > 0)
    return { ok: false, lines: [`${abs}: ${problems.length} problem(s)`, ...problems.map((l) => `${abs}: ${l}`)] };
  return { ok: true, lines: [`${abs}: configuration is valid`] };
}
