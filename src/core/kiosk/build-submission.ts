/**
 * Submission (a signed-in or anonymous visitor's case into the queue) and the paper route (the printed
 * blankett for protected identity). Both need documents; submission needs identity and cases, the
 * paper route a printer. This is also where the case document meets the PDF: the archive's case PDF/A
 * names the identification and the signature (its hash, never the signature itself).
 */
import { createHash } from 'node:crypto';
import type { AttachmentService } from '../attachments/attachment-service';
import type { CaseService } from '../cases/service';
import type { DocumentService } from '../documents/document-service';
import type { LoadedFlows } from '../flows';
import type { IdentityService } from '../identity/identity-service';
import { createPaperRoute } from '../paper/paper-route';
import type { Printer } from '../printing/print-service';
import { createSubmissionService, type CasePdfRenderer, type ReceiptPrinter } from '../submission/submission-service';
import type { KioskContext } from './kiosk-context';

/** The case PDF/A with the identification and signing details the archive needs. */
export function casePdfRenderer(documents: DocumentService): CasePdfRenderer {
  return (doc, { reference, identification: id, signing }) =>
    documents.casePdf(doc, {
      reference,
      identification: id ? { name: id.name, personnummer: id.personalNumber, method: id.method } : null,
      signature: signing
        ? {
            signedAt: signing.signedAt,
            method: signing.method,
            ocspPresent: signing.method === 'bankid' && signing.ocspResponse.length > 0,
            signatureSha256: createHash('sha256')
              .update(signing.method === 'bankid' ? signing.signature : signing.jws)
              .digest('hex'),
          }
        : null,
    });
}

function receiptPrinter(documents: DocumentService, printer: Printer): ReceiptPrinter {
  return async (r) => {
    const pdf = await documents.receiptPdf({
      reference: r.reference,
      service: r.flow.title,
      submittedAt: r.submittedAt,
      status: r.status,
      lang: r.language,
      attachments: r.attachments,
    });
    await printer.print(pdf, { title: `Kvitto ${r.reference}` });
  };
}

export function buildSubmission(
  ctx: KioskContext,
  parts: {
    flows: LoadedFlows;
    identity: IdentityService;
    cases: CaseService;
    documents: DocumentService;
    printer: Printer | null;
    attachments: AttachmentService | null;
  },
): ReturnType<typeof createSubmissionService> {
  const { flows, identity, cases, documents, printer } = parts;
  return createSubmissionService({
    attachments: parts.attachments,
    flows: () => flows.flows,
    identity,
    queue: cases.queue,
    visit: ctx.visit,
    kioskId: ctx.config.kiosk.id,
    logger: ctx.logger,
    renderCasePdf: casePdfRenderer(documents),
    caseStatus: (reference) => cases.queue.status(reference),
    ...(printer ? { printReceipt: receiptPrinter(documents, printer) } : {}),
  });
}

export function buildPaperRoute(
  ctx: KioskContext,
  parts: { flows: LoadedFlows; identity: IdentityService | null; documents: DocumentService; printer: Printer },
): ReturnType<typeof createPaperRoute> {
  const { flows, identity, documents, printer } = parts;
  const paper = createPaperRoute({
    flows: () => flows.flows,
    documents,
    printer,
    visit: ctx.visit,
    logger: ctx.logger,
    defaultPostAddress: ctx.config.documents.postAddress,
    leaveBankId: async () => {
      await identity?.handlers['identity.logout']({});
    },
  });
  ctx.closers.push(() => paper.close());
  return paper;
}
