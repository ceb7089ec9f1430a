import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { formatProblem, loadConfig, parseConfig, resolveConfigPath } from '../../../../src/core/config/load-config';

const repo = path.resolve(__dirname, '../../../..');

function problems(yaml: string): string[] {
  const r = parseConfig(yaml, 'kiosk.yaml');
  if (r.ok) return [];
  return r.problems.map((p) => formatProblem(p, 'kiosk.yaml'));
}

describe('configuration', () => {
  it('an empty file gives the embedded defaults that start the kiosk', () => {
    const r = parseConfig('', null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.kiosk.defaultLanguage).toBe('sv');
    expect(r.config.kiosk.languages).toEqual(['sv', 'en']);
    expect(r.config.session).toEqual({ idleSeconds: 90, warningSeconds: 30, extendSteps: [120, 300] });
    expect(r.config.window.kiosk).toBe(false);
  });

  it('the documented example file passes the schema, and in production refuses only its example values and simulators', () => {
    const r = loadConfig(path.join(repo, 'resources/config.example.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // every key it documents is a real key with a valid value: the schema passed, the mode's policy did not
    expect(r.parsed?.config.mode).toBe('production');
    expect(r.problems.map((p) => p.key).sort()).toEqual(
      [
        'accessibility.reportContact.email',
        'cases.delivery.targets.local.dir',
        'identity.bankid.mode',
        'identity.register.mode',
        'kiosk.municipality.contactCentre.email',
        'kiosk.municipality.name',
        'printing.adapter',
      ].sort(),
    );
  });

  it('names the key, the value and what is expected, with the line', () => {
    const out = problems('kiosk:\n  id: "kiosk 1"\nsession:\n  warningSeconds: 10\n');
    expect(out).toContain(
      'kiosk.yaml:2: kiosk.id is "kiosk 1"; expected letters, digits and "-" only, at most 40 characters',
    );
    expect(out).toContain('kiosk.yaml:4: session.warningSeconds is 10; expected at least 20 seconds (WCAG 2.2.1)');
  });

  it('rejects misspelt keys instead of ignoring them', () => {
    const out = problems('sesion:\n  idleSeconds: 30\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^kiosk\.yaml:1: sesion is \{"idleSeconds":30\}; expected no such key here/);
  });

  it('reports wrong types and enum values', () => {
    const out = problems('kiosk:\n  languages: [sv, de]\n  defaultLanguage: sv\nwindow:\n  kiosk: "yes"\n');
    expect(
      out.some((l) => l.startsWith('kiosk.yaml:2: kiosk.languages.1 is "de"; expected one of "sv", "en", "ar"')),
    ).toBe(true);
    expect(out.some((l) => l.includes('window.kiosk is "yes"; expected a value of type boolean'))).toBe(true);
  });

  it('reports a default language that is not offered', () => {
    expect(problems('kiosk:\n  languages: [en]\n  defaultLanguage: sv\n')).toEqual([
      'kiosk.yaml:3: kiosk.defaultLanguage is "sv"; expected one of the languages listed in kiosk.languages',
    ]);
    const r = parseConfig('kiosk:\n  languages: [en, sv]\n', null);
    expect(r.ok && r.config.kiosk.defaultLanguage).toBe('en');
  });

  it('reports broken YAML with its line', () => {
    const out = problems('kiosk:\n  id: [unclosed\nsession: 1\n');
    expect(out[0]).toMatch(/^kiosk\.yaml:\d+: \(file\) is missing; expected valid YAML/);
  });

  it('reports a file that is not a mapping, and duplicate keys', () => {
    expect(problems('- a\n- b\n')[0]).toContain('expected a mapping of settings');
    expect(problems('session:\n  idleSeconds: 30\nsession:\n  idleSeconds: 40\n')[0]).toContain('valid YAML');
  });

  it('check-config passes a good file and fails a bad one with readable lines', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const good = path.join(dir, 'good.yaml');
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(good, 'mode: demo\nkiosk:\n  id: reception-1\n');
    writeFileSync(bad, 'session:\n  idleSeconds: -1\n');
    expect(checkConfigFile(good)).toMatchObject({
      ok: true,
      lines: [`${good}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`],
    });
    const r = checkConfigFile(bad);
    expect(r.ok).toBe(false);
    expect(r.lines[1]).toBe(`${bad}:2: session.idleSeconds is -1; expected at least 10`);
    expect(checkConfigFile(path.join(dir, 'missing.yaml')).lines[1]).toContain('a readable file (it does not exist)');
  });

  it('finds the file from --config, then KIOSK_CONFIG', () => {
    expect(resolveConfigPath(['--config', '/x/a.yaml'], {}).file).toBe('/x/a.yaml');
    expect(resolveConfigPath(['--config=/x/b.yaml'], { KIOSK_CONFIG: '/x/c.yaml' }).file).toBe('/x/b.yaml');
    expect(resolveConfigPath([], { KIOSK_CONFIG: '/x/c.yaml' }).file).toBe('/x/c.yaml');
  });
});
