/**
 * The `npm run check-config` command as a V8 startup snapshot (scripts/build-snapshots.mjs builds
 * out/cli/snapshot/check-config.blob from this file, bundled with its dependencies into one script).
 *
 * A fresh Node process spent most of the command's time loading and compiling its modules (the config
 * schema and zod, js-yaml and yaml, pino, the flow and help loaders) and on zod building its parsers;
 * the check itself takes a few milliseconds. The snapshot is taken after the shipped example configs
 * (resources/config.example.yaml, resources/config-examples/) were checked once, their report thrown
 * away (warmUpCheckConfigCommand). A run still reads its own file and everything it points at; nothing of
 * the warm-up is kept but loaded code and compiled parsers. better-sqlite3 (a native addon, which a
 * snapshot cannot hold) is loaded when a check first opens a database (cli.vite.config.ts). A process
 * started from a snapshot has no script argument: its own arguments (after the `--` scripts/cli.mjs puts
 * before them, which Node takes away) start at process.argv[1].
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { checkConfigCommandMain, runCheckConfigCommand } from './check-config-command';

const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

/** Checks every shipped example config once, printing nothing. */
async function warmUpCheckConfigCommand(): Promise<void> {
  const examples = path.join(resourcesDir, 'config-examples');
  const files = [
    path.join(resourcesDir, 'config.example.yaml'),
    ...readdirSync(examples)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(examples, f)),
  ];
  const quiet = { out: () => undefined, err: () => undefined };
  for (const file of files) await runCheckConfigCommand([file], { resourcesDir, output: quiet });
}

// the builder takes the snapshot once this script's work (and so the warm-up) has finished
v8.startupSnapshot.setDeserializeMainFunction(() => void checkConfigCommandMain(process.argv.slice(1), resourcesDir));
warmUpCheckConfigCommand().catch((err: unknown) => {
  process.stderr.write(`check-config snapshot: the warm-up failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
