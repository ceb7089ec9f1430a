/**
 * Printing on Windows through SumatraPDF (the program pdf-to-printer bundles; we call it directly with
 * an argument array, so nothing goes through a shell, and IT names the exe with `printing.sumatraPath`).
 *
 * SumatraPDF can only print a file. So the PDF lives in a file for exactly the duration of the print
 * call: in a fresh folder under the kiosk user's own temp folder (%LOCALAPPDATA%\Temp, which only that
 * user, SYSTEM and administrators can read; mode 0700/0600 elsewhere), created exclusively, and when
 * SumatraPDF has handed the job to the spooler it is overwritten with zeros, flushed and deleted with
 * its folder — also when printing fails. See docs/printing.md for what this does not cover (SSD wear
 * levelling, the Windows spooler's own files).
 *
 * The status comes from PowerShell's Get-CimInstance Win32_Printer; the printer name is passed in an
 * environment variable, never spliced into the script.
 */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../log/logger';
import {
  assertPrintable,
  checkPrintRequest,
  printFailure,
  type PrintJob,
  type PrintOptions,
  type Printer,
  type PrinterState,
  type PrinterStatus,
} from './print-service';
import { CommandNotStarted, firstLine, runProcess, type SpawnFunction } from './process-runner';

export interface WindowsPrinterOptions {
  /** The printer's name as Windows shows it; null for the default printer. */
  printer: string | null;
  /** Full path of SumatraPDF.exe (unpacked, not inside the asar archive). */
  sumatraPath: string;
  /** Where the print-time folder is made; default the kiosk user's temp folder. */
  tempDir?: string | null;
  media?: string;
  timeoutMs?: number;
  powershellPath?: string;
  logger: Logger;
  spawn?: SpawnFunction;
}

/** The SumatraPDF command line for one job. */
export function sumatraArguments(printer: string | null, file: string, copies: number, media: string): string[] {
  const target = printer ? ['-print-to', printer] : ['-print-to-default'];
  return [...target, '-print-settings', `${copies}x,paper=${media},noscale`, '-silent', file];
}

/** Reads the printer, default or named by $env:KIOSK_PRINTER_NAME, as one line of JSON ('{}': none). */
export const STATUS_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$name = $env:KIOSK_PRINTER_NAME',
  '$all = Get-CimInstance -ClassName Win32_Printer',
  'if ($name) { $p = $all | Where-Object { $_.Name -eq $name } | Select-Object -First 1 } else { $p = $all | Where-Object { $_.Default } | Select-Object -First 1 }',
  "if ($null -eq $p) { '{}' } else { $p | Select-Object Name, PrinterStatus, DetectedErrorState, ExtendedDetectedErrorState, WorkOffline | ConvertTo-Json -Compress }",
].join('; ');

interface Win32Printer {
  Name?: string;
  PrinterStatus?: number;
  DetectedErrorState?: number;
  WorkOffline?: boolean;
}

/** Win32_Printer.DetectedErrorState values that stop printing. */
const ERROR_STATES: Record<number, { state: PrinterState; reason: string }> = {
  4: { state: 'out_of_paper', reason: 'no-paper' },
  6: { state: 'stopped', reason: 'no-toner' },
  7: { state: 'stopped', reason: 'door-open' },
  8: { state: 'stopped', reason: 'jammed' },
  9: { state: 'offline', reason: 'offline' },
  10: { state: 'stopped', reason: 'service-requested' },
  11: { state: 'stopped', reason: 'output-bin-full' },
};

/** Win32_Printer → PrinterStatus. */
export function windowsStatusFrom(json: string, requested: string | null): PrinterStatus {
  let p: Win32Printer;
  try {
    p = JSON.parse(json) as Win32Printer;
  } catch {
    return { state: 'unknown', printer: requested ?? '', reason: 'status_unreadable' };
  }
  if (!p || typeof p !== 'object' || !p.Name) {
    return { state: 'offline', printer: requested ?? '', reason: requested ? 'unknown_printer' : 'no_default_printer' };
  }
  const printer = p.Name;
  if (p.WorkOffline === true || p.PrinterStatus === 7) return { state: 'offline', printer, reason: 'offline' };
  const error = p.DetectedErrorState !== undefined ? ERROR_STATES[p.DetectedErrorState] : undefined;
  if (error) return { printer, ...error };
  if (p.PrinterStatus === 6) return { state: 'stopped', printer, reason: 'stopped-printing' };
  const warnings = p.DetectedErrorState === 3 ? ['low-paper'] : p.DetectedErrorState === 5 ? ['low-toner'] : [];
  return { state: 'ready', printer, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Overwrites the file with zeros, flushes it, deletes it and its folder. Tries a few times (a spooler may still hold it). */
export async function wipeFile(file: string, dir: string, logger: Logger): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      const handle = await open(file, 'r+');
      try {
        const { size } = await handle.stat();
        const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
        for (let written = 0; written < size; written += zeros.length) {
          await handle.write(zeros, 0, Math.min(zeros.length, size - written), written);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rm(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await rm(dir, { recursive: true, force: true });
        return;
      }
      if (attempt === 5) {
        logger.error({ err, dir }, 'the print-time copy of a document could not be wiped; remove the folder');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export class WindowsPrinter implements Printer {
  readonly kind = 'windows';
  private readonly timeoutMs: number;

  constructor(private readonly options: WindowsPrinterOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async status(): Promise<PrinterStatus> {
    const requested = this.options.printer;
    try {
      const result = await runProcess(
        this.options.powershellPath ?? 'powershell.exe',
        ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', STATUS_SCRIPT],
        { timeoutMs: 15_000, env: { ...process.env, KIOSK_PRINTER_NAME: requested ?? '' }, spawn: this.options.spawn },
      );
      if (result.code !== 0)
        return {
          state: 'unknown',
          printer: requested ?? '',
          reason: 'status_failed',
          message: firstLine(result.stderr),
        };
      return windowsStatusFrom(result.stdout.trim(), requested);
    } catch (err) {
      const message = err instanceof CommandNotStarted ? err.message : (err as Error).message;
      return { state: 'unknown', printer: requested ?? '', reason: 'status_failed', message };
    }
  }

  async print(pdf: Uint8Array, options: PrintOptions): Promise<PrintJob> {
    const { copies } = checkPrintRequest(pdf, options);
    assertPrintable(await this.status(), 'Windows');
    const base = this.options.tempDir ?? os.tmpdir();
    let dir: string;
    try {
      dir = await mkdtemp(path.join(base, 'kiosk-print-'));
    } catch (err) {
      throw printFailure(
        `no folder for the print-time file in ${base} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'temp_folder_failed',
      );
    }
    const file = path.join(dir, 'document.pdf');
    try {
      await writeFile(file, pdf, { flag: 'wx', mode: 0o600 });
      const args = sumatraArguments(this.options.printer, file, copies, this.options.media ?? 'A4');
      let result;
      try {
        result = await runProcess(this.options.sumatraPath, args, {
          timeoutMs: this.timeoutMs,
          spawn: this.options.spawn,
        });
      } catch (err) {
        const code = err instanceof CommandNotStarted ? err.code : 'error';
        throw printFailure(
          `SumatraPDF could not be started from ${this.options.sumatraPath} (${code})`,
          'sumatra_missing',
        );
      }
      if (result.timedOut) throw printFailure(`SumatraPDF did not finish within ${this.timeoutMs} ms`, 'timeout');
      if (result.code !== 0)
        throw printFailure(
          `SumatraPDF failed to print (exit ${String(result.code ?? result.signal)})`,
          'sumatra_failed',
        );
      const jobId = `windows-${Date.now().toString(36)}`;
      // a document with personal data is the paper route's blankett: no line may date that visit
      if (!options.containsPersonalData)
        this.options.logger.info(
          { printer: this.options.printer ?? '(default)', jobId, copies, bytes: pdf.byteLength },
          'print job sent to Windows',
        );
      return { jobId };
    } finally {
      await wipeFile(file, dir, this.options.logger);
    }
  }
}
