/**
 * Cases: the encrypted queue, its journal and the delivery worker. A queue that cannot be opened is a
 * start-up problem; a storage fault later is a reason on the out-of-order screen that passes by itself.
 */
import path from 'node:path';
import { createCaseService, type CaseService } from '../cases/service';
import { AUDIT_FILE } from '../staff/audit-log';
import { describeError, type KioskContext } from './kiosk-context';

export function buildCases(
  ctx: KioskContext,
  options: {
    /** Set when core opened its own log: the recovery notes go beside it. */
    logDir: string | null;
  },
): CaseService | null {
  const { config, dataDir, logger, version, resourcesDir } = ctx;
  try {
    const cases = createCaseService({
      config: config.cases,
      dataDir,
      keyWrapper: ctx.platform.keyWrapper,
      logger,
      emit: ctx.emit,
      userAgent: `Kommunkiosk/${version} (${config.kiosk.id})`,
      fgs: {
        softwareVersion: version,
        municipality: config.kiosk.municipality.name,
        schemasDir: path.join(resourcesDir, 'fgs-schemas'),
      },
      confirmationContext: {
        municipality: config.kiosk.municipality.name,
        minaSidorUrl: config.documents.minaSidorUrl,
        contact: config.kiosk.municipality.contactCentre,
      },
      // a storage fault is a reason on the out-of-order screen, and passes by itself when it can
      tolerateStorageFaults: true,
      auditFile: path.join(dataDir, AUDIT_FILE),
      ...(options.logDir !== null ? { logDir: options.logDir } : {}),
      onStorageChange: () => ctx.outOfOrder.announce(),
    });
    ctx.closers.push(() => cases.close());
    ctx.outOfOrder.watchStorage(() => cases.storage.problems().map((p) => p.reason));
    return cases;
  } catch (err) {
    ctx.outOfOrder.addStartupProblem(`cases: the case queue could not be opened (${describeError(err)})`);
    logger.error({ err }, 'case queue could not be opened; kiosk is out of order');
    return null;
  }
}
