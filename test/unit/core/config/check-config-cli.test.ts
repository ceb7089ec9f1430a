/**
 * `npm run check-config` as IT runs it: a real child process. Exit codes and streams; `--as-user`
 * with a real unprivileged user created for the test (needs root: the user is created with useradd
 * and removed afterwards); `--online` against the simulators speaking the real protocols over TLS
 * (BankID RP API, the register, the case receiver, an SMTP server with STARTTLS and login).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBankIdSimulator, type BankIdSimulator } from '../../../../src/simulators/bankid/simulator';
import { startReceiver, type Receiver } from '../../../../src/simulators/receiver/server';
import { startRegisterSimulator, type RegisterSimulator } from '../../../../src/simulators/register/simulator';
import { createTestPki } from '../../../../src/simulators/test-pki';
import { runCli } from '../../support/cli-process';

const run = (args: string[]): ReturnType<typeof runCli> => runCli('src/core/config/check-config-cli.ts', args);

const work = mkdtempSync(path.join(os.tmpdir(), 'check-config-cli-'));
// the unprivileged user of the --as-user test must be able to reach the files
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(name: string, content: string | Buffer, mode = 0o644): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, content, { mode });
  chmodSync(file, mode);
  return file;
}

describe('npm run check-config', () => {
  it('exits 0 on a valid file (stdout), 1 on problems (stderr, each with key, file and fix), 2 on usage', async () => {
    const dataDir = path.join(work, 'data-1');
    const good = write('good.yaml', `mode: demo\ndataDir: ${JSON.stringify(dataDir)}\n`);
    const ok = await run([good]);
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[0]).toBe(
      `${good}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`,
    );

    const bad = write('bad.yaml', `dataDir: ${JSON.stringify(dataDir)}\nidentity:\n  bankid:\n    mode: simulator\n`);
    const refused = await run([bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    const lines = refused.err.trim().split('\n');
    expect(lines[0]).toBe(`${bad}: 5 problem(s)`);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${bad}:4: identity\\.bankid\\.mode is "simulator"; expected external in mode production .*; fix: set identity\\.bankid\\.mode: external`,
      ),
    );
    for (const l of lines.slice(1, 6)) expect(l).toMatch(new RegExp(`^${bad}(:\\d+)?: \\S+ .*; fix: `));

    expect((await run([])).code).toBe(2);
    const unknown = await run([good, '--offline']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown option --offline');
  });
});

const isRoot = process.getuid?.() === 0;
const hasUseradd = spawnSync('useradd', ['--help']).status === 0;

describe.skipIf(!isRoot || !hasUseradd)('check-config --as-user (root, with a real unprivileged user)', () => {
  const user = `kkcheck${randomBytes(3).toString('hex')}`;
  let uid = 0;
  let gid = 0;
  beforeAll(() => {
    const home = path.join(work, 'home');
    mkdirSync(home, { mode: 0o755 });
    const made = spawnSync(
      'useradd',
      ['--home-dir', home, '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', user],
      {
        encoding: 'utf8',
      },
    );
    if (made.status !== 0) throw new Error(`useradd failed: ${made.stderr}`);
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    uid = Number(id.stdout.trim());
    gid = Number(g.stdout.trim());
  });
  afterAll(() => {
    spawnSync('userdel', [user]);
    spawnSync('groupdel', [user]);
  });

  it('meets the files as the kiosk user: what root can read but the kiosk cannot is named, and passes once fixed', async () => {
    const dataDir = path.join(work, 'as-user', 'data');
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const keyFile = write('as-user/cases.key', 'mX2P7sCqQk9dC8l0oB1yHn3u5w7z9A1c3e5g7i9k1m0=\n', 0o600);
    const file = write(
      'as-user/config.yaml',
      `mode: demo\ndataDir: ${JSON.stringify(dataDir)}\ncases:\n  keyFile: ${JSON.stringify(keyFile)}\n  createKeyFile: false\n`,
    );

    // as root (no --as-user) everything looks readable; the output says so
    const asRoot = await run([file]);
    expect(asRoot.code).toBe(0);
    expect(asRoot.out).toContain('note: checked as root');

    const before = await run([file, '--as-user', user]);
    expect(before.code).toBe(1);
    expect(before.err).toContain(
      `${file}:4: cases.keyFile is ${JSON.stringify(keyFile)}; expected the key file of the case queue's data key: a file the kiosk user can read (EACCES; mode 0600, owner 0:0); fix: chown root:kiosk ${keyFile} && chmod 0640 ${keyFile}`,
    );
    expect(before.err).toContain(
      `${file}:2: dataDir is ${JSON.stringify(dataDir)}; expected the data folder: a folder the kiosk user can write to (EACCES); fix: install -d -o kiosk -g kiosk -m 0700 ${dataDir}`,
    );
    // the folders the kiosk would make inside it are not named once more
    expect(before.err.split('\n')[0]).toBe(`${file}: 2 problem(s)`);
    expect(before.err).toContain(`checked as user ${user} (uid ${uid}, groups ${gid})`);

    // the deployment guide's way: key root:kiosk 0640, data folder the kiosk's own
    chownSync(keyFile, 0, gid);
    chmodSync(keyFile, 0o640);
    chownSync(dataDir, uid, gid);
    chmodSync(dataDir, 0o700);
    const after = await run([file, `--as-user=${user}`]);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
    expect(after.out.split('\n')[0]).toBe(
      `${file}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`,
    );

    // a key root:kiosk 0640 is refused when the kiosk user is not in the file's group
    chownSync(keyFile, 0, 0);
    const otherGroup = await run([file, '--as-user', user]);
    expect(otherGroup.code).toBe(1);
    expect(otherGroup.err).toContain('a file the kiosk user can read (EACCES; mode 0640, owner 0:0)');
  });

  it('names a user that does not exist, and exits 2', async () => {
    const file = write('as-user/none.yaml', 'mode: demo\n');
    const r = await run([file, '--as-user', 'no-such-kiosk-user']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('there is no user "no-such-kiosk-user" on this machine');
  });
});

describe('check-config --online against the simulators', () => {
  const pki = createTestPki({ name: 'Online check', clientName: 'kiosk-online', passphrase: 'online-pass-42' });
  let bankid: BankIdSimulator;
  let register: RegisterSimulator;
  let receiver: Receiver;
  let smtp: SMTPServer;
  let smtpPort = 0;
  beforeAll(async () => {
    bankid = await startBankIdSimulator({ pki, passphrase: pki.passphrase });
    register = await startRegisterSimulator({ pki });
    receiver = await startReceiver({
      dir: path.join(work, 'received'),
      tls: { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem, requestCert: true },
    });
    smtp = new SMTPServer({
      key: pki.serverKeyPem,
      cert: pki.serverCertPem,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'kiosk' && auth.password === 'smtp-secret-7') callback(null, { user: 'kiosk' });
        else callback(new Error('Invalid username or password'));
      },
      logger: false,
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as { port: number }).port;
    write('online/ca.pem', pki.caCertPem);
    write('online/other-ca.pem', createTestPki({ name: 'Other', clientName: 'x' }).caCertPem);
    write('online/client.p12', pki.clientPfx, 0o600);
    write('online/client.passphrase', `${pki.passphrase}\n`, 0o600);
    write('online/smtp.pass', 'smtp-secret-7\n', 0o600);
    write('online/smtp-wrong.pass', 'not-it\n', 0o600);
  });
  afterAll(async () => {
    await Promise.allSettled([
      bankid.close(),
      register.close(),
      receiver.close(),
      new Promise((r) => smtp.close(() => r(null))),
    ]);
  });

  function config(over: { registerCa?: string; smtpPass?: string; receiverUrl?: string } = {}): string {
    const dir = path.join(work, 'online');
    return [
      'mode: demo',
      `dataDir: ${JSON.stringify(path.join(dir, 'data'))}`,
      'identity:',
      '  bankid:',
      '    mode: external',
      `    url: ${bankid.url}`,
      '    pfxFile: client.p12',
      '    passphraseFile: client.passphrase',
      '    caFile: ca.pem',
      '  register:',
      '    mode: external',
      `    url: ${register.url}`,
      `    caFile: ${over.registerCa ?? 'ca.pem'}`,
      '    clientPfxFile: client.p12',
      '    passphraseFile: client.passphrase',
      'cases:',
      '  delivery:',
      '    defaultTarget: municipality',
      '    targets:',
      '      municipality:',
      '        type: https',
      `        url: ${over.receiverUrl ?? receiver.casesUrl}`,
      `        caFile: ${path.join(dir, 'ca.pem')}`,
      `        clientPfxFile: ${path.join(dir, 'client.p12')}`,
      `        passphraseFile: ${path.join(dir, 'client.passphrase')}`,
      '      registry:',
      '        type: smtp',
      '        host: 127.0.0.1',
      `        port: ${smtpPort}`,
      `        caFile: ${path.join(dir, 'ca.pem')}`,
      '        auth:',
      '          user: kiosk',
      `          passFile: ${path.join(dir, over.smtpPass ?? 'smtp.pass')}`,
      '        from: kiosk@kommun.se',
      '        to: registrator@kommun.se',
      '',
    ].join('\n');
  }

  it('reaches BankID, the register, the receiver and the mail server with the configured TLS, changing nothing', async () => {
    const file = write('online/config.yaml', config());
    const lookupsBefore = register.lookups();
    const r = await run([file, '--online']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const online = r.out.split('\n').filter((l) => l.includes(': online: '));
    expect(online).toEqual([
      `${file}: online: cases.delivery.targets.municipality.url: 127.0.0.1:${new URL(receiver.url).port} answered GET with HTTP 405 method_not_allowed over TLS with the configured certificates (no case was sent)`,
      `${file}: online: cases.delivery.targets.registry.host: 127.0.0.1:${smtpPort} greeted, started TLS and accepted the login of kiosk (no mail was sent)`,
      `${file}: online: identity.bankid.url: 127.0.0.1:${new URL(bankid.url).port} accepted the RP certificate and answered /collect of an unknown order with 400 invalidParameters, as expected`,
      `${file}: online: identity.register.url: 127.0.0.1:${new URL(register.url).port} answered an empty lookup with HTTP 400 invalid_request, as expected (no personal number was sent)`,
    ]);
    // nothing was started or stored
    expect(bankid.orders()).toEqual([]);
    expect(receiver.counters().stored).toBe(0);
    // the empty lookup carried no personal number: the register looked no one up
    expect(register.lookups()).toBe(lookupsBefore);
  });

  it('names each service it cannot reach, with key, file and fix: an untrusted CA, a refused login, a receiver that is gone', async () => {
    const file = write(
      'online/broken.yaml',
      config({ registerCa: 'other-ca.pem', smtpPass: 'smtp-wrong.pass', receiverUrl: 'https://127.0.0.1:9/cases' }),
    );
    const r = await run([file, '--online']);
    expect(r.code).toBe(1);
    const err = r.err.split('\n');
    expect(err[0]).toBe(`${file}: 3 problem(s)`);
    expect(err).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${file}:12: identity\\.register\\.url is "${register.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"; expected a service that can be reached \\(the certificate of 127\\.0\\.0\\.1:\\d+ is not trusted .*\\); fix: check the CA file`,
        ),
      ),
    );
    expect(err).toContainEqual(
      expect.stringMatching(
        /:\d+: cases\.delivery\.targets\.registry\.auth\.user is "kiosk"; expected a login the mail server 127\.0\.0\.1:\d+ accepts \(it answered 535\); fix: check the user and the password in auth\.passFile/,
      ),
    );
    expect(err).toContainEqual(
      expect.stringMatching(
        /:\d+: cases\.delivery\.targets\.municipality\.url is "https:\/\/127\.0\.0\.1:9\/cases"; expected a service that can be reached \(127\.0\.0\.1:9 refused the connection .*\); fix: check the address, the port and the firewall/,
      ),
    );
  });
});
