/**
 * The packaged app's own command line. `--config FILE` is read by core's resolveConfigPath;
 * `--check-config FILE [--as-user USER] [--online]` checks a file and exits without opening a window
 * (the options are core's check-config command's, see src/core/config/check-config-command.ts);
 * `--recover-cases` recovers the case queue after its database failed its checks (docs/deploy.md,
 * "Recovering cases").
 */
import { parseRecoveryArgs, recoveryUsage } from '../core/cases/recovery-command';

export type ShellCommand =
  | { kind: 'run' }
  | { kind: 'check-config'; args: string[] }
  | { kind: 'recover-cases'; deliver: boolean; deliverTimeoutMs: number; dataDir: string | null }
  | { kind: 'usage-error'; message: string };

const USAGE = 'usage: kommunkiosk --check-config FILE [--as-user USER] [--online]';
/** The check's own options; anything else on the command line is Electron's or Chromium's. */
const CHECK_OPTIONS = new Set(['--online', '--as-user']);

export function parseShellCommand(argv: readonly string[]): ShellCommand {
  if (argv.includes('--recover-cases')) {
    const args = parseRecoveryArgs(argv);
    if (!args.ok) return { kind: 'usage-error', message: recoveryUsage('kommunkiosk --recover-cases') };
    return {
      kind: 'recover-cases',
      deliver: args.deliver,
      deliverTimeoutMs: args.deliverTimeoutMs,
      dataDir: args.dataDir,
    };
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let file: string | undefined;
    if (a === '--check-config') {
      file = argv[i + 1];
      if (file === undefined || file.startsWith('--')) return { kind: 'usage-error', message: USAGE };
    } else if (a?.startsWith('--check-config=')) {
      file = a.slice('--check-config='.length);
      if (file === '') return { kind: 'usage-error', message: USAGE };
    } else continue;
    const options: string[] = [];
    for (let j = 0; j < argv.length; j++) {
      const o = argv[j] as string;
      if (CHECK_OPTIONS.has(o)) {
        options.push(o);
        if (o === '--as-user' && argv[j + 1] !== undefined) options.push(argv[++j] as string);
      } else if (o.startsWith('--as-user=')) options.push(o);
    }
    return { kind: 'check-config', args: [file, ...options] };
  }
  return { kind: 'run' };
}
