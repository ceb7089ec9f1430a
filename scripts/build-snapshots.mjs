#!/usr/bin/env node
// `node scripts/build-snapshots.mjs`: builds the V8 startup snapshots of the commands that have one
// (SNAPSHOT_ENTRIES in cli.vite.config.ts, listed in out/cli/snapshots.json: `blankett`, `check-config`)
// into out/cli/snapshot/<name>.blob, after the commands themselves (out/cli/, `vite build -c
// cli.vite.config.ts`). A snapshot belongs to the Node
// binary that built it: out/cli/snapshot/node.json names that Node, and scripts/cli.mjs uses a snapshot
// only under the same one. Part of `npm run build`; scripts/cli.mjs runs it when a snapshot is missing
// or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'out/cli/snapshot');

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${what} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}\n`);
    process.exit(r.status ?? 1);
  }
}

/**
 * A snapshot holds its script's source text, and every start maps it: a source with one character
 * outside ASCII (an "ä" in a message) is kept at two bytes per character. The script is rewritten in
 * ASCII (other characters as escapes that mean the same; esbuild leaves those in regular expressions,
 * which are escaped here) and without comments and indentation. Names are kept, so error messages and
 * stack traces read the same.
 */
async function compactSource(file) {
  const { code } = await transform(readFileSync(file, 'utf8'), {
    charset: 'ascii',
    minifyWhitespace: true,
    legalComments: 'none',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
  });
  const ascii = code.replace(/(\\*)([\u0080-\uffff])/g, (all, slashes, ch) => {
    // an escaped character (`\ä`): its escape would read as an escaped backslash
    if (slashes.length % 2 === 1)
      throw new Error(`${file}: an escaped non-ASCII character (${all}) in a regular expression`);
    return `${slashes}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  writeFileSync(file, ascii);
}

const vite = path.join(root, 'node_modules/vite/bin/vite.js');
let names;
try {
  // written by the commands' build (cli.vite.config.ts, SNAPSHOT_ENTRIES)
  names = JSON.parse(readFileSync(path.join(root, 'out/cli/snapshots.json'), 'utf8'));
} catch {
  process.stderr.write(
    'out/cli/snapshots.json is missing: build the commands first (vite build -c cli.vite.config.ts)\n',
  );
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
for (const name of names) {
  // one bundle per snapshot: a snapshot is made from one script
  const bundle = spawnSync(
    process.execPath,
    [vite, 'build', '-c', 'cli.vite.config.ts', '--mode', `snapshot-${name}`, '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 2, 'inherit'] },
  );
  if (bundle.status !== 0) process.exit(bundle.status ?? 1);
  await compactSource(path.join(dir, `${name}.cjs`));
  const blob = `${name}.blob`;
  // Node warns that some built-in modules are "not yet fully verified" in a snapshot builder; each
  // snapshot is checked by running it (test/unit/core/documents/blankett-snapshot-cli.test.ts,
  // test/unit/core/config/check-config-snapshot-cli.test.ts)
  run(['--snapshot-blob', blob, '--build-snapshot', `${name}.cjs`], `the snapshot ${blob}`);
  if (!existsSync(path.join(dir, blob))) {
    process.stderr.write(`the snapshot ${blob} was not written\n`);
    process.exit(1);
  }
}
writeFileSync(
  path.join(dir, 'node.json'),
  JSON.stringify({ version: process.version, arch: process.arch, execPath: process.execPath }),
);
