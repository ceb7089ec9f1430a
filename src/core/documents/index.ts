/** Documents: blanketts, case documents (PDF/A) and receipts as PDF, in memory. */
export { createDocumentService, type DocumentService, type DocumentServiceOptions } from './document-service';
export { documentsConfigSchema, type DocumentsConfig, type DocumentsConfigInput } from './config';
export type { BlankettOptions } from './blankett';
export type { CasePdfExtra, CaseIdentification, CaseSignature } from './case-document-pdf';
export type { ReceiptInput } from './receipt-pdf';
export type { Municipality, MunicipalityContact } from './letterhead';
export { MISSING_GLYPH_MARKER } from './printable-text';
