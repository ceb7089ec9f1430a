/**
 * The packaged app's own command line. `--config FILE` is read by core's resolveConfigPath;
 * `--check-config FILE` checks a file and exits without opening a window; `--recover-cases` recovers
 * the case queue after its database failed its checks (docs/deploy.md, "Recovering cases").
 */
import { parseRecoveryArgs, recoveryUsage } from '../core/cases/recovery-command';

export type ShellCommand =
  | { kind: 'run' }
  | { kind: 'check-config'; file: string }
  | { kind: 'recover-cases'; deliver: boolean; deliverTimeoutMs: number; dataDir: string | null }
  | { kind: 'usage-error'; message: string };

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
    if (a === '--check-config') {
      const file = argv[i + 1];
      if (file === undefined || file.startsWith('--'))
        return { kind: 'usage-error', message: 'usage: kommunkiosk --check-config FILE' };
      return { kind: 'check-config', file };
    }
    if (a?.startsWith('--check-config=')) {
      const file = a.slice('--check-config='.length);
      if (file === '') return { kind: 'usage-error', message: 'usage: kommunkiosk --check-config FILE' };
      return { kind: 'check-config', file };
    }
  }
  return { kind: 'run' };
}
