import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { srgbIccProfile } from '../../../../src/core/documents/srgb-icc-profile';

const transicc = spawnSync('sh', ['-c', 'command -v transicc'], { stdio: 'ignore' }).status === 0;

describe('the sRGB ICC profile of the OutputIntent', () => {
  it('has a valid ICC v2 display header and tag table', () => {
    const p = Buffer.from(srgbIccProfile());
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.readUInt32BE(8)).toBe(0x02100000);
    expect(p.toString('ascii', 12, 24)).toBe('mntrRGB XYZ ');
    expect(p.toString('ascii', 36, 40)).toBe('acsp');
    const count = p.readUInt32BE(128);
    const tags = Array.from({ length: count }, (_, i) => p.toString('ascii', 132 + i * 12, 136 + i * 12));
    expect(tags).toEqual(['desc', 'cprt', 'wtpt', 'rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC']);
    for (let i = 0; i < count; i += 1) {
      const offset = p.readUInt32BE(136 + i * 12);
      const size = p.readUInt32BE(140 + i * 12);
      expect(offset % 4).toBe(0);
      expect(offset + size).toBeLessThanOrEqual(p.length);
    }
  });

  it.skipIf(!transicc)('converts colours like a reference sRGB profile (Little CMS)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-icc-'));
    try {
      const file = path.join(dir, 'srgb.icc');
      writeFileSync(file, srgbIccProfile());
      const out = spawnSync('transicc', ['-i', file, '-o', '*Lab', '-n'], { input: '255 0 0\n', encoding: 'utf8' });
      const [L, a, b] = (out.stdout.trim().split('\n').pop() ?? '').trim().split(/\s+/).map(Number);
      expect(L).toBeCloseTo(54.29, 0);
      expect(a).toBeCloseTo(80.8, 0);
      expect(b).toBeCloseTo(69.9, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
