/**
 * `npm run recover-cases -- [--config FILE] [--data-dir DIR] [--no-deliver] [--deliver-timeout SECONDS]`:
 * recovers the case queue of a kiosk whose database failed its checks (see recovery.ts and
 * docs/deploy.md, "Recovering cases"). Stop the kiosk first. The packaged app has the same command
 * as `kommunkiosk --recover-cases`.
 */
import { defaultDataDir, loadConfig, resolveConfigPath } from '../config/load-config';
import { parseRecoveryArgs, recoveryUsage, runCaseRecovery } from './recovery-command';

const argv = process.argv.slice(2);
const args = parseRecoveryArgs(argv);
if (!args.ok) {
  process.stderr.write(`${recoveryUsage('npm run recover-cases --')}\n`);
  process.exit(2);
}
const code = await runCaseRecovery({
  config: loadConfig(resolveConfigPath(argv, process.env).file),
  defaultDataDir: args.dataDir ?? defaultDataDir(process.env),
  deliver: args.deliver,
  deliverTimeoutMs: args.deliverTimeoutMs,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
