/** Printing: one Printer interface, adapters for CUPS, Windows (SumatraPDF), a folder, or none. */
export { createPrinter } from './create-printer';
