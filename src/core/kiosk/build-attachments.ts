/**
 * Attachments: the configured scanner (SANE on Linux; none elsewhere yet) and the service that keeps
 * the visit's pages and makes their PDFs for submission.
 */
import { createAttachmentService, type AttachmentService } from '../attachments/attachment-service';
import { createSaneScanner } from '../attachments/sane-scanner';
import type { Scanner } from '../attachments/scanner';
import type { LoadedFlows } from '../flows';
import type { KioskContext } from './kiosk-context';

function buildScanner(ctx: KioskContext): Scanner | null {
  const scanner = ctx.config.attachments.scanner;
  if (scanner.adapter !== 'sane' || scanner.device === null) return null;
  return createSaneScanner({ config: { ...scanner, device: scanner.device } });
}

export function buildAttachments(ctx: KioskContext, flows: LoadedFlows): AttachmentService {
  return createAttachmentService({
    config: ctx.config.attachments,
    scanner: buildScanner(ctx),
    flows: () => flows.flows,
    visit: ctx.visit,
    logger: ctx.logger,
    author: ctx.config.kiosk.municipality.name,
  });
}
