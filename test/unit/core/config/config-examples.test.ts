/**
 * Every configuration we ship behaves as its header says: the demo example passes (as a demo), the
 * production templates and examples are refused until IT fills in its own values and files — and once
 * filled in, they pass. Every broken file in broken-examples/ fails with the lines its header
 * promises (naming the key, the value and what is expected; production refusals also the fix) and
 * never echoes a secret such as a PIN typed in clear.
 */
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { kioskConfigSchema } from '../../../../src/core/config/kiosk-config';
import { parseConfig } from '../../../../src/core/config/load-config';
import { hashPin } from '../../../../src/core/staff/pin-hash';
import { createTestPki } from '../../../../src/simulators/test-pki';

const repo = path.resolve(__dirname, '../../../..');
const resourcesDir = path.join(repo, 'resources');
const examplesDir = path.join(resourcesDir, 'config-examples');
const brokenDir = path.join(__dirname, 'broken-examples');

const yamlIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

function header(file: string): { expect: string[]; secret: string[] } {
  const out = { expect: [] as string[], secret: [] as string[] };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^# (expect|secret): (.+)$/.exec(line);
    if (m) out[m[1] as 'expect' | 'secret'].push(m[2] as string);
    else if (!line.startsWith('#')) break;
  }
  return out;
}

/** The keys of a check's problem lines (`FILE[:LINE]: key is …`). */
function problemKeys(file: string, lines: string[]): string[] {
  const prefix = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+)?: (\\S+) (?:is|: )`);
  return lines
    .slice(1)
    .map((l) => prefix.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'config-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('configuration examples', () => {
  it('the kiosk configuration has the staff, health and monitoring sections', () => {
    expect(Object.keys(kioskConfigSchema.shape)).toEqual(
      expect.arrayContaining(['mode', 'staff', 'health', 'monitoring']),
    );
    // not configured: staff mode cannot be entered, monitoring is off, and that is valid
    const r = parseConfig('', null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.config as unknown as Record<string, unknown>;
    expect(c.mode).toBe('demo');
    expect(c.staff).toEqual({
      members: [],
      timeoutSeconds: 120,
      lockout: { attempts: 5, seconds: 300, maxSeconds: 3600 },
      auditLog: { maxSizeMb: 5, files: 10 },
    });
    expect(c.monitoring).toEqual({ textfileDir: null, intervalSeconds: 30 });
  });

  it('there are examples, including a production one with staff, external BankID and https delivery', () => {
    const files = yamlIn(examplesDir);
    expect(files).toEqual(expect.arrayContaining(['minimal.yaml', 'production-linux.yaml']));
    const text = readFileSync(path.join(examplesDir, 'production-linux.yaml'), 'utf8');
    for (const s of ['mode: production', 'mode: external', 'type: https', 'pinHash:', 'textfileDir:'])
      expect(text).toContain(s);
  });

  it('every shipped example and template is covered below', () => {
    expect(yamlIn(examplesDir)).toEqual(['minimal.yaml', 'production-linux.yaml', 'production-windows-smtp.yaml']);
  });

  it('minimal.yaml is a demo and passes as one', () => {
    const file = path.join(examplesDir, 'minimal.yaml');
    const r = checkConfigFile(file, { resourcesDir });
    expect(r.lines).toEqual([
      `${file}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`,
    ]);
    expect(r.ok).toBe(true);
  });

  it('without "mode: demo" the same minimal file is refused: every simulated part is named', () => {
    const file = path.join(tmp, 'minimal-without-mode.yaml');
    writeFileSync(file, readFileSync(path.join(examplesDir, 'minimal.yaml'), 'utf8').replace('mode: demo\n', ''));
    const r = checkConfigFile(file, { resourcesDir });
    expect(r.ok).toBe(false);
    expect(problemKeys(file, r.lines)).toEqual(
      expect.arrayContaining([
        'identity.bankid.mode',
        'identity.register',
        'cases.delivery.targets',
        'printing.adapter',
      ]),
    );
  });

  const refused: Array<[string, string, string[]]> = [
    [
      'build/linux/config.yaml (the template deploy.md installs)',
      path.join(repo, 'build/linux/config.yaml'),
      [
        'kiosk.municipality.name',
        'kiosk.municipality.contactCentre.email',
        'identity.register.url',
        'cases.delivery.targets.municipality.url',
        'identity.bankid.pfxFile',
        'identity.bankid.passphraseFile',
        'identity.bankid.caFile',
        'identity.register.caFile',
        'cases.keyFile',
        'cases.delivery.targets.municipality.caFile',
      ],
    ],
    [
      'production-linux.yaml',
      path.join(examplesDir, 'production-linux.yaml'),
      [
        'staff.members.0.pinHash',
        'staff.members.1.pinHash',
        'kiosk.municipality.name',
        'identity.register.url',
        'cases.delivery.targets.municipality.url',
        'identity.bankid.pfxFile',
        'identity.register.clientPfxFile',
        'cases.keyFile',
        'cases.delivery.targets.municipality.clientPfxFile',
      ],
    ],
    [
      'production-windows-smtp.yaml',
      path.join(examplesDir, 'production-windows-smtp.yaml'),
      [
        'staff.members.0.pinHash',
        'kiosk.municipality.name',
        'identity.register.url',
        'cases.delivery.targets.registrator.host',
        'cases.delivery.targets.registrator.to',
      ],
    ],
    [
      'config.example.yaml (the reference of every key)',
      path.join(resourcesDir, 'config.example.yaml'),
      ['identity.bankid.mode', 'identity.register.mode', 'cases.delivery.targets.local.dir', 'printing.adapter'],
    ],
  ];
  for (const [name, file, keys] of refused) {
    it(`${name} is refused until IT fills in real values, naming each with key, file and fix`, () => {
      const r = checkConfigFile(file, { resourcesDir });
      expect(r.ok).toBe(false);
      expect(r.lines[0]).toMatch(/problem\(s\)$/);
      expect(problemKeys(file, r.lines)).toEqual(expect.arrayContaining(keys));
      for (const line of r.problems) {
        expect(line.startsWith(file)).toBe(true);
        expect(line).toContain('; fix: ');
      }
      // the shipped production files never run on a simulator
      expect(r.parsed?.config.mode).toBe('production');
    });
  }

  it('the Windows example names its Windows paths as checked on the Windows kiosk, not as missing here', () => {
    const file = path.join(examplesDir, 'production-windows-smtp.yaml');
    const r = checkConfigFile(file, { resourcesDir });
    expect(r.warnings.join('\n')).toContain(
      'identity.bankid.pfxFile is "C:\\\\ProgramData\\\\Kommunkiosk\\\\bankid\\\\rp.p12"; expected the BankID RP certificate (PKCS#12): a path this system can check',
    );
    expect(r.problems.join('\n')).not.toContain('C:\\');
  });

  it('production-linux.yaml passes once its example values are replaced and its files are in place', async () => {
    const etc = path.join(tmp, 'etc');
    for (const d of ['bankid', 'register', 'delivery']) mkdirSync(path.join(etc, d), { recursive: true });
    const pki = createTestPki({ name: 'Config example', clientName: 'kiosk' });
    const secret = (file: string, content: string | Buffer): void => {
      writeFileSync(path.join(etc, file), content, { mode: 0o600 });
      chmodSync(path.join(etc, file), 0o600);
    };
    for (const [dir, p12, pass] of [
      ['bankid', 'rp.p12', 'rp.passphrase'],
      ['register', 'kiosk.p12', 'kiosk.passphrase'],
      ['delivery', 'kiosk.p12', 'kiosk.passphrase'],
    ] as const) {
      secret(`${dir}/${p12}`, pki.clientPfx);
      secret(`${dir}/${pass}`, `${pki.passphrase}\n`);
    }
    writeFileSync(path.join(etc, 'bankid/bankid-root-ca.pem'), pki.caCertPem);
    writeFileSync(path.join(etc, 'register/ca.pem'), pki.caCertPem);
    writeFileSync(path.join(etc, 'delivery/ca.pem'), pki.caCertPem);
    secret('cases.key', 'mX2P7sCqQk9dC8l0oB1yHn3u5w7z9A1c3e5g7i9k1m0=\n');
    copyFileSync(path.join(repo, 'build/icons/64x64.png'), path.join(etc, 'logo.png'));
    for (const d of ['data', 'log', 'metrics']) mkdirSync(path.join(tmp, d), { mode: 0o700 });

    let text = readFileSync(path.join(examplesDir, 'production-linux.yaml'), 'utf8')
      .replaceAll('/etc/kommunkiosk', etc)
      .replaceAll('/var/lib/kommunkiosk', path.join(tmp, 'data'))
      .replaceAll('/var/log/kommunkiosk', path.join(tmp, 'log'))
      .replaceAll('/var/lib/prometheus/node-exporter', path.join(tmp, 'metrics'))
      .replaceAll('Exempelkommun', 'Sundsvalls kommun')
      .replaceAll('exempelkommun.se', 'sundsvall.se');
    for (const m of text.matchAll(/pinHash: '([^']+)'/g))
      text = text.replace(m[1] as string, await hashPin(`9${String(Math.random()).slice(2, 9)}`));
    const file = path.join(tmp, 'filled-in.yaml');
    writeFileSync(file, text, { mode: 0o640 });
    chmodSync(file, 0o640);
    const r = checkConfigFile(file, { resourcesDir });
    expect(r.problems).toEqual([]);
    expect(r.lines[0]).toBe(`${file}: configuration is valid (mode: production)`);
  });

  const broken = yamlIn(brokenDir);
  it('there are broken examples, each with the message it must give', () => {
    expect(broken.length).toBeGreaterThanOrEqual(20);
    for (const name of broken)
      expect([name, header(path.join(brokenDir, name)).expect.length > 0]).toEqual([name, true]);
  });

  for (const name of broken) {
    it(`${name} fails check-config with the promised message`, () => {
      const file = path.join(brokenDir, name);
      const { expect: expected, secret } = header(file);
      const result = checkConfigFile(file, { resourcesDir });
      expect(result.ok).toBe(false);
      expect(result.lines[0]).toMatch(/problem\(s\)$/);
      for (const e of expected)
        expect(
          result.lines.filter((l) => l.includes(e)),
          `no line holds: ${e}\n${result.lines.join('\n')}`,
        ).not.toEqual([]);
      for (const s of secret) expect(result.lines.join('\n'), `the output shows the secret ${s}`).not.toContain(s);
      // a production refusal names the file, the key and the fix
      if (name.startsWith('production-'))
        for (const line of result.problems)
          expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: \\S+ .*; fix: `));
    });
  }
});
