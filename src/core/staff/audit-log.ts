/**
 * The staff audit log: `<dataDir>/audit.log`, one JSON object per line, appended and flushed for every
 * staff action, mode 0600. When a line would take the file past `maxBytes` it is rotated first
 * (audit.log → audit.log.1 → audit.log.2 …, `files` older files kept), so it never fills the disk and
 * no entry is ever split across two files. Who (the staff id from config, or null for a PIN that matched no one),
 * what, when, the outcome, and a case reference or flow id where the action concerns one — never
 * anything about a visitor. The shape of an entry is fixed here, so no call site can add a field
 * that holds personal data; the one free-text field (a staff note) passes through the redactor.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { Redactor } from '../log/redaction';
import { controlCharactersToSpace } from '../../contract/control-characters';

export const AUDIT_FILE = 'audit.log';

export const auditActions = [
  'enter',
  'leave',
  'timeout',
  'retry',
  'discard',
  'test_print',
  'print_blankett',
  'out_of_order_on',
  'out_of_order_off',
  'mark_assisted',
  'unmark_assisted',
  'health',
  'shut_down',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  action: AuditAction;
  /** The staff id from config; null when no staff member is known (a wrong PIN). */
  staffId: string | null;
  outcome: AuditOutcome;
  /** A machine-readable detail: 'wrong_pin', 'locked', 'not_found', an error code … */
  detail?: string;
  /** A case reference (canonical form). */
  reference?: string;
  flowId?: string;
  language?: string;
  /** Wrong PINs left before the lock (entry attempts). */
  attemptsLeft?: number;
  /** A staff member's note (out-of-order), scrubbed and shortened. */
  note?: string;
}

export interface AuditLogOptions {
  /** The file (normally `<dataDir>/audit.log`). */
  file: string;
  kioskId: string;
  logger: Logger;
  redactor?: Redactor;
  now?: () => number;
  /** Rotate before the file would grow past this (default 5 MiB). */
  maxBytes?: number;
  /** Older files kept (default 10). */
  files?: number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_FILES = 10;

const NOTE_MAX = 200;
const TOKEN = /^[A-Za-z0-9_.:-]{1,64}$/;

export class AuditLog {
  readonly file: string;
  private readonly now: () => number;
  private readonly redactor: Redactor;
  private readonly maxBytes: number;
  private readonly files: number;

  constructor(private readonly options: AuditLogOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.files = Math.max(1, options.files ?? DEFAULT_FILES);
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.redactor = options.redactor ?? new Redactor();
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // create it 0600, or tighten an existing file that someone loosened
      closeSync(openSync(this.file, 'a', 0o600));
      const mode = statSync(this.file).mode & 0o777;
      if (process.platform !== 'win32' && mode !== 0o600) {
        chmodSync(this.file, 0o600);
        options.logger.warn({ file: this.file, mode: mode.toString(8) }, 'audit log had a loose mode; set to 0600');
      }
    } catch (err) {
      // a read-only or full data disk: staff mode still works (the storage check tells IT); entries go to kiosk.log
      options.logger.error({ err, file: this.file }, 'staff audit log cannot be opened; entries are logged instead');
    }
  }

  /** The line written for an entry (exported for tests of the format). */
  format(entry: AuditEntry): string {
    const line: Record<string, string | number | null> = {
      time: new Date(this.now()).toISOString(),
      kiosk: this.options.kioskId,
      staff: entry.staffId,
      action: entry.action,
      outcome: entry.outcome,
    };
    if (entry.detail !== undefined) line.detail = TOKEN.test(entry.detail) ? entry.detail : 'other';
    if (entry.reference !== undefined) line.reference = entry.reference;
    if (entry.flowId !== undefined) line.flow = TOKEN.test(entry.flowId) ? entry.flowId : 'invalid';
    if (entry.language !== undefined) line.language = TOKEN.test(entry.language) ? entry.language : 'invalid';
    if (entry.attemptsLeft !== undefined) line.attemptsLeft = entry.attemptsLeft;
    if (entry.note !== undefined && entry.note.trim() !== '') line.note = this.scrubNote(entry.note);
    return `${JSON.stringify(line)}\n`;
  }

  scrubNote(note: string): string {
    const oneLine = controlCharactersToSpace(note).trim();
    return this.redactor.note(oneLine).slice(0, NOTE_MAX);
  }

  /**
   * Appends one entry and flushes it to disk. Never throws: a failure is logged as an error (with the
   * entry, which holds no personal data), so the action's own log line still records it.
   */
  append(entry: AuditEntry): void {
    const line = this.format(entry);
    try {
      this.rotateIfFull(Buffer.byteLength(line));
    } catch (err) {
      // keep writing to the full file rather than lose the entry
      this.options.logger.error({ err, file: this.file }, 'staff audit log could not be rotated');
    }
    try {
      const fd = openSync(this.file, 'a', 0o600);
      try {
        writeSync(fd, line);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      this.options.logger.error({ err, audit: JSON.parse(line) as unknown }, 'staff audit entry could not be written');
    }
  }

  /** audit.log → audit.log.1 → … → audit.log.<files>; the one beyond is removed. */
  private rotateIfFull(incoming: number): void {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch {
      return; // not there yet: the append creates it
    }
    if (size === 0 || size + incoming <= this.maxBytes) return;
    const numbered = (n: number): string => `${this.file}.${n}`;
    if (existsSync(numbered(this.files))) {
      rmSync(numbered(this.files), { force: true });
      this.options.logger.info(
        { file: numbered(this.files) },
        'oldest staff audit log file removed (staff.auditLog.files)',
      );
    }
    for (let n = this.files - 1; n >= 1; n -= 1) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
    renameSync(this.file, numbered(1));
    this.options.logger.info({ file: this.file, bytes: size }, 'staff audit log rotated');
  }
}
