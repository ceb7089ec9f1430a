/**
 * createDocumentService: the PDFs of the kiosk, made in memory (Uint8Array), never via a temp file.
 *  - blankett(flow, { lang, answers? }): the blank form of any flow, or prefilled for the paper route;
 *  - casePdf(caseDocument, extra): the PDF/A-2b case document for delivery and archiving;
 *  - receiptPdf(receipt): the visitor's receipt with a QR code to Mina sidor, without personal data.
 * The fonts are read once, here; a missing font is an error at start-up, not at the first visitor.
 */
import type { PDFDocument, PDFImage } from 'pdf-lib';
import { KioskFailure } from '../../contract/errors';
import type { FlowDefinition } from '../../contract/flows/definition';
import type { CaseDocument } from '../submission/case-document';
import type { Logger } from '../log/logger';
import { renderBlankett, type BlankettOptions } from './blankett';
import { renderCasePdf, type CasePdfExtra } from './case-document-pdf';
import { documentsConfigSchema, type DocumentsConfigInput } from './config';
import { FontLibrary } from './fonts';
import { embedLogo, type Municipality } from './letterhead';
import { renderReceiptPdf, type ReceiptInput } from './receipt-pdf';

export interface DocumentServiceOptions {
  /** The shipped resources folder (fonts/ inside). */
  resourcesDir: string;
  municipality: Municipality;
  logger: Logger;
  /** Config section `documents` (defaults when omitted). */
  config?: DocumentsConfigInput;
}

export interface DocumentService {
  /** The blankett of `flow`: blank, or prefilled when `options.answers` is given. */
  blankett(flow: FlowDefinition, options: BlankettOptions): Promise<Uint8Array>;
  /** The case document as PDF/A-2b. */
  casePdf(caseDocument: CaseDocument, extra: CasePdfExtra): Promise<Uint8Array>;
  /** The receipt; `followUrl` defaults to config `documents.minaSidorUrl`. */
  receiptPdf(receipt: Omit<ReceiptInput, 'followUrl'> & { followUrl?: string | null }, now?: Date): Promise<Uint8Array>;
}

export function createDocumentService(options: DocumentServiceOptions): DocumentService {
  const { logger, municipality } = options;
  const config = documentsConfigSchema.parse(options.config ?? {});
  const library = FontLibrary.load(options.resourcesDir);
  // a logo that cannot be used is reported once, then left out
  const unusable = new Set<'any' | 'pdfa'>();
  const logoFor =
    (use: 'any' | 'pdfa') =>
    async (doc: PDFDocument): Promise<PDFImage | null> => {
      if (unusable.has(use) || unusable.has('any')) return null;
      const image = await embedLogo(doc, municipality.logoBytes, logger, use === 'pdfa');
      if (!image && municipality.logoBytes && municipality.logoBytes.length > 0) unusable.add(use);
      return image;
    };
  const logo = logoFor('any');

  async function render(
    kind: string,
    details: Record<string, unknown>,
    make: () => Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const started = performance.now();
    try {
      const bytes = await make();
      logger.debug(
        { kind, ...details, bytes: bytes.byteLength, ms: Math.round(performance.now() - started) },
        'document rendered',
      );
      return bytes;
    } catch (err) {
      logger.error({ err, kind, ...details }, 'document could not be rendered');
      throw new KioskFailure(
        'internal',
        `the ${kind} could not be rendered${typeof details.flowId === 'string' ? ` for flow ${details.flowId}` : ''}`,
        {
          reason: 'document_failed',
        },
      );
    }
  }

  return {
    blankett: (flow, blankettOptions) =>
      render(
        'blankett',
        { flowId: flow.id, prefilled: blankettOptions.answers !== undefined, lang: blankettOptions.lang },
        () =>
          renderBlankett(library, municipality, logo, flow, {
            defaultPostAddress: config.postAddress,
            ...blankettOptions,
          }),
      ),
    casePdf: (caseDocument, extra) =>
      render('case document', { flowId: caseDocument.flow.id }, () =>
        renderCasePdf(library, municipality, logoFor('pdfa'), caseDocument, extra),
      ),
    receiptPdf: (receipt, now) =>
      render('receipt', {}, () =>
        renderReceiptPdf(
          library,
          municipality,
          logo,
          { ...receipt, followUrl: receipt.followUrl === undefined ? config.minaSidorUrl : receipt.followUrl },
          now,
        ),
      ),
  };
}
