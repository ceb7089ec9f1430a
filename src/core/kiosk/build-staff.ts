/**
 * Staff mode and the health checks it shows. Staff mode works on an out-of-order kiosk too (that is
 * when staff need it most); without a valid config it answers `unavailable`, except its status.
 */
import type { KioskHandlers } from '../../contract';
import type { AttachmentService } from '../attachments/attachment-service';
import { cameraHealthCheck, cameraNames } from '../attachments/camera-devices';
import { scannerHealthCheck } from '../attachments/scanner-health';
import { KioskFailure } from '../../contract';
import type { CaseService } from '../cases/service';
import type { DocumentService } from '../documents/document-service';
import type { LoadedFlows } from '../flows';
import { faultHealthChecks } from '../health/fault-checks';
import type { HealthChecks } from '../health/health-checks';
import { createHealthChecksFromConfig } from '../health/health-setup';
import type { IdentityConnections } from '../identity/identity-service';
import type { LogHealth } from '../log/logger';
import type { ProcessFaults } from '../log/process-faults';
import type { Printer } from '../printing/print-service';
import type { KioskSpeech } from './build-speech';
import { caseOpsOf, createStaffService, type StaffService } from '../staff/staff-service';
import type { KioskContext } from './kiosk-context';

export type StaffHandlers = Pick<KioskHandlers, `staff.${string}` & keyof KioskHandlers>;

export function buildHealthChecks(
  ctx: KioskContext,
  parts: {
    connections: IdentityConnections;
    cases: CaseService | null;
    logHealth: (() => LogHealth) | null;
    processFaults: Pick<ProcessFaults, 'summary'> | undefined;
    attachments: AttachmentService | null;
    speech: KioskSpeech | null;
  },
): HealthChecks {
  const { cases, processFaults, attachments, speech } = parts;
  const faults = faultHealthChecks({
    storage: cases
      ? {
          paths: cases.paths,
          problems: () => cases.storage.problems(),
          notices: () => cases.storage.notices(),
          journalled: () => cases.queue.journal.references().length,
        }
      : null,
    log: parts.logHealth,
    process: processFaults ? () => processFaults.summary() : null,
  });
  return createHealthChecksFromConfig({
    config: ctx.config,
    baseDir: ctx.baseDir,
    dataDir: ctx.dataDir,
    connections: parts.connections,
    keyWrapper: ctx.platform.keyWrapper,
    logger: ctx.logger,
    overrides: {
      extraChecks: async () => {
        const scanner = await attachments?.scannerState();
        const camera = attachments?.cameraState(cameraNames());
        return [
          ...(await faults()),
          ...(scanner ? [scannerHealthCheck(scanner)] : []),
          ...(camera ? [cameraHealthCheck(camera)] : []),
          ...(speech ? [await speech.check(ctx.config.kiosk.languages), speech.headset.check()] : []),
        ];
      },
    },
  });
}

export function buildStaff(
  ctx: KioskContext,
  parts: {
    flows: LoadedFlows;
    cases: CaseService | null;
    health: HealthChecks;
    documents: DocumentService | null;
    printer: Printer | null;
  },
): StaffService {
  const { config, platform } = ctx;
  const { flows, documents, printer } = parts;
  const staff = createStaffService({
    config,
    version: ctx.version,
    dataDir: ctx.dataDir,
    logger: ctx.logger,
    visit: ctx.visit,
    redactor: ctx.redactor,
    cases: parts.cases ? caseOpsOf(parts.cases) : null,
    health: parts.health,
    ...(printer ? { printing: printer } : {}),
    printBlankett: async (flowId, language) => {
      const flow = flows.flows.get(flowId);
      if (!flow || !documents || !printer) throw new KioskFailure('unavailable', 'No such e-service, or no printer.');
      const pdf = await documents.blankett(flow, { lang: language, defaultPostAddress: config.documents.postAddress });
      return printer.print(pdf, { title: `Blankett ${flow.id} (tom)` });
    },
    setOutOfOrder: (reasons, notice) => ctx.outOfOrder.setByStaff(reasons ?? [], notice),
    ...(platform.quit ? { shutDown: platform.quit } : {}),
    emit: ctx.emit,
  });
  ctx.closers.push(() => staff.close());
  return staff;
}

/** Staff's handlers: the service's, or — without a valid config — `unavailable` for all but the status. */
export function staffHandlers(staff: StaffService | null): StaffHandlers {
  if (staff) return staff.handlers;
  const unavailable = async (): Promise<never> => {
    throw new KioskFailure('unavailable', 'Staff mode needs a valid configuration.');
  };
  return {
    'staff.enter': unavailable,
    'staff.leave': unavailable,
    'staff.touch': unavailable,
    'staff.status': async () => ({ active: false, configured: false, lockedSeconds: 0 }),
    'staff.overview': unavailable,
    'staff.retry': unavailable,
    'staff.discard': unavailable,
    'staff.testPrint': unavailable,
    'staff.printBlankett': unavailable,
    'staff.setOutOfOrder': unavailable,
    'staff.markAssisted': unavailable,
    'staff.health': unavailable,
    'staff.shutDown': unavailable,
  };
}
