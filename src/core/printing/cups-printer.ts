/**
 * Printing through CUPS (Linux): `lp -d PRINTER -t TITLE -n COPIES -o media=A4 -- -` spawned with an
 * argument array, the PDF written to its stdin — no file ever holds the document on our side. The
 * status comes from `lpstat -r` (is the scheduler running), `lpstat -l -p PRINTER` (enabled, state
 * message, printer-state-reasons) and `lpstat -a PRINTER` (accepting jobs). See docs/printing.md for
 * the cupsd settings a kiosk needs (PreserveJobFiles No, PreserveJobHistory No).
 */
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
import { parseLpstatAccepting, parseLpstatPrinter, stateFromReasons } from './printer-status';
import {
  CommandNotStarted,
  cLocaleEnv,
  firstLine,
  runProcess,
  type RunResult,
  type SpawnFunction,
} from './process-runner';

export interface CupsPrinterOptions {
  /** The CUPS queue, e.g. "kiosk-pdf" or "Reception_HP". */
  printer: string;
  media?: string;
  /** Paths of the CUPS client programs (default: looked up on PATH). */
  lpPath?: string;
  lpstatPath?: string;
  /** Limit for one lp or lpstat call. */
  timeoutMs?: number;
  logger: Logger;
  spawn?: SpawnFunction;
}

export class CupsPrinter implements Printer {
  readonly kind = 'cups';
  private readonly lp: string;
  private readonly lpstat: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CupsPrinterOptions) {
    this.lp = options.lpPath ?? 'lp';
    this.lpstat = options.lpstatPath ?? 'lpstat';
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get printer(): string {
    return this.options.printer;
  }

  private run(command: string, args: string[], input?: Uint8Array): Promise<RunResult> {
    return runProcess(command, args, {
      input,
      timeoutMs: this.timeoutMs,
      env: cLocaleEnv(),
      spawn: this.options.spawn,
    });
  }

  async status(): Promise<PrinterStatus> {
    const printer = this.printer;
    try {
      // the three questions at once: each lpstat is a process start, and a print waits for all of them
      const [scheduler, listing, acceptingList] = await Promise.all([
        this.run(this.lpstat, ['-r']),
        this.run(this.lpstat, ['-l', '-p', printer]),
        this.run(this.lpstat, ['-a', printer]),
      ]);
      if (!/scheduler is running/.test(scheduler.stdout)) {
        return {
          state: 'offline',
          printer,
          reason: 'scheduler_not_running',
          message: 'the CUPS scheduler (cupsd) is not running',
        };
      }
      const parsed = parseLpstatPrinter(listing.stdout);
      if (!parsed) {
        if (/invalid destination|does not exist|unknown/i.test(listing.stderr)) {
          return {
            state: 'offline',
            printer,
            reason: 'unknown_printer',
            message: `CUPS has no queue named "${printer}"`,
          };
        }
        return {
          state: 'unknown',
          printer,
          reason: 'lpstat_unreadable',
          message: firstLine(listing.stderr) || `lpstat exited with ${String(listing.code)}`,
        };
      }
      const verdict = stateFromReasons(parsed.reasons);
      const warnings = verdict.warnings.length > 0 ? { warnings: verdict.warnings } : {};
      const message = parsed.message ? { message: parsed.message } : {};
      // a disabled queue also reports 'paused'; a more specific reason (media-jam, media-empty …) wins
      if (verdict.state !== 'ready' && verdict.reason !== 'paused')
        return { state: verdict.state, printer, reason: verdict.reason, ...message, ...warnings };
      if (parsed.condition === 'disabled' || verdict.state !== 'ready')
        return { state: 'stopped', printer, reason: 'disabled', ...message, ...warnings };
      const accepting = parseLpstatAccepting(acceptingList.stdout);
      if (accepting === false) return { state: 'stopped', printer, reason: 'not_accepting', ...message, ...warnings };
      return { state: 'ready', printer, ...warnings };
    } catch (err) {
      if (err instanceof CommandNotStarted) {
        return {
          state: 'offline',
          printer,
          reason: 'cups_client_missing',
          message: `${err.command} could not be started (${err.code}); install cups-client`,
        };
      }
      return { state: 'unknown', printer, reason: 'status_failed', message: (err as Error).message };
    }
  }

  async print(pdf: Uint8Array, options: PrintOptions): Promise<PrintJob> {
    const { title, copies } = checkPrintRequest(pdf, options);
    const status = await this.status();
    assertPrintable(status, 'CUPS');
    const args = [
      '-d',
      this.printer,
      '-t',
      title,
      '-n',
      String(copies),
      '-o',
      `media=${this.options.media ?? 'A4'}`,
      '--',
      '-',
    ];
    let result: RunResult;
    try {
      result = await this.run(this.lp, args, pdf);
    } catch (err) {
      const code = err instanceof CommandNotStarted ? err.code : 'error';
      throw printFailure(`lp could not be started (${code}); install cups-client`, 'lp_missing');
    }
    if (result.timedOut)
      throw printFailure(`lp did not finish within ${this.timeoutMs} ms for printer "${this.printer}"`, 'timeout');
    if (result.code !== 0) {
      const complaint = firstLine(result.stderr) || `lp exited with ${String(result.code ?? result.signal)}`;
      const reason = /not accepting/i.test(complaint)
        ? 'not_accepting'
        : /does not exist|unknown|invalid destination/i.test(complaint)
          ? 'unknown_printer'
          : 'lp_failed';
      throw printFailure(`CUPS refused the print job for printer "${this.printer}": ${complaint}`, reason);
    }
    const jobId = /request id is (\S+)/.exec(result.stdout)?.[1] ?? `${this.printer}-?`;
    // a document with personal data is the paper route's blankett: no line may date that visit
    if (!options.containsPersonalData)
      this.options.logger.info(
        { printer: this.printer, jobId, copies, bytes: pdf.byteLength },
        'print job sent to CUPS',
      );
    return { jobId };
  }
}
