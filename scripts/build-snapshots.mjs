#!/usr/bin/env node
// `node scripts/build-snapshots.mjs`: builds the V8 startup snapshots of the commands that have one
// (SNAPSHOT_ENTRIES in cli.vite.config.ts; today `blankett`) into out/cli/snapshot/<name>.blob, after
// the commands themselves (out/cli/, `vite build -c cli.vite.config.ts`). A snapshot belongs to the Node
// binary that built it: out/cli/snapshot/node.json names that Node, and scripts/cli.mjs uses a snapshot
// only under the same one. Part of `npm run build`; scripts/cli.mjs runs it when a snapshot is missing
// or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'out/cli/snapshot');

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${what} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}\n`);
    process.exit(r.status ?? 1);
  }
}

const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const bundle = spawnSync(
  process.execPath,
  [vite, 'build', '-c', 'cli.vite.config.ts', '--mode', 'snapshot', '--logLevel', 'warn'],
  { cwd: root, stdio: ['ignore', 2, 'inherit'] },
);
if (bundle.status !== 0) process.exit(bundle.status ?? 1);
for (const script of readdirSync(dir).filter((f) => f.endsWith('.cjs'))) {
  const blob = script.replace(/\.cjs$/, '.blob');
  rmSync(path.join(dir, blob), { force: true });
  // Node warns that some built-in modules are "not yet fully verified" in a snapshot builder; the
  // snapshot is checked by running it (test/unit/core/documents/blankett-snapshot-cli.test.ts)
  run(['--snapshot-blob', blob, '--build-snapshot', script], `the snapshot ${blob}`);
  if (!existsSync(path.join(dir, blob))) {
    process.stderr.write(`the snapshot ${blob} was not written\n`);
    process.exit(1);
  }
}
writeFileSync(
  path.join(dir, 'node.json'),
  JSON.stringify({ version: process.version, arch: process.arch, execPath: process.execPath }),
);
