/**
 * The document scanner as the attachment service sees it: scan one page, or say what state the
 * scanner is in. One interface for every platform; on Linux it is SANE through `scanimage`
 * (sane-scanner.ts). A Windows kiosk would implement the same interface over WIA (docs/attachments.md
 * describes that path; it is not built).
 */
import type { ScanFailureReason } from '../../contract/namespaces/attachments';

/** One scanned page: a JPEG as the scanner's driver encoded it. */
export interface ScannedPage {
  jpeg: Buffer;
  /** The resolution it was scanned at (gives the paper's size in the PDF). */
  dpi: number;
}

export interface ScannerState {
  /** ready: a scan can start now; otherwise why not. */
  state: 'ready' | ScanFailureReason;
  /** An English line for IT (no personal data: a scanner knows none). */
  reason: string;
}

export interface Scanner {
  /** For logs and the health check: the adapter and device. */
  readonly description: string;
  /** Scans one page; throws ScanFailure with a reason the visitor is told in plain words. */
  scan(): Promise<ScannedPage>;
  /** Opens the device without scanning (the health check and the staff panel). */
  status(): Promise<ScannerState>;
}

/** A scan that gave no page, with the reason the visitor is told and an English detail for IT. */
export class ScanFailure extends Error {
  constructor(
    readonly reason: ScanFailureReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScanFailure';
  }
}
