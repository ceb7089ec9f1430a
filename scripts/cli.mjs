#!/usr/bin/env node
// `node scripts/cli.mjs <command> [args …]`: runs one of the kiosk's commands (blankett, check-config,
// hash-pin, recover-cases, sim-bankid, sim-freja, sim-receiver, sim-register) from its compiled JavaScript in
// out/cli/ (cli.vite.config.ts), in this same process, with Node's compile cache on: a command starts
// in a fraction of the time a TypeScript loader needs. On a fresh checkout, or when one of its sources is
// newer than the build, it builds the commands first (a few seconds, once).
//
// A command with a V8 startup snapshot (out/cli/snapshot/<name>.blob, scripts/build-snapshots.mjs) is
// started from it instead: this process replaces itself (process.execve) by
// `node --snapshot-blob <blob> <args …>`. Only when the snapshot was built by this very Node and is
// newer than its sources; otherwise (or where execve does not exist, as on Windows) the compiled
// JavaScript runs as above.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2);
const file = path.join(root, 'out/cli', `${name}.js`);

/** Whether a source `built` was made from (listed in `list`, a sources.json) changed since, or is gone. */
function sourcesChanged(built = path.join(root, 'out/cli/sources.json'), list = built) {
  const builtAt = statSync(built).mtimeMs;
  let sources;
  try {
    sources = JSON.parse(readFileSync(list, 'utf8'));
  } catch {
    return true;
  }
  return sources.some((s) => {
    try {
      return statSync(path.join(root, s)).mtimeMs > builtAt;
    } catch {
      return true;
    }
  });
}

if (!name || !/^[a-z-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/cli.mjs <command> [args …]\n');
  process.exit(2);
}
const snapshotDir = path.join(root, 'out/cli/snapshot');
const fromSource = existsSync(path.join(root, 'src'));
// child_process is loaded only to build: a command that is built starts without it
const build = async (args) =>
  (await import('node:child_process')).spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 2, 'inherit'],
  }).status;
const buildSnapshots = () => build([path.join(root, 'scripts/build-snapshots.mjs')]);

// the snapshot, when there is a usable one
const blob = path.join(snapshotDir, `${name}.blob`);
const hasSnapshot = () =>
  typeof process.execve === 'function' &&
  !process.env.KIOSK_NO_SNAPSHOT &&
  existsSync(path.join(snapshotDir, `${name}.cjs`));
const snapshotFresh = () =>
  existsSync(blob) && !(fromSource && sourcesChanged(blob, path.join(snapshotDir, `${name}.sources.json`)));
let snapshotTried = false;
/** Replaces this process by the command started from its snapshot when the snapshot is built for this Node. */
function startFromSnapshot() {
  if (snapshotTried) return;
  snapshotTried = true;
  let builtBy;
  try {
    builtBy = JSON.parse(readFileSync(path.join(snapshotDir, 'node.json'), 'utf8'));
  } catch {
    return; // no record of the Node that built it: not used
  }
  if (builtBy?.version !== process.version || builtBy?.execPath !== process.execPath) return;
  // `--`: what follows is the command's, even an argument that Node would take for one of its own options
  try {
    process.execve(process.execPath, [process.execPath, '--snapshot-blob', blob, '--', ...rest], process.env);
  } catch (err) {
    // the process could not be replaced: the compiled JavaScript below does the same work, more slowly
    process.stderr.write(`(the command's snapshot could not be started: ${err?.code ?? err}; running without it)\n`);
  }
}
// a fresh snapshot starts at once: the compiled commands are looked at only when it is not used
if (hasSnapshot() && snapshotFresh()) startFromSnapshot();

// a source checkout rebuilds what is stale; a tree without src/ (an unpacked build) runs what it has.
// An unknown command is not a reason to build: the commands' list (sources.json) says what is built.
const built = existsSync(path.join(root, 'out/cli/sources.json'));
const stale = !built || (fromSource && sourcesChanged());
if (built && !stale && !existsSync(file)) {
  process.stderr.write(`no command "${name}"\n`);
  process.exit(2);
}
if (stale) {
  process.stderr.write('Building the commands (once) …\n');
  const status = await build([
    path.join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '-c',
    'cli.vite.config.ts',
    '--logLevel',
    'warn',
  ]);
  if (status !== 0) process.exit(status ?? 1);
  // the commands' build empties out/cli: the snapshots go with it and are made again (a failure costs
  // the speed-up only: the compiled JavaScript runs)
  await buildSnapshots();
  if (!existsSync(file)) {
    process.stderr.write(`no command "${name}"\n`);
    process.exit(2);
  }
} else if (hasSnapshot() && !snapshotFresh()) {
  // one of the snapshot's sources changed since it was built
  process.stderr.write('Building the command snapshots (once) …\n');
  await buildSnapshots();
}
if (hasSnapshot() && existsSync(blob)) startFromSnapshot();
try {
  enableCompileCache?.(
    process.env.NODE_COMPILE_CACHE ??
      path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kommunkiosk', 'compile-cache'),
  );
} catch {
  // a cache that cannot be written costs the speed-up only
}
process.argv.splice(2, process.argv.length - 2, ...rest);
await import(pathToFileURL(file).href);
