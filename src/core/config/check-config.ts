import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkConfiguredStorage } from '../cases/storage-check';
import { checkFlows } from '../flows/loader';
import { checkHelp } from '../help/help-loader';
import { createLogger } from '../log/logger';
import type { KioskConfig } from './kiosk-config';
import { defaultDataDir, formatProblem, loadConfig, locateProblems, type ConfigProblem } from './load-config';
import { checkConfigFileAccess, checkReferencedPaths } from './path-checks';
import { configDataDir, referencedPaths } from './referenced-paths';

export interface ConfigCheck {
  ok: boolean;
  /** What to print: a first line with the verdict, then the problems, then the warnings. */
  lines: string[];
  /** The problem lines and the warning lines (for a caller that adds its own, see `reportLines`). */
  problems: string[];
  warnings: string[];
  /** The configuration when its schema passed (the online checks need it). */
  parsed?: { config: KioskConfig; baseDir: string; dataDir: string };
}

export interface CheckOptions {
  /** The shipped resources folder (its flows and help texts are checked together with the config's own). */
  resourcesDir?: string;
  /** The data folder when the config names none; default: the running user's (see defaultDataDir). */
  defaultDataDir?: string;
  /**
   * The kiosk user's groups for the rule on secret files (0640 only as root:kiosk). Default: this
   * process's groups, or 'unknown' when it runs as root (then any group of a root-owned file passes).
   */
  groups?: readonly number[] | 'unknown';
  /** For the certificate dates (tests). */
  now?: number;
  /**
   * More checks with their problems. The storage checks of the data folder (read-only or full disk,
   * the key file's content, a corrupt database: the storage capability, issue 13) are passed in here
   * by the check-config command; each returns lines without the file name.
   */
  extraChecks?: Array<(config: KioskConfig, baseDir: string) => string[]>;
}

function processGroups(): readonly number[] | 'unknown' {
  if (process.getuid?.() === 0) return 'unknown';
  const groups = process.getgroups?.() ?? [];
  return process.getgid ? [process.getgid(), ...groups] : groups;
}

const MODE_NOTE = {
  production: 'mode: production',
  demo: 'mode: demo — simulated parts allowed, never for real visitors',
} as const;

/** The lines of a check: "N problem(s)" and the problems, or "configuration is valid"; then the warnings. */
export function reportLines(
  file: string,
  mode: KioskConfig['mode'] | null,
  problems: string[],
  warnings: string[],
): string[] {
  if (problems.length > 0 || mode === null) return [`${file}: ${problems.length} problem(s)`, ...problems, ...warnings];
  return [`${file}: configuration is valid (${MODE_NOTE[mode]})`, ...warnings];
}

/**
 * Checks a configuration file the way the kiosk would meet it at start, as the user running the check:
 * the schema; the policy of its mode (production: no simulator, test environment or example value);
 * the configuration file's own mode and owner; every file and folder it points at (existence, access,
 * modes and owners of secrets, certificates and CA files, writable folders); flow folders and their
 * flows; the help folder and its texts; and the extra checks passed in. Used by `npm run check-config`
 * and the packaged app's `--check-config` (check-config-command.ts, which adds --online and --as-user).
 */
/** Config keys whose file problems make the storage check repeat them. */
const STORAGE_KEYS = new Set(['dataDir', 'cases.keyFile', 'log.dir']);

export function checkConfigFile(file: string, options: CheckOptions = {}): ConfigCheck {
  const abs = path.resolve(file);
  const defaultData = options.defaultDataDir ?? defaultDataDir();
  const result = loadConfig(abs, { defaultDataDir: defaultData });
  if (!result.ok && !result.parsed) {
    const problems = result.problems.map((p) => formatProblem(p, abs));
    return { ok: false, lines: reportLines(abs, null, problems, []), problems, warnings: [] };
  }
  const { config, baseDir } = result.ok ? result : (result.parsed as NonNullable<typeof result.parsed>);
  const dataDir = configDataDir(config, baseDir, defaultData);
  const logger = createLogger({ level: 'silent' }).logger;
  const pathOptions = {
    groups: options.groups ?? processGroups(),
    ...(options.now !== undefined ? { now: options.now } : {}),
  };

  const found: ConfigProblem[] = [
    ...(result.ok ? [] : result.problems),
    ...checkConfigFileAccess(abs, config.staff.members.length > 0, pathOptions),
  ];
  const fileProblems = checkReferencedPaths(referencedPaths(config, baseDir, dataDir), pathOptions);
  if (fileProblems.length > 0) {
    let text = '';
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      /* it was read a moment ago; without it the lines have no line numbers */
    }
    found.push(...(text ? locateProblems(text, fileProblems) : fileProblems));
  }
  // the storage checks of the data folder (read-only or full disk, the key's content, a corrupt
  // database) are the case storage's own (src/core/cases/storage-check.ts); the kiosk's health adds
  // its own through extraChecks
  const lineChecks: Array<(c: KioskConfig, b: string) => string[]> = [
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
    // a data folder, key file or log folder the kiosk cannot use is named once, above; the storage
    // check (which would name what follows from it again) runs once those are fixed
    ...(fileProblems.some((p) => STORAGE_KEYS.has(p.key))
      ? []
      : [(c: KioskConfig, b: string) => checkConfiguredStorage(c, b)]),
    ...(options.extraChecks ?? []),
  ];
  const otherProblems = lineChecks.flatMap((check) => check(config, baseDir)).map((l) => `${abs}: ${l}`);

  const problems = [
    ...found.filter((p) => p.severity !== 'warning').map((p) => formatProblem(p, abs)),
    ...otherProblems,
  ];
  const warnings = found.filter((p) => p.severity === 'warning').map((p) => formatProblem(p, abs));
  return {
    ok: problems.length === 0,
    lines: reportLines(abs, config.mode, problems, warnings),
    problems,
    warnings,
    parsed: { config, baseDir, dataDir },
  };
}
