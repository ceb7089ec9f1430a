/**
 * Identity: the e-IDs (BankID, Freja eID+) and the population register, over real connections or, for `mode: simulator`, the
 * embedded simulators the shell starts (core never imports them). A simulator that cannot start is a
 * start-up problem, not a crash.
 */
import type { KioskConfig } from '../config/kiosk-config';
import type { LoadedFlows } from '../flows';
import { createIdentityService, type IdentityConnections, type IdentityService } from '../identity/identity-service';
import { describeError, type KioskContext } from './kiosk-context';

/** What a composition root starts for `mode: simulator` (see src/simulators/embedded.ts). */
export interface EmbeddedServices {
  connections: IdentityConnections;
  /** One line each, for the console of the host / the log. */
  describe: string[];
  close(): Promise<void>;
}

export type StartEmbedded = (request: {
  dataDir: string;
  bankid: boolean;
  register: boolean;
  /** The Freja eID+ simulator, when the kiosk offers Freja in mode simulator. */
  freja?: boolean;
  settings: KioskConfig['simulators'];
}) => Promise<EmbeddedServices>;

export interface EmbeddedSimulators {
  connections: IdentityConnections;
  /** Lines describing the simulators (URLs), empty when none run. */
  describe: string[];
}

export async function buildEmbeddedSimulators(
  ctx: KioskContext,
  startEmbedded: StartEmbedded | undefined,
): Promise<EmbeddedSimulators> {
  const { config, logger } = ctx;
  const wantBankId = config.identity.bankid.mode === 'simulator';
  const wantRegister = config.identity.register.mode === 'simulator';
  const wantFreja = config.identity.methods.includes('freja') && config.identity.freja.mode === 'simulator';
  if (!wantBankId && !wantRegister && !wantFreja) return { connections: {}, describe: [] };
  if (!startEmbedded) {
    ctx.outOfOrder.addStartupProblem(
      'identity: mode simulator needs the embedded simulators, which this build cannot start; use mode external',
    );
    return { connections: {}, describe: [] };
  }
  try {
    const started = await startEmbedded({
      dataDir: ctx.dataDir,
      bankid: wantBankId,
      register: wantRegister,
      freja: wantFreja,
      settings: config.simulators,
    });
    ctx.closers.push(() => started.close());
    logger.warn({ simulators: started.describe }, 'running on SIMULATED BankID/register: not for real visitors');
    return { connections: started.connections, describe: [...started.describe] };
  } catch (err) {
    ctx.outOfOrder.addStartupProblem(`identity: the embedded simulators could not start (${describeError(err)})`);
    return { connections: {}, describe: [] };
  }
}

export function buildIdentity(
  ctx: KioskContext,
  connections: IdentityConnections,
  flows: LoadedFlows,
): IdentityService {
  const { config, logger, visit, emit, baseDir, redactor } = ctx;
  const identity = createIdentityService({
    config: config.identity,
    logger,
    visit,
    emit,
    connections,
    baseDir,
    redactor,
    // a flow may restrict the e-IDs it accepts
    flowMethods: (flowId) => flows.flows.get(flowId)?.identificationMethods,
  });
  ctx.closers.push(() => identity.close());
  return identity;
}
