import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../src/core/staff/audit-log';
import { recordingLogger, tempDir } from './staff-fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function lines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('staff audit log rotation', () => {
  it('rotates before a line would pass the size limit, keeps the configured number of files, and loses no entry', () => {
    const t = tempDir();
    cleanup = t.remove;
    const file = path.join(t.dir, 'audit.log');
    const { logger, text } = recordingLogger();
    const log = new AuditLog({ file, kioskId: 'kiosk-7', logger, maxBytes: 1000, files: 3 });
    const total = 60;
    for (let i = 0; i < total; i += 1)
      log.append({ action: 'retry', staffId: 'reception-1', outcome: 'ok', detail: `n${i}` });

    const names = readdirSync(t.dir).sort();
    expect(names).toEqual(['audit.log', 'audit.log.1', 'audit.log.2', 'audit.log.3']);
    for (const name of names) {
      expect(statSync(path.join(t.dir, name)).size).toBeLessThanOrEqual(1000);
      if (process.platform !== 'win32') expect(statSync(path.join(t.dir, name)).mode & 0o777).toBe(0o600);
    }
    // newest in audit.log, then .1, .2, .3; every line whole and in order; the oldest beyond .3 removed
    const kept = ['audit.log.3', 'audit.log.2', 'audit.log.1', 'audit.log'].flatMap((n) => lines(path.join(t.dir, n)));
    const numbers = kept.map((l) => Number(String(l.detail).slice(1)));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => total - numbers.length + i));
    expect(numbers.at(-1)).toBe(total - 1);
    expect(text()).toContain('staff audit log rotated');
    expect(text()).toContain('oldest staff audit log file removed');
  });

  it('a file under the limit is never rotated', () => {
    const t = tempDir();
    cleanup = t.remove;
    const file = path.join(t.dir, 'audit.log');
    const log = new AuditLog({ file, kioskId: 'kiosk-7', logger: recordingLogger().logger });
    for (let i = 0; i < 20; i += 1) log.append({ action: 'enter', staffId: 'reception-1', outcome: 'ok' });
    expect(readdirSync(t.dir)).toEqual(['audit.log']);
    expect(lines(file)).toHaveLength(20);
  });
});
