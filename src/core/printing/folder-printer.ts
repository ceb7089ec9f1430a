/**
 * The development printer: writes each PDF into a folder instead of onto paper. It writes documents to
 * disk, so it says so in the log when it is created, and it refuses documents that hold personal data
 * (the prefilled blankett of the paper route) unless `printing.folderAllowPersonalData` is true: the
 * paper route promises that nothing about the visitor stays on the kiosk.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger';
import {
  assertPrintable,
  checkPrintRequest,
  printFailure,
  type PrintJob,
  type PrintOptions,
  type Printer,
  type PrinterStatus,
} from './print-service';

export interface FolderPrinterOptions {
  dir: string;
  /** Accept documents with personal data (never on a kiosk that serves visitors). */
  allowPersonalData?: boolean;
  logger: Logger;
}

/** A file name part from a job title: letters, digits and hyphens. */
function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ascii === '' ? 'document' : ascii;
}

export class FolderPrinter implements Printer {
  readonly kind = 'folder';

  constructor(private readonly options: FolderPrinterOptions) {
    options.logger.warn(
      { dir: options.dir, allowPersonalData: options.allowPersonalData ?? false },
      'printing goes to a folder: every printed document is written to disk (development only; use cups or windows on a kiosk)',
    );
  }

  async status(): Promise<PrinterStatus> {
    const { dir } = this.options;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await access(dir, constants.W_OK);
      return { state: 'ready', printer: dir };
    } catch (err) {
      return {
        state: 'offline',
        printer: dir,
        reason: 'folder_unwritable',
        message: `cannot write to ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      };
    }
  }

  async print(pdf: Uint8Array, options: PrintOptions): Promise<PrintJob> {
    const { title, copies } = checkPrintRequest(pdf, options);
    if (options.containsPersonalData && !this.options.allowPersonalData) {
      throw printFailure(
        'the folder printer does not take documents with personal data (printing.folderAllowPersonalData is false); configure a real printer for the paper route',
        'personal_data_refused',
      );
    }
    assertPrintable(await this.status(), 'folder');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${slug(title)}-${randomBytes(3).toString('hex')}${copies > 1 ? `-x${copies}` : ''}.pdf`;
    const file = path.join(this.options.dir, name);
    try {
      await writeFile(file, pdf, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      throw printFailure(
        `the folder printer could not write to ${this.options.dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'folder_unwritable',
      );
    }
    this.options.logger.info({ file, copies, bytes: pdf.byteLength }, 'document "printed" to the folder');
    return { jobId: name };
  }
}
