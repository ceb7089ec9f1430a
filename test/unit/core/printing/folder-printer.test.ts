import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerStatusSchema } from '../../../../src/contract/namespaces/print';
import { createLogger } from '../../../../src/core/log/logger';
import { createPrinter } from '../../../../src/core/printing/create-printer';
import { FolderPrinter } from '../../../../src/core/printing/folder-printer';
import { NoPrinter } from '../../../../src/core/printing/no-printer';
import { createPrintHandlers } from '../../../../src/core/printing/print-handlers';

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-folder-print-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }).logger, lines };
}

describe('the folder printer (development)', () => {
  it('is the default adapter, writes to <dataDir>/printouts, private files, and warns that it writes to disk', async () => {
    const { logger, lines } = capture();
    const printer = createPrinter({}, logger, { dataDir });
    expect(printer.kind).toBe('folder');
    expect(lines.join('')).toContain('every printed document is written to disk');
    expect(await printer.status()).toEqual({ state: 'ready', printer: path.join(dataDir, 'printouts') });
    const job = await printer.print(PDF, { title: 'Blankett förskoleplats', copies: 2 });
    const files = readdirSync(path.join(dataDir, 'printouts'));
    expect(files).toEqual([job.jobId]);
    expect(job.jobId).toMatch(/-blankett-forskoleplats-[0-9a-f]{6}-x2\.pdf$/);
    expect(readFileSync(path.join(dataDir, 'printouts', job.jobId))).toEqual(Buffer.from(PDF));
    if (process.platform !== 'win32')
      expect(statSync(path.join(dataDir, 'printouts', job.jobId)).mode & 0o777).toBe(0o600);
  });

  it('refuses documents with personal data unless configured to take them', async () => {
    const logger = createLogger({ level: 'silent' }).logger;
    const strict = createPrinter({ adapter: 'folder' }, logger, { dataDir });
    await expect(strict.print(PDF, { title: 'Blankett', containsPersonalData: true })).rejects.toMatchObject({
      code: 'print_failed',
      extra: { reason: 'personal_data_refused' },
    });
    const printouts = path.join(dataDir, 'printouts');
    expect(existsSync(printouts) ? readdirSync(printouts) : []).toEqual([]);
    const lenient = createPrinter({ adapter: 'folder', folder: 'ut', folderAllowPersonalData: true }, logger, {
      dataDir,
    });
    await lenient.print(PDF, { title: 'Blankett', containsPersonalData: true });
    expect(readdirSync(path.join(dataDir, 'ut'))).toHaveLength(1);
  });

  it('is offline when the folder cannot be written, and rejects what is not a PDF', async () => {
    const logger = createLogger({ level: 'silent' }).logger;
    const blocked = path.join(dataDir, 'file');
    writeFileSync(blocked, 'x');
    const printer = new FolderPrinter({ dir: path.join(blocked, 'sub'), logger });
    expect(await printer.status()).toMatchObject({ state: 'offline', reason: 'folder_unwritable' });
    await expect(printer.print(PDF, { title: 't' })).rejects.toMatchObject({
      code: 'print_failed',
      extra: { reason: 'folder_unwritable' },
    });
    await expect(printer.print(new TextEncoder().encode('hello'), { title: 't' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(printer.print(PDF, { title: 't', copies: 11 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('no printer, and print.status', () => {
  it('adapter none: offline with a reason, and printing fails with print_failed', async () => {
    const printer = createPrinter({ adapter: 'none' }, createLogger({ level: 'silent' }).logger, { dataDir });
    expect(printer).toBeInstanceOf(NoPrinter);
    await expect(printer.print(PDF, { title: 't' })).rejects.toMatchObject({
      code: 'print_failed',
      extra: { reason: 'no_printer_configured' },
    });
    const handlers = createPrintHandlers({ printer });
    const status = await handlers['print.status']({});
    expect(printerStatusSchema.parse(status)).toEqual({
      state: 'offline',
      printer: '',
      reason: 'no_printer_configured',
    });
  });
});
