/**
 * `mode: production | demo`: which mode a configuration gets, what production refuses (each with key,
 * file and fix), and that demo allows it. The broken-examples/production-*.yaml files cover each
 * refusal through check-config; these tests cover the rest: the mode's defaults, files that hold
 * example passphrases, an identity provider added later (Freja), and the shipped example hashes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PIN_HASHES } from '../../../../src/core/config/example-values';
import type { KioskConfig } from '../../../../src/core/config/kiosk-config';
import { formatProblem, loadConfig, parseConfig } from '../../../../src/core/config/load-config';
import { productionProblems } from '../../../../src/core/config/mode-policy';

const repo = path.resolve(__dirname, '../../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mode-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('the mode of a configuration', () => {
  it('a file is production unless it says demo; the embedded defaults are demo where the simulators are built in', () => {
    const plain = loadConfig(file('plain.yaml', 'kiosk:\n  id: k-1\n'));
    expect(plain.ok).toBe(false);
    expect(!plain.ok && plain.parsed?.config.mode).toBe('production');
    const demo = loadConfig(file('demo.yaml', 'mode: demo\nkiosk:\n  id: k-1\n'));
    expect(demo.ok && demo.config.mode).toBe('demo');
    const embedded = loadConfig(null, { modeWithoutFile: 'demo' });
    expect(embedded.ok && embedded.config.mode).toBe('demo');
    expect(embedded.ok && embedded.config.identity.bankid.mode).toBe('simulator');
  });

  it('the embedded defaults offer both e-IDs on their simulators; a file keeps BankID alone unless it says more', () => {
    const embedded = loadConfig(null, { modeWithoutFile: 'demo' });
    expect(embedded.ok && embedded.config.identity.methods).toEqual(['bankid', 'freja']);
    expect(embedded.ok && embedded.config.identity.freja.mode).toBe('simulator');
    // and SANE's test scanner, so a demo can scan an attachment; a file has no scanner unless it says so
    expect(embedded.ok && embedded.config.attachments.scanner).toMatchObject({ adapter: 'sane', device: 'test' });
    const demo = loadConfig(file('demo-methods.yaml', 'mode: demo\nkiosk:\n  id: k-1\n'));
    expect(demo.ok && demo.config.identity.methods).toEqual(['bankid']);
    expect(demo.ok && demo.config.attachments.scanner.adapter).toBe('none');
  });

  it('a production build without a configuration file names the file it looks for', () => {
    const r = loadConfig(null, { modeWithoutFile: 'production' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => formatProblem(p, '(embedded defaults)'))).toEqual([
      '(embedded defaults): (file) is missing; expected a configuration file: --config FILE, the KIOSK_CONFIG environment variable or /etc/kommunkiosk/config.yaml; fix: install the production template (docs/deploy.md, step 3); this build has no embedded simulators to run on',
    ]);
  });

  it('an unknown mode is a schema problem with its line', () => {
    const r = parseConfig('kiosk:\n  id: k-1\nmode: live\n', 'kiosk.yaml');
    expect(!r.ok && r.problems.map((p) => formatProblem(p, 'kiosk.yaml'))).toEqual([
      'kiosk.yaml:3: mode is "live"; expected one of "production", "demo"',
    ]);
  });

  it('demo allows what production refuses', () => {
    const text =
      'identity:\n  bankid:\n    mode: simulator\n  register:\n    mode: simulator\nprinting:\n  adapter: folder\nkiosk:\n  municipality:\n    name: Exempelkommun\nattachments:\n  scanner: { adapter: sane, device: "test:0" }\n';
    expect(parseConfig(`mode: demo\n${text}`, 'k.yaml').ok).toBe(true);
    const production = parseConfig(`mode: production\n${text}`, 'k.yaml');
    expect(!production.ok && production.problems.map((p) => p.key)).toEqual([
      'identity.bankid.mode',
      'identity.register.mode',
      'cases.delivery.targets',
      'printing.adapter',
      'attachments.scanner.device',
      'kiosk.municipality.name',
    ]);
  });
});

describe('example secrets in the files a production configuration names', () => {
  const config = (passphraseFile: string, mode = 'production'): string =>
    [
      `mode: ${mode}`,
      'identity:',
      '  bankid:',
      '    mode: external',
      '    url: https://appapi2.bankid.com/rp/v6.0/',
      '    pfxFile: rp.p12',
      `    passphraseFile: ${passphraseFile}`,
      '    caFile: ca.pem',
      '',
    ].join('\n');

  it("refuses the public passphrase of BankID's test certificate, naming key, file, line and fix", () => {
    writeFileSync(path.join(dir, 'test.passphrase'), 'qwerty123\n');
    const f = file('fptest.yaml', config('test.passphrase'));
    const r = loadConfig(f);
    expect(r.ok).toBe(false);
    const lines = !r.ok ? r.problems.map((p) => formatProblem(p, f)) : [];
    expect(lines).toContain(
      `${f}:7: identity.bankid.passphraseFile is ${JSON.stringify(path.join(dir, 'test.passphrase'))}; expected a file with a passphrase of your own (it holds the public passphrase of BankID's test RP certificate (FPTestcert)); fix: the passphrase of the BankID RP certificate: use the certificate and passphrase issued for this municipality; the file holds only the passphrase, owned root:kiosk, mode 0640`,
    );
    // the passphrase itself is never printed
    expect(lines.join('\n')).not.toContain('qwerty123');
    // in demo the same file is accepted
    expect(loadConfig(file('fptest-demo.yaml', config('test.passphrase', 'demo'))).ok).toBe(true);
  });

  it('accepts a passphrase of its own', () => {
    writeFileSync(path.join(dir, 'own.passphrase'), 'T7#kq-aY3-vv0P\n');
    const r = loadConfig(file('own.yaml', config('own.passphrase')));
    expect(!r.ok && r.problems.filter((p) => p.key === 'identity.bankid.passphraseFile')).toEqual([]);
  });
});

describe('identity providers added later are held to the same rules', () => {
  it('identity.freja in simulator mode or on its test environment is refused like BankID', () => {
    const parsed = parseConfig('mode: demo\n', null);
    if (!parsed.ok) throw new Error('the embedded defaults must parse');
    const base = parsed.config;
    // Freja is judged when the kiosk offers it (identity.methods, issue 17)
    const withFreja = (freja: Record<string, unknown>, methods = ['bankid', 'freja']): KioskConfig =>
      ({ ...base, mode: 'production', identity: { ...base.identity, methods, freja } }) as unknown as KioskConfig;
    const keys = (c: KioskConfig): string[] => productionProblems(c, {}).map((p) => p.key);
    expect(keys(withFreja({ mode: 'simulator' }))).toContain('identity.freja.mode');
    expect(keys(withFreja({ mode: 'simulator' }, ['bankid']))).not.toContain('identity.freja.mode');
    const onTest = productionProblems(withFreja({ mode: 'external', url: 'https://services.test.frejaeid.com' }), {});
    expect(onTest.find((p) => p.key === 'identity.freja.url')?.expected).toBe(
      "the production service in mode production (this is Freja eID's test environment: test persons only)",
    );
  });
});

describe('the example PIN hashes', () => {
  function shipped(d: string): string[] {
    return readdirSync(d).flatMap((name) => {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) return shipped(p);
      return /\.(ya?ml|md)$/.test(name) ? [p] : [];
    });
  }

  it('every PIN hash in the shipped files and the docs is refused in production', () => {
    const files = ['resources', 'build', 'docs'].flatMap((d) => shipped(path.join(repo, d)));
    const hashes = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/scrypt\$ln=\d+,r=\d+,p=\d+\$[\w-]{22,}\$[\w-]{43,}/g)].map((m) => m[0]),
    );
    expect(hashes.length).toBeGreaterThanOrEqual(3);
    for (const h of hashes) expect(EXAMPLE_PIN_HASHES.has(h), `${h} is shipped but not refused`).toBe(true);
  });
});
