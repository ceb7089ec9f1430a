/**
 * Every example configuration shipped in resources/config-examples/ passes check-config, and every
 * broken one in broken-examples/ fails with the lines its header promises (naming the key, the
 * value and what is expected) — and never echoes a secret such as a PIN typed in clear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { kioskConfigSchema } from '../../../../src/core/config/kiosk-config';
import { parseConfig } from '../../../../src/core/config/load-config';

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

describe('configuration examples', () => {
  it('the kiosk configuration has the staff, health and monitoring sections', () => {
    expect(Object.keys(kioskConfigSchema.shape)).toEqual(expect.arrayContaining(['staff', 'health', 'monitoring']));
    // not configured: staff mode cannot be entered, monitoring is off, and that is valid
    const r = parseConfig('', null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.config as unknown as Record<string, unknown>;
    expect(c.staff).toEqual({
      members: [],
      timeoutSeconds: 120,
      lockout: { attempts: 5, seconds: 300 },
      auditLog: { maxSizeMb: 5, files: 10 },
    });
    expect(c.monitoring).toEqual({ textfileDir: null, intervalSeconds: 30 });
  });

  it('there are examples, including a production one with staff, external BankID and https delivery', () => {
    const files = yamlIn(examplesDir);
    expect(files).toEqual(expect.arrayContaining(['minimal.yaml', 'production-linux.yaml']));
    const text = readFileSync(path.join(examplesDir, 'production-linux.yaml'), 'utf8');
    for (const s of ['mode: external', 'type: https', 'pinHash:', 'textfileDir:']) expect(text).toContain(s);
  });

  for (const name of yamlIn(examplesDir)) {
    it(`${name} passes check-config`, () => {
      const file = path.join(examplesDir, name);
      const result = checkConfigFile(file, { resourcesDir });
      expect(result.lines).toEqual([`${file}: configuration is valid`]);
      expect(result.ok).toBe(true);
    });
  }

  const broken = yamlIn(brokenDir);
  it('there are broken examples, each with the message it must give', () => {
    expect(broken.length).toBeGreaterThanOrEqual(10);
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
    });
  }
});
