/**
 * The `npm run blankett` command as a V8 startup snapshot (scripts/build-snapshots.mjs builds
 * out/cli/snapshot/blankett.blob from this file, bundled with its dependencies into one script).
 *
 * A fresh Node process spends most of the command's time on code that runs for the first time: loading
 * pdf-lib, fontkit and the config schema, zod compiling its parsers, tables made on first use. The snapshot is taken after all of that has run once, on the embedded defaults with
 * the shipped e-services, in memory (warmUpBlankettCommand); `node --snapshot-blob … <args>` then starts
 * with it in the heap. A run still reads its own config, flows and fonts; nothing it reads or writes is
 * in the snapshot. A process started from a snapshot has no script argument: its own arguments (after the
 * `--` scripts/cli.mjs puts before them, which Node takes away) start at process.argv[1].
 */
import v8 from 'node:v8';
import { blankettCommandMain, warmUpBlankettCommand } from './blankett-command';

// the builder takes the snapshot once this script's work (and so the warm-up) has finished
v8.startupSnapshot.setDeserializeMainFunction(() => blankettCommandMain(process.argv.slice(1)));
warmUpBlankettCommand().catch((err: unknown) => {
  process.stderr.write(`blankett snapshot: the warm-up failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
