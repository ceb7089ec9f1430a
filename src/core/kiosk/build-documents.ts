/**
 * Documents (case PDF/A, receipt, blankett) and the printer. pdf-lib and the fonts are loaded in the
 * background a little after start, when the start screen is up; a broken font then takes the kiosk
 * out of order. A printer that cannot be set up is a start-up problem.
 */
import { logoDataUrl } from '../app/branding';
import { resolveFrom } from '../config/load-config';
import type { DocumentService } from '../documents/document-service';
import { createLazyDocumentService } from '../documents/lazy-document-service';
import { createPrinter } from '../printing/create-printer';
import type { Printer } from '../printing/print-service';
import { describeError, type KioskContext } from './kiosk-context';

/** The document service (pdf-lib, fonts) is loaded this long after start-up, when the start screen is up. */
const DOCUMENTS_WARM_AFTER_MS = 2000;

export interface MunicipalityLogo {
  /** data: URL for the screen. */
  dataUrl: string;
  /** The same image for the PDFs. */
  bytes: Uint8Array;
}

/** The configured logo, or null (none configured, or it cannot be used: the screen shows the name only). */
export function loadLogo(ctx: Pick<KioskContext, 'config' | 'baseDir' | 'logger'>): MunicipalityLogo | null {
  const file = ctx.config.kiosk.municipality.logo;
  if (!file) return null;
  try {
    const dataUrl = logoDataUrl(resolveFrom(ctx.baseDir, file));
    return { dataUrl, bytes: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') };
  } catch (err) {
    ctx.logger.warn({ err }, 'logo could not be read; the start screen shows the name only');
    return null;
  }
}

export function buildDocuments(ctx: KioskContext, logo: MunicipalityLogo | null): DocumentService {
  const { config, logger } = ctx;
  const m = config.kiosk.municipality;
  const lazy = createLazyDocumentService({
    resourcesDir: ctx.resourcesDir,
    municipality: {
      name: m.name,
      logoBytes: logo?.bytes ?? null,
      contact: { phone: m.contactCentre.phone, email: m.contactCentre.email },
    },
    logger,
    config: config.documents,
  });
  // not while the screen itself is loading: pdf-lib and fontkit take a few hundred ms of CPU
  const warming = setTimeout(() => {
    lazy.warm().catch((err: unknown) => {
      ctx.outOfOrder.addStartupProblem(`documents: PDFs cannot be made (${describeError(err)})`);
      logger.error({ err }, 'document service could not start; kiosk is out of order');
      ctx.outOfOrder.announce();
    });
  }, DOCUMENTS_WARM_AFTER_MS);
  warming.unref();
  ctx.closers.push(() => clearTimeout(warming));
  return lazy.service;
}

export function buildPrinter(ctx: KioskContext): Printer | null {
  try {
    return createPrinter(ctx.config.printing, ctx.logger, { dataDir: ctx.dataDir });
  } catch (err) {
    ctx.outOfOrder.addStartupProblem(`printing: ${describeError(err)}`);
    return null;
  }
}
