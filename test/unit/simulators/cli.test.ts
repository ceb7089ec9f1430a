/** The simulators started on their own as child processes, the way IT or another RP client uses them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BankIdClient, loadBankIdCredentials } from '../../../src/core/identity/bankid/client';
import { HttpsRegister } from '../../../src/core/identity/register/https-register';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
  }
});

/** Starts a CLI and resolves with its stdout once `until` has appeared. */
function start(script: string, args: string[], until: RegExp): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(tsx, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
}

describe('simulator CLIs', () => {
  it('the BankID simulator prints its URL and certificate files, and an RP client can use them', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bankid-cli-'));
    const { child, out: text } = await start(
      'src/simulators/bankid/cli.ts',
      ['--out', out, '--quiet'],
      /Test persons:[\s\S]*Ulla/,
    );
    const url = /RP API base URL:\s+(\S+)/.exec(text)?.[1];
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rp\/v6\.0\/$/);
    expect(text).toContain(path.join(out, 'client.p12'));
    expect(statSync(path.join(out, 'client.p12')).mode & 0o077).toBe(0);
    const creds = loadBankIdCredentials({
      pfxFile: path.join(out, 'client.p12'),
      passphraseFile: path.join(out, 'passphrase.txt'),
      caFile: path.join(out, 'ca.pem'),
    });
    const client = new BankIdClient({ ...creds, url: url! });
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    expect(await client.collect(order.orderRef)).toMatchObject({ status: 'pending' });
    client.close();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  });

  it('the BankID simulator refuses an unknown scenario', async () => {
    await expect(start('src/simulators/bankid/cli.ts', ['--scenario', 'nope'], /never/)).rejects.toThrow(
      /exited 2: --scenario must be one of/,
    );
  });

  it('the register simulator prints its URL and certificates; the adapter finds a person', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'register-cli-'));
    const { out: text } = await start(
      'src/simulators/register/cli.ts',
      ['--out', out, '--quiet'],
      /Test persons:[\s\S]*Ulla/,
    );
    const url = /Base URL:\s+(\S+)/.exec(text)?.[1];
    const register = new HttpsRegister({
      url: url!,
      ca: readFileSync(path.join(out, 'ca.pem')),
      pfx: readFileSync(path.join(out, 'client.p12')),
      passphrase: readFileSync(path.join(out, 'passphrase.txt'), 'utf8').trim(),
    });
    expect((await register.lookup('199001012385'))?.givenName).toBe('Anna');
    register.close();
  });
});
