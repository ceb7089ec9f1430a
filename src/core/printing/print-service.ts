/**
 * The print service: one interface for every way the kiosk can put a PDF on paper (CUPS on Linux,
 * SumatraPDF on Windows, a folder for development, or no printer at all). Core asks `status()` before
 * it prints, so a visitor hears "the printer does not work right now" before they wait for nothing,
 * and every failure is a KioskFailure('print_failed', …, { reason }) with a message for IT that
 * never holds personal data (document contents never reach a log or an error).
 */
import { KioskFailure } from '../../contract/errors';
import type { PrinterState } from '../../contract/namespaces/print';
import { controlCharactersToSpace } from '../../contract/control-characters';

export type { PrinterState };

export interface PrinterStatus {
  state: PrinterState;
  /** The queue or printer name ('' when there is none). */
  printer: string;
  /** A short machine-readable reason when not ready: 'media-empty', 'disabled', 'unknown_printer' … */
  reason?: string;
  /** What the print system said, for IT (the CUPS state message, a Windows error state). */
  message?: string;
  /** Conditions that do not stop printing (e.g. 'toner-low'). */
  warnings?: string[];
}

export interface PrintOptions {
  /** The job title the print system shows and may log. Must not hold personal data. */
  title: string;
  /** 1–10 (default 1). */
  copies?: number;
  /**
   * The document holds personal data (the prefilled blankett of the paper route). The folder printer
   * refuses such documents unless configured to accept them.
   */
  containsPersonalData?: boolean;
}

export interface PrintJob {
  jobId: string;
}

export interface Printer {
  /** 'cups' | 'windows' | 'folder' | 'none' */
  readonly kind: string;
  status(): Promise<PrinterStatus>;
  print(pdf: Uint8Array, options: PrintOptions): Promise<PrintJob>;
}

/** States in which a print job is refused before it is sent. 'unknown' is tried: better than refusing. */
export const BLOCKING_STATES: readonly PrinterState[] = ['offline', 'out_of_paper', 'stopped'];

export function printFailure(message: string, reason: string): KioskFailure {
  return new KioskFailure('print_failed', message, { reason });
}

export const MAX_COPIES = 10;
const MAX_TITLE = 100;

/**
 * Checks the options every adapter takes: a PDF, 1–10 copies, a title of printable characters
 * (control characters removed, shortened to 100 characters).
 */
export function checkPrintRequest(pdf: Uint8Array, options: PrintOptions): { title: string; copies: number } {
  if (!(pdf instanceof Uint8Array) || pdf.byteLength < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') {
    throw new KioskFailure('invalid_input', 'print: the document is not a PDF');
  }
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
    throw new KioskFailure('invalid_input', `print: copies must be a whole number from 1 to ${MAX_COPIES}`);
  }
  const title = controlCharactersToSpace(String(options.title ?? ''))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TITLE);
  return { title: title === '' ? 'Kommunkiosk' : title, copies };
}

/** Refuses to print when the status says the printer cannot. */
export function assertPrintable(status: PrinterStatus, kind: string): void {
  if (!BLOCKING_STATES.includes(status.state)) return;
  const why = [status.reason, status.message].filter(Boolean).join(': ');
  throw printFailure(
    `${kind} printer "${status.printer}" cannot print: ${status.state}${why ? ` (${why})` : ''}`,
    status.reason ?? status.state,
  );
}
