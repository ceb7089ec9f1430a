/** Printing: one Printer interface, adapters for CUPS, Windows (SumatraPDF), a folder, or none. */
export { createPrinter, type CreatePrinterOptions } from './create-printer';
export { printingConfigSchema, type PrintingConfig, type PrintingConfigInput } from './config';
export { createPrintHandlers } from './print-handlers';
export type { Printer, PrinterStatus, PrintOptions, PrintJob, PrinterState } from './print-service';
