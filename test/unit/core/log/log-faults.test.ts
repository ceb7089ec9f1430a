/**
 * Logging faults never end the kiosk: a log folder that cannot be made sends lines to stderr and says
 * so in health; the process's last-resort handlers log, count and carry on.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../src/core/log/logger';
import { installProcessFaultHandlers } from '../../../../src/core/log/process-faults';

let cleanup: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of cleanup) c();
  cleanup = [];
});

function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kk-log-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('kiosk.log that cannot be written', () => {
  it('falls back to stderr, says so once, and reports it in its health', async () => {
    const blocker = path.join(dir(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const stderr = captureStderr();
    const log = createLogger({ dir: path.join(blocker, 'logs') });
    log.logger.info({ case: 'K7-4F9Q-2' }, 'case stored');
    log.logger.info('another line');
    expect(log.health()).toMatchObject({ ok: false, file: path.join(blocker, 'logs', 'kiosk.log') });
    expect(log.health().reason).toMatch(/kiosk\.log cannot be written \((ENOTDIR|EEXIST)\) since /);
    const text = stderr.join('');
    expect(text.match(/logging to stderr until it can/g)).toHaveLength(1);
    expect(text).toContain('"msg":"case stored"');
    expect(text).toContain('"msg":"another line"');
    await log.close();
  });

  it('a writable folder: lines reach kiosk.log and health is ok', async () => {
    const d = dir();
    const log = createLogger({ dir: d });
    log.logger.info('hello');
    await log.close();
    expect(readFileSync(path.join(d, 'kiosk.log'), 'utf8')).toContain('"msg":"hello"');
    expect(log.health()).toEqual({ ok: true, file: path.join(d, 'kiosk.log'), reason: null });
  });
});

describe('process fault handlers', () => {
  /** A stand-in process: an emitter the handlers attach to, so the test runner's own process is left alone. */
  function target(): NodeJS.Process & EventEmitter {
    return new EventEmitter() as unknown as NodeJS.Process & EventEmitter;
  }

  it('log each fault (redacted), count it, and keep the process', () => {
    const lines: string[] = [];
    const { logger } = createLogger({
      destination: new Writable({
        write(c: Buffer, _e, cb) {
          lines.push(c.toString());
          cb();
        },
      }),
    });
    const t = target();
    const faults = installProcessFaultHandlers({ target: t, logger, now: () => Date.parse('2025-03-01T10:00:00Z') });
    t.emit('uncaughtException', new Error('lookup failed for 19811218-9876'));
    t.emit('unhandledRejection', 'plain reason');
    expect(faults.summary()).toEqual({
      count: 2,
      last: { at: '2025-03-01T10:00:00.000Z', kind: 'unhandledRejection', message: 'plain reason' },
    });
    const text = lines.join('');
    expect(text).toContain('uncaught exception: the kiosk keeps running');
    expect(text).toContain('unhandled promise rejection: the kiosk keeps running');
    expect(text).not.toContain('19811218');
    faults.dispose();
    expect(t.listenerCount('uncaughtException')).toBe(0);
  });

  it('a flood is counted in full but logged at most ten times a minute', () => {
    const stderr = captureStderr();
    const t = target();
    const faults = installProcessFaultHandlers({ target: t });
    for (let i = 0; i < 50; i++) t.emit('uncaughtException', new Error(`tick ${i}`));
    expect(faults.summary().count).toBe(50);
    expect(stderr.join('').match(/the kiosk keeps running/g)).toHaveLength(10);
    faults.dispose();
  });
});
