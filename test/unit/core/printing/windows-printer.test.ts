/**
 * The Windows adapter cannot run here (no SumatraPDF, no PowerShell); its spawn is replaced by one
 * that records what would run and starts a harmless Node process in its place. What is tested: the
 * argument arrays, and that the print-time file exists only during the print call, in a private folder,
 * and is overwritten and deleted afterwards — also when printing fails.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { createLogger } from '../../../../src/core/log/logger';
import type { SpawnFunction } from '../../../../src/core/printing/process-runner';
import {
  STATUS_SCRIPT,
  sumatraArguments,
  WindowsPrinter,
  wipeFile,
} from '../../../../src/core/printing/windows-printer';

const logger = createLogger({ level: 'silent' }).logger;
const PDF = new TextEncoder().encode('%PDF-1.7\nTolvan Tolvansson 191212121212\n%%EOF\n');
const READY = '{"Name":"Reception","PrinterStatus":3,"DetectedErrorState":2,"WorkOffline":false}';

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'kiosk-win-print-'));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

interface Call {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv | undefined;
  file?: { bytes: Buffer; mode: number; dirMode: number };
}

/** A spawn that records each call; PowerShell answers `status`, SumatraPDF exits with `exitCode`. */
function fakeSpawn(calls: Call[], { status = READY, exitCode = 0, missing = false } = {}): SpawnFunction {
  return (command, args, options) => {
    const call: Call = { command, args: [...args], env: options.env };
    calls.push(call);
    if (command.endsWith('powershell.exe')) {
      return nodeSpawn(process.execPath, ['-e', `process.stdout.write(${JSON.stringify(status)})`], options);
    }
    if (missing) return nodeSpawn(path.join(temp, 'no-such-program'), [], options);
    const file = args[args.length - 1] as string;
    call.file = {
      bytes: readFileSync(file),
      mode: statSync(file).mode & 0o777,
      dirMode: statSync(path.dirname(file)).mode & 0o777,
    };
    return nodeSpawn(process.execPath, ['-e', `process.exit(${exitCode})`], options);
  };
}

describe('WindowsPrinter', () => {
  it('builds the SumatraPDF command line as an argument array', () => {
    expect(sumatraArguments('Reception "HP" 1', 'C:\\t\\document.pdf', 2, 'A4')).toEqual([
      '-print-to',
      'Reception "HP" 1',
      '-print-settings',
      '2x,paper=A4,noscale',
      '-silent',
      'C:\\t\\document.pdf',
    ]);
    expect(sumatraArguments(null, 'f.pdf', 1, 'A4').slice(0, 1)).toEqual(['-print-to-default']);
  });

  it('asks PowerShell for the status with the printer name in the environment, never in the script', async () => {
    const calls: Call[] = [];
    const printer = new WindowsPrinter({
      printer: "Rec'eption; rm -rf",
      sumatraPath: 'C:\\Sumatra.exe',
      logger,
      spawn: fakeSpawn(calls, { status: '{}' }),
    });
    expect(await printer.status()).toMatchObject({ state: 'offline', reason: 'unknown_printer' });
    expect(calls[0]?.args).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      STATUS_SCRIPT,
    ]);
    expect(calls[0]?.env?.KIOSK_PRINTER_NAME).toBe("Rec'eption; rm -rf");
    expect(STATUS_SCRIPT).not.toContain('Rec');
  });

  it('prints from a private file that exists only during the call and is wiped afterwards', async () => {
    const calls: Call[] = [];
    const printer = new WindowsPrinter({
      printer: 'Reception',
      sumatraPath: 'C:\\Sumatra.exe',
      tempDir: temp,
      logger,
      spawn: fakeSpawn(calls),
    });
    const job = await printer.print(PDF, { title: 'Blankett', copies: 2 });
    expect(job.jobId).toMatch(/^windows-/);
    const sumatra = calls.find((c) => c.command === 'C:\\Sumatra.exe');
    expect(sumatra?.args.slice(0, 5)).toEqual([
      '-print-to',
      'Reception',
      '-print-settings',
      '2x,paper=A4,noscale',
      '-silent',
    ]);
    expect(sumatra?.file?.bytes.equals(Buffer.from(PDF))).toBe(true);
    if (process.platform !== 'win32') {
      expect(sumatra?.file?.mode).toBe(0o600);
      expect(sumatra?.file?.dirMode).toBe(0o700);
    }
    expect(existsSync(sumatra?.args.at(-1) as string)).toBe(false);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('wipes the file when SumatraPDF fails or cannot be started, and says so as print_failed', async () => {
    for (const [options, reason] of [
      [{ exitCode: 1 }, 'sumatra_failed'],
      [{ missing: true }, 'sumatra_missing'],
    ] as const) {
      const calls: Call[] = [];
      const printer = new WindowsPrinter({
        printer: null,
        sumatraPath: 'C:\\Sumatra.exe',
        tempDir: temp,
        logger,
        spawn: fakeSpawn(calls, options),
      });
      const failure = await printer.print(PDF, { title: 't' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(KioskFailure);
      expect((failure as KioskFailure).toError()).toMatchObject({ code: 'print_failed', reason });
      expect((failure as KioskFailure).message).not.toContain('Tolvan');
      expect(readdirSync(temp)).toEqual([]);
    }
  });

  it('refuses before writing anything when the printer is out of paper', async () => {
    const calls: Call[] = [];
    const status = '{"Name":"Reception","PrinterStatus":3,"DetectedErrorState":4}';
    const printer = new WindowsPrinter({
      printer: 'Reception',
      sumatraPath: 'C:\\Sumatra.exe',
      tempDir: temp,
      logger,
      spawn: fakeSpawn(calls, { status }),
    });
    await expect(printer.print(PDF, { title: 't' })).rejects.toMatchObject({
      code: 'print_failed',
      extra: { reason: 'no-paper' },
    });
    expect(calls.map((c) => c.command)).toEqual(['powershell.exe']);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('overwrites the content before deleting: another link to the same file sees only zeros', async () => {
    const dir = mkdtempSync(path.join(temp, 'kiosk-print-'));
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, PDF);
    const witness = path.join(temp, 'witness');
    linkSync(file, witness);
    await wipeFile(file, dir, logger);
    expect(existsSync(dir)).toBe(false);
    const left = readFileSync(witness);
    expect(left.length).toBe(PDF.length);
    expect(left.every((b) => b === 0)).toBe(true);
  });
});
