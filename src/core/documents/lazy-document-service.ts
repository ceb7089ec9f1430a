/**
 * The document service, loaded on first use. pdf-lib and fontkit take a noticeable part of a cold
 * start, and the start screen needs neither; the composition root warms the service a moment after the
 * kiosk is up (when the start screen has loaded), so the first blankett does not wait either, and a
 * broken font still shows as a problem within seconds of start.
 */
import type { DocumentService, DocumentServiceOptions } from './document-service';

export interface LazyDocumentService {
  readonly service: DocumentService;
  /** Loads the real service now; rejects with its error (a missing font …). */
  warm(): Promise<void>;
}

export function createLazyDocumentService(options: DocumentServiceOptions): LazyDocumentService {
  let loading: Promise<DocumentService> | null = null;
  const load = (): Promise<DocumentService> => {
    loading ??= import('./document-service').then((m) => m.createDocumentService(options));
    return loading;
  };
  return {
    service: {
      blankett: async (flow, opts) => (await load()).blankett(flow, opts),
      casePdf: async (doc, extra) => (await load()).casePdf(doc, extra),
      receiptPdf: async (receipt, now) => (await load()).receiptPdf(receipt, now),
    },
    warm: async () => {
      await load();
    },
  };
}
