/**
 * check-config on what a configuration points at: real files and folders in a temp dir, real
 * certificates read by OpenSSL. Every problem names the key, the config file (with the line) and a fix.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { checkCaFile, checkClientCertificate } from '../../../../src/core/config/certificate-checks';
import { certificate, clientPkcs12, der, pem, pkcs12, rsaKey } from './certificate-fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'path-checks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

let n = 0;
/** A folder for one test with a config file in it (demo mode: only the file checks speak). */
function setup(yaml: string, files: Record<string, string | Buffer> = {}, mode = 0o600): { dir: string; file: string } {
  const dir = path.join(root, `t${++n}`);
  mkdirSync(path.join(dir, 'data'), { recursive: true, mode: 0o700 });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content, { mode });
    chmodSync(path.join(dir, name), mode);
  }
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\n${yaml}`);
  return { dir, file };
}

const PASS = 'correct horse battery';
let good: { pfx: Buffer; caPem: string };
beforeAll(() => {
  good = clientPkcs12(PASS);
});

function bankid(files: { pfx?: string; pass?: string; ca?: string } = {}): string {
  return [
    'identity:',
    '  bankid:',
    '    mode: external',
    '    url: https://appapi2.bankid.com/rp/v6.0/',
    `    pfxFile: ${files.pfx ?? 'rp.p12'}`,
    `    passphraseFile: ${files.pass ?? 'rp.passphrase'}`,
    `    caFile: ${files.ca ?? 'ca.pem'}`,
    '',
  ].join('\n');
}

describe('check-config: files and folders', () => {
  it('passes good certificates, passphrase and folders', () => {
    const { file } = setup(bankid(), { 'rp.p12': good.pfx, 'rp.passphrase': `${PASS}\n`, 'ca.pem': good.caPem });
    const r = checkConfigFile(file, { groups: [process.getgid?.() ?? 0] });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('names a missing certificate with key, config file and line, and how to put it there', () => {
    const { dir, file } = setup(bankid(), { 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    const r = checkConfigFile(file, { groups: [] });
    expect(r.problems).toEqual([
      `${file}:7: identity.bankid.pfxFile is ${JSON.stringify(path.join(dir, 'rp.p12'))}; expected the BankID RP certificate (PKCS#12): an existing file (it does not exist); fix: put the BankID RP certificate (PKCS#12) there; chown root:kiosk ${path.join(dir, 'rp.p12')} && chmod 0640 ${path.join(dir, 'rp.p12')} (or chmod 0600 with the kiosk user as owner)`,
    ]);
  });

  it('refuses secrets others can read, and a group-readable secret unless it is root:kiosk 0640', () => {
    const { dir, file } = setup(bankid(), { 'rp.p12': good.pfx, 'rp.passphrase': PASS, 'ca.pem': good.caPem }, 0o644);
    const lines = checkConfigFile(file, { groups: [4242] }).problems;
    expect(lines).toContainEqual(
      expect.stringContaining(
        `identity.bankid.passphraseFile is ${JSON.stringify(path.join(dir, 'rp.passphrase'))}; expected the passphrase of the BankID RP certificate: a secret no one else can read (it has mode 0644: others can access it); fix: chown root:kiosk`,
      ),
    );
    expect(lines.filter((l) => l.includes('pfxFile') && l.includes('others can access it'))).toHaveLength(1);
    // the CA is no secret: 0644 is right for it
    expect(lines.filter((l) => l.includes('caFile'))).toEqual([]);

    for (const f of ['rp.p12', 'rp.passphrase']) chmodSync(path.join(dir, f), 0o640);
    const gid = 4242;
    if (isRoot) {
      for (const f of ['rp.p12', 'rp.passphrase']) chownSync(path.join(dir, f), 0, gid);
      // root:kiosk 0640 with the kiosk user in that group: the rule of the key file
      expect(checkConfigFile(file, { groups: [gid] }).problems).toEqual([]);
      // the group is not one of the kiosk user's
      expect(checkConfigFile(file, { groups: [1] }).problems.join('\n')).toContain(
        'a group can access it (allowed only as root:kiosk 0640',
      );
    }
  });

  it('refuses a CA file that anyone may replace', () => {
    const { file } = setup(bankid(), { 'rp.p12': good.pfx, 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    chmodSync(path.join(path.dirname(file), 'ca.pem'), 0o666);
    expect(checkConfigFile(file, { groups: [] }).problems.join('\n')).toContain(
      'identity.bankid.caFile is ' +
        JSON.stringify(path.join(path.dirname(file), 'ca.pem')) +
        "; expected BankID's CA certificate (PEM): a file only its owner can change (mode 0666: anyone can replace it); fix: chmod o-w",
    );
  });

  it('names an empty passphrase file, a wrong passphrase, and a certificate beside a key not its own', () => {
    const empty = setup(bankid(), { 'rp.p12': good.pfx, 'rp.passphrase': '\n', 'ca.pem': good.caPem });
    expect(checkConfigFile(empty.file, { groups: [] }).problems.join('\n')).toContain(
      'identity.bankid.passphraseFile is ' +
        JSON.stringify(path.join(empty.dir, 'rp.passphrase')) +
        '; expected the passphrase of the BankID RP certificate: a file holding the passphrase (it is empty); fix: write the passphrase on one line',
    );
    const wrong = setup(bankid(), { 'rp.p12': good.pfx, 'rp.passphrase': 'not it', 'ca.pem': good.caPem });
    expect(checkConfigFile(wrong.file, { groups: [] }).problems.join('\n')).toContain(
      'identity.bankid.pfxFile is ' +
        JSON.stringify(path.join(wrong.dir, 'rp.p12')) +
        '; expected a PKCS#12 file that opens with the passphrase in its passphrase file (it does not: wrong passphrase, or a damaged file); fix: put the passphrase that came with the certificate in the passphrase file',
    );
    const caKey = rsaKey();
    const ca = certificate({ cn: 'CA', key: caKey, ca: true });
    const leaf = certificate({ cn: 'kiosk-1', key: rsaKey(), issuer: { cert: ca, key: caKey } });
    const mismatched = setup(bankid(), {
      'rp.p12': pkcs12(rsaKey(), [leaf], PASS),
      'rp.passphrase': PASS,
      'ca.pem': pem(ca),
    });
    expect(checkConfigFile(mismatched.file, { groups: [] }).problems.join('\n')).toContain(
      'expected a PKCS#12 file whose certificate matches its private key (no certificate in it matches the key); fix: export the certificate together with its own private key',
    );
    const notPfx = setup(bankid(), { 'rp.p12': good.caPem, 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    expect(checkConfigFile(notPfx.file, { groups: [] }).problems.join('\n')).toContain(
      'expected a PKCS#12 (.p12/.pfx) file',
    );
  });

  it('refuses an expired or not yet valid client certificate and warns 30 days ahead of the end', () => {
    const expired = clientPkcs12(PASS, { from: -400, to: -2 });
    const f1 = setup(bankid(), { 'rp.p12': expired.pfx, 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    expect(checkConfigFile(f1.file, { groups: [] }).problems.join('\n')).toMatch(
      /identity\.bankid\.pfxFile is .*; expected the BankID RP certificate \(PKCS#12\) "kiosk-1" valid now \(it expired on \d{4}-\d\d-\d\d\); fix: order a new certificate/,
    );
    const future = clientPkcs12(PASS, { from: 3, to: 400 });
    const f2 = setup(bankid(), { 'rp.p12': future.pfx, 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    expect(checkConfigFile(f2.file, { groups: [] }).problems.join('\n')).toContain("is the kiosk's clock right?");
    const soon = clientPkcs12(PASS, { from: -300, to: 12 });
    const f3 = setup(bankid(), { 'rp.p12': soon.pfx, 'rp.passphrase': PASS, 'ca.pem': good.caPem });
    const r3 = checkConfigFile(f3.file, { groups: [] });
    expect(r3.ok).toBe(true);
    expect(r3.warnings).toHaveLength(1);
    expect(r3.warnings[0]).toMatch(
      /:7: warning: identity\.bankid\.pfxFile is .*; expected the BankID RP certificate \(PKCS#12\) "kiosk-1" valid for more than 30 days \(it expires on \d{4}-\d\d-\d\d, in 1[01] day\(s\)\); fix: order a new certificate/,
    );
    expect(r3.lines[0]).toBe(
      `${f3.file}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`,
    );
  });

  it('CA files: PEM only, CA certificates only, each valid', () => {
    const key = rsaKey();
    const server = certificate({ cn: 'arenden.kommun.se', key, ca: false });
    const expiredCa = certificate({ cn: 'Old CA', key: rsaKey(), ca: true, from: -800, to: -1 });
    expect(checkCaFile(Buffer.from(good.caPem), 'the CA')).toEqual([]);
    expect(checkCaFile(der(server), 'the CA')).toEqual([
      {
        severity: 'error',
        expected: 'the CA as PEM certificates ("-----BEGIN CERTIFICATE-----"; this looks like DER)',
        fix: 'convert it: openssl x509 -inform der -in ca.cer -out ca.pem',
      },
    ]);
    expect(checkCaFile(Buffer.from(pem(server)), 'the CA')[0]?.expected).toBe(
      'the CA a CA certificate ("arenden.kommun.se" is not a CA: probably the server\'s own certificate)',
    );
    const both = checkCaFile(Buffer.from(good.caPem + pem(expiredCa)), 'the CA');
    expect(both).toHaveLength(1);
    expect(both[0]?.expected).toMatch(/^the CA, certificate 2 of 2 "Old CA" valid now \(it expired on /);
    expect(checkClientCertificate(good.pfx, PASS, 'x')).toEqual([]);
  });

  it('folders: a delivery share that is not mounted, a path that is a file, a data folder that cannot be created', () => {
    const { dir, file } = setup(
      [
        'cases:',
        '  delivery:',
        '    targets:',
        '      share:',
        '        type: directory',
        '        dir: /nonexistent-share/arenden',
        'monitoring:',
        '  textfileDir: metrics.prom',
        '',
      ].join('\n'),
      { 'metrics.prom': 'not a folder' },
    );
    const lines = checkConfigFile(file, { groups: [] }).problems.join('\n');
    expect(lines).toContain(
      `cases.delivery.targets.share.dir is "/nonexistent-share/arenden"; expected the folder of delivery target "share": an existing folder (it does not exist; is the share mounted?); fix: install -d -o kiosk -g kiosk -m 0700 /nonexistent-share/arenden`,
    );
    expect(lines).toContain(
      `monitoring.textfileDir is ${JSON.stringify(path.join(dir, 'metrics.prom'))}; expected node_exporter's textfile folder: a folder (it is a file); fix: point monitoring.textfileDir at a folder`,
    );
    const blocked = setup('', { blocker: 'x' });
    writeFileSync(blocked.file, `mode: demo\ndataDir: ${JSON.stringify(path.join(blocked.dir, 'blocker', 'data'))}\n`);
    expect(checkConfigFile(blocked.file, { groups: [] }).problems.join('\n')).toContain(
      `dataDir is ${JSON.stringify(path.join(blocked.dir, 'blocker', 'data'))}; expected the data folder: a folder this user can reach (ENOTDIR`,
    );
  });

  it('the key file: missing with createKeyFile false is named with how to provision it; a key others read is refused', () => {
    const { dir, file } = setup('cases:\n  keyFile: keys/cases.key\n  createKeyFile: false\n');
    const key = path.join(dir, 'data', 'keys', 'cases.key');
    expect(checkConfigFile(file, { groups: [] }).problems).toContainEqual(
      expect.stringContaining(
        `cases.keyFile is ${JSON.stringify(key)}; expected the key file of the case queue's data key: an existing file (it does not exist); fix: provision it: openssl rand -base64 32 > ${key}`,
      ),
    );
    mkdirSync(path.dirname(key));
    writeFileSync(key, 'x'.repeat(44), { mode: 0o644 });
    chmodSync(key, 0o644);
    expect(checkConfigFile(file, { groups: [] }).problems.join('\n')).toContain('has mode 0644: others can access it');
  });

  it('a configuration holding PIN hashes must not be readable by others', () => {
    const { file } = setup(
      "staff:\n  members:\n    - id: reception-1\n      pinHash: 'scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'\n",
    );
    chmodSync(file, 0o644);
    expect(checkConfigFile(file, { groups: [] }).problems).toContainEqual(
      `${file}: (file) is ${JSON.stringify(file)} (mode 0644); expected a configuration file no one else can read, since it holds the staff PIN hashes of staff.members (mode 0640, root:kiosk); fix: chown root:kiosk ${file} && chmod 0640 ${file}`,
    );
    chmodSync(file, 0o640);
    expect(checkConfigFile(file, { groups: [] }).problems).toEqual([]);
  });
});
