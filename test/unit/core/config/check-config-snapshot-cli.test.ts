/**
 * `npm run check-config` as it really starts: scripts/cli.mjs replaces itself by `node --snapshot-blob
 * out/cli/snapshot/check-config.blob …` (check-config-snapshot.ts). The snapshot was warmed on the
 * shipped example configs; these runs show that a run checks its own file and what it points at, and
 * that every answer — the lines on stdout and stderr and the exit code — is the one the compiled command
 * gives without the snapshot (KIOSK_NO_SNAPSHOT=1): a valid file, a file with problems, a broken case
 * database in its data folder (better-sqlite3, loaded after the start), `--online` (the network modules,
 * loaded after the start), usage errors, a missing file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot as root } from '../../support/cli-process';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-check-config-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkConfig(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/cli.mjs'), 'check-config', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 170_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same run from the snapshot and from the compiled JavaScript: both answers. */
function both(args: string[]) {
  return { snapshot: checkConfig(args), compiled: checkConfig(args, { KIOSK_NO_SNAPSHOT: '1' }) };
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('the check-config command from its startup snapshot', () => {
  beforeAll(() => {
    // the first run builds the commands and the snapshots when they are missing or stale
    const first = checkConfig(['--help-is-not-an-option']);
    expect(first.code, first.err).toBe(2);
    const builtBy = JSON.parse(readFileSync(path.join(root, 'out/cli/snapshot/node.json'), 'utf8')) as {
      version: string;
      execPath: string;
    };
    expect(builtBy).toMatchObject({ version: process.version, execPath: process.execPath });
    expect(existsSync(path.join(root, 'out/cli/snapshot/check-config.blob'))).toBe(true);
  }, 180_000);

  it('checks the file of the run: valid, and with its own problems, as the compiled command says', () => {
    const good = write('good.yaml', `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data-good'))}\n`);
    const valid = both([good]);
    expect(valid.snapshot.code).toBe(0);
    expect(valid.snapshot.out).toContain(`${good}: configuration is valid (mode: demo`);
    expect(valid.snapshot).toEqual(valid.compiled);

    const bad = write(
      'bad.yaml',
      `dataDir: ${JSON.stringify(path.join(dir, 'data-bad'))}\nidentity:\n  bankid:\n    mode: simulator\nkiosk:\n  municipality:\n    logo: saknas.png\n`,
    );
    const refused = both([bad]);
    expect(refused.snapshot.code).toBe(1);
    expect(refused.snapshot.err).toContain(`${bad}:4: identity.bankid.mode is "simulator"`);
    expect(refused.snapshot.err).toContain('saknas.png');
    expect(refused.snapshot).toEqual(refused.compiled);
  }, 60_000);

  it('opens the case database of the data folder (a native module loaded after the start)', () => {
    const dataDir = path.join(dir, 'data-broken');
    mkdirSync(dataDir, { recursive: true });
    // not a SQLite file: the storage check must open it to say so
    writeFileSync(path.join(dataDir, 'cases.sqlite'), 'this is not a database\n'.repeat(200));
    const file = write('broken-db.yaml', `mode: demo\ndataDir: ${JSON.stringify(dataDir)}\n`);
    const r = both([file]);
    expect(r.snapshot.code).toBe(1);
    expect(r.snapshot.err).toMatch(/cases\.sqlite/);
    expect(r.snapshot).toEqual(r.compiled);
  }, 60_000);

  it('reaches the network with --online (https, loaded after the start) and names what it cannot reach', async () => {
    // a port that was just free: nothing listens there, so the connection is refused
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const file = write(
      'online.yaml',
      `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data-online'))}\ncases:\n  delivery:\n    targets:\n      arenden:\n        type: https\n        url: https://127.0.0.1:${port}/cases\n`,
    );
    const r = both([file, '--online']);
    expect(r.snapshot.code).toBe(1);
    expect(r.snapshot.err).toContain('cases.delivery.targets.arenden.url');
    expect(r.snapshot.err).toContain('refused the connection');
    expect(r.snapshot).toEqual(r.compiled);
  }, 60_000);

  it('answers usage errors and a missing file as the compiled command does', () => {
    for (const args of [
      [],
      ['a.yaml', 'b.yaml'],
      ['a.yaml', '--offline'],
      ['a.yaml', '--as-user'],
      [path.join(dir, 'missing.yaml')],
    ]) {
      const r = both(args);
      expect(r.snapshot.code, args.join(' ')).not.toBe(0);
      expect(r.snapshot, args.join(' ')).toEqual(r.compiled);
    }
    // `--` keeps an argument that looks like one of Node's own options the command's
    const nodeOption = both(['--version']);
    expect(nodeOption.snapshot.code).toBe(2);
    expect(nodeOption.snapshot.err).toContain('unknown option --version');
  }, 60_000);
});
