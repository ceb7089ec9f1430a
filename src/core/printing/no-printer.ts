import {
  checkPrintRequest,
  printFailure,
  type PrintJob,
  type PrintOptions,
  type Printer,
  type PrinterStatus,
} from './print-service';

/** printing.adapter: none — the kiosk has no printer; the paper route tells the visitor to ask staff. */
export class NoPrinter implements Printer {
  readonly kind = 'none';

  async status(): Promise<PrinterStatus> {
    return { state: 'offline', printer: '', reason: 'no_printer_configured', message: 'printing.adapter is none' };
  }

  async print(pdf: Uint8Array, options: PrintOptions): Promise<PrintJob> {
    checkPrintRequest(pdf, options);
    throw printFailure('this kiosk has no printer (printing.adapter is none)', 'no_printer_configured');
  }
}
