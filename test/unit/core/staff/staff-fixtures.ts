/** Shared pieces of the staff tests: temp folders, loggers, a manual clock and scheduler. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../../src/core/log/logger';
import type { Schedule } from '../../../../src/core/staff/staff-session';

/** The cheapest parameters the config accepts: tests stay fast, the code path is the real one. */
export const TEST_SCRYPT = { ln: 14, r: 8, p: 1 };

export function tempDir(prefix = 'kk-staff-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function silentLogger(): Logger {
  return createLogger({ level: 'silent' }).logger;
}

export function recordingLogger(): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }).logger, text: () => chunks.join('') };
}

/** A clock that only moves when told, with timers that fire when it passes them. */
export class ManualClock {
  private t: number;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;

  constructor(start = Date.parse('2025-03-01T08:00:00Z')) {
    this.t = start;
  }

  now = (): number => this.t;

  schedule: Schedule = (ms, fn) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  };

  /** Moves time forward, firing due timers in order (a fired timer may arm another). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }

  get pending(): number {
    return this.timers.length;
  }
}
