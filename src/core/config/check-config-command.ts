/**
 * The check-config command, shared by `npm run check-config -- FILE [options]` and the packaged app's
 * `kommunkiosk --check-config FILE [options]`:
 *
 *   --as-user USER   check with USER's rights (run as root): the files and folders as the kiosk meets them
 *   --online         also reach BankID, the register and the delivery targets (TLS and one harmless call)
 *
 * Exit codes: 0 valid (warnings may be printed), 1 problems, 2 usage or the check could not run.
 */
import path from 'node:path';
import { checkConfigFile, reportLines, type CheckOptions } from './check-config';
import { formatProblem, locateProblems } from './load-config';
import { becomeUser } from './run-as-user';
import { readFileSync } from 'node:fs';
import { errorMessage } from '../../contract/errors';

export const CHECK_CONFIG_USAGE = 'usage: check-config FILE [--as-user USER] [--online]';

export interface CheckConfigArgs {
  file: string;
  asUser: string | null;
  online: boolean;
}

/** The command's arguments (after the command itself), or a usage message. */
export function parseCheckConfigArgs(args: readonly string[]): CheckConfigArgs | { error: string } {
  let file: string | null = null;
  let asUser: string | null = null;
  let online = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--online') online = true;
    else if (a === '--as-user') {
      const user = args[i + 1];
      if (user === undefined || user.startsWith('-'))
        return { error: `--as-user needs a user name\n${CHECK_CONFIG_USAGE}` };
      asUser = user;
      i += 1;
    } else if (a.startsWith('--as-user=')) asUser = a.slice('--as-user='.length);
    else if (a.startsWith('-')) return { error: `unknown option ${a}\n${CHECK_CONFIG_USAGE}` };
    else if (file === null) file = a;
    else return { error: `one file at a time (${file}, ${a})\n${CHECK_CONFIG_USAGE}` };
  }
  if (file === null || file === '') return { error: CHECK_CONFIG_USAGE };
  if (asUser === '') return { error: `--as-user needs a user name\n${CHECK_CONFIG_USAGE}` };
  return { file, asUser, online };
}

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the command; resolves with the exit code. */
export async function runCheckConfigCommand(
  args: readonly string[],
  options: Pick<CheckOptions, 'resourcesDir' | 'extraChecks'> & { output: CommandOutput },
): Promise<number> {
  const { out, err } = options.output;
  const parsed = parseCheckConfigArgs(args);
  if ('error' in parsed) {
    err(parsed.error);
    return 2;
  }
  const abs = path.resolve(parsed.file);
  const notes: string[] = [];
  if (parsed.asUser !== null) {
    try {
      const account = becomeUser(parsed.asUser);
      notes.push(`${abs}: checked as user ${account.name} (uid ${account.uid}, groups ${account.groups.join(',')})`);
    } catch (e) {
      err(`check-config: ${errorMessage(e)}`);
      return 2;
    }
  } else if (process.getuid?.() === 0) {
    notes.push(
      `${abs}: note: checked as root, who can read and write everything; add --as-user kiosk to see the files as the kiosk user will`,
    );
  }

  const check = checkConfigFile(abs, {
    ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
    ...(options.extraChecks ? { extraChecks: options.extraChecks } : {}),
  });
  const problems = [...check.problems];
  const warnings = [...check.warnings];
  const reached: string[] = [];
  if (parsed.online && check.parsed) {
    const { config, baseDir, dataDir } = check.parsed;
    // loaded for --online only: it brings the network stack (http, https, tls, nodemailer, SANE), which a
    // plain check does not need and a startup snapshot cannot hold (check-config-snapshot.ts)
    const { checkOnline } = await import('./online-checks');
    const online = await checkOnline(config, baseDir, dataDir);
    let text = '';
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      /* no line numbers then */
    }
    const located = text ? locateProblems(text, online.problems) : online.problems;
    problems.push(...located.map((p) => formatProblem(p, abs)));
    reached.push(...online.reached.map((l) => `${abs}: online: ${l}`));
  } else if (parsed.online) {
    notes.push(`${abs}: note: --online skipped: the file must pass the schema first`);
  }
  const lines = [...reportLines(abs, check.parsed?.config.mode ?? null, problems, warnings), ...reached, ...notes];
  const ok = problems.length === 0;
  for (const line of lines) (ok ? out : err)(line);
  return ok ? 0 : 1;
}

/** Lines to this process's stdout and stderr. */
const processOutput: CommandOutput = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/**
 * The command as a process runs it (check-config-cli.ts, and check-config-snapshot.ts from a startup
 * snapshot): sets the exit code; a check that fails unexpectedly is one line on stderr and exit code 2.
 */
export function checkConfigCommandMain(args: readonly string[], resourcesDir: string): Promise<void> {
  return runCheckConfigCommand(args, { resourcesDir, output: processOutput }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`check-config: the check could not run: ${errorMessage(e)}\n`);
      process.exitCode = 2;
    },
  );
}
