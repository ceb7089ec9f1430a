/**
 * createKiosk(options): builds every capability of the kiosk and returns the object that implements
 * the contract. Main (Electron) and host (Node) are the only callers; each passes its platform and, for
 * the embedded defaults, a way to start the simulators (core never imports them).
 *
 * This file only puts the capabilities together, in the order they depend on each other; each is built
 * by its own builder in ./kiosk/ (build-identity.ts, build-cases.ts, …), see docs/architecture.md.
 */
import path from 'node:path';
import type { KioskHandlers, OutOfOrderNotice } from '../contract';
import type { ConfigResult } from './config/load-config';
import { formatProblem } from './config/load-config';
import { EventHub } from './events';
import { loadFlows, type LoadedFlows } from './flows';
import { createHelpService, loadHelp } from './help';
import type { Logger } from './log/logger';
import type { ProcessFaults } from './log/process-faults';
import { Redactor } from './log/redaction';
import { createMetricsFile } from './monitoring/metrics-file';
import type { Platform } from './platform';
import { RendererSessions } from './session/renderer-sessions';
import { DEFAULT_GRACE_SECONDS, Visit } from './session/visit';
import type { StaffService } from './staff/staff-service';
import { mediaPermitted, type MediaRequest } from './attachments/camera-permission';
import { buildAttachments } from './kiosk/build-attachments';
import { buildCases } from './kiosk/build-cases';
import { buildDocuments, buildPrinter, loadLogo } from './kiosk/build-documents';
import { buildHandlers } from './kiosk/build-handlers';
import { buildEmbeddedSimulators, buildIdentity, type StartEmbedded } from './kiosk/build-identity';
import { buildLogging } from './kiosk/build-logging';
import { buildHealthChecks, buildStaff, staffHandlers } from './kiosk/build-staff';
import { buildSpeech } from './kiosk/build-speech';
import { buildPaperRoute, buildSubmission } from './kiosk/build-submission';
import type { Closer, KioskContext } from './kiosk/kiosk-context';
import { kioskInfo, UNCONFIGURED_KIOSK_ID } from './kiosk/kiosk-info';
import { OutOfOrderState } from './kiosk/out-of-order';

export type { StartEmbedded } from './kiosk/build-identity';

export interface KioskOptions {
  /** The result of loading the config file: a failed one gives an out-of-order kiosk. */
  config: ConfigResult;
  platform: Platform;
  /** Used when the config names no dataDir. */
  defaultDataDir: string;
  version: string;
  /** The shipped resources folder (flows, help, fonts). */
  resourcesDir: string;
  /** Starts the simulators for `mode: simulator`; without it such a kiosk is out of order. */
  startEmbedded?: StartEmbedded;
  /** Tests pass a logger; otherwise one is made from config (file in the data folder). */
  logger?: Logger;
  redactor?: Redactor;
  /** The process's last-resort fault handlers (main, host): counted in the health checks. */
  processFaults?: Pick<ProcessFaults, 'summary'>;
  /** Seconds core waits beyond idle + warning before it ends a visit itself (tests shorten it). */
  visitGraceSeconds?: number;
}

export interface Kiosk {
  readonly handlers: KioskHandlers;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly visit: Visit;
  /** The renderer sessions (windows, sockets) and the visit each holds: main and host call through it. */
  readonly sessions: RendererSessions;
  /** Lines describing the embedded simulators (URLs), empty when none run. */
  readonly embedded: string[];
  /**
   * Staff or a failed check can take the kiosk out of order; the reasons are for staff and IT, the
   * notice (a fixed reason staff chose) is what visitors are told.
   */
  setOutOfOrder(reasons: string[], notice?: OutOfOrderNotice | null): void;
  /**
   * Whether the kiosk's page may have this media permission now: the camera, for the kiosk's own
   * origin, while the attachment screen has it open (src/core/attachments/camera-permission.ts).
   * Both shells ask: Electron's permission handlers and the host bridge.
   */
  mediaPermission(request: MediaRequest, kioskOrigin: string): boolean;
  close(): Promise<void>;
}

const FALLBACK_CONFIG_FILE = '(embedded defaults)';
const NO_FLOWS: LoadedFlows = { flows: new Map(), problems: [], sources: new Map() };

/** How long each part took to start (logged once: IT sees where a slow start comes from). */
function startupTimer(): { phase(name: string): void; timings: Record<string, number> } {
  const timings: Record<string, number> = {};
  let phaseStart = performance.now();
  return {
    timings,
    phase(name) {
      const now = performance.now();
      timings[name] = Math.round(now - phaseStart);
      phaseStart = now;
    },
  };
}

export async function createKiosk(options: KioskOptions): Promise<Kiosk> {
  const { platform } = options;
  const { phase, timings } = startupTimer();
  const config = options.config.ok ? options.config.config : null;
  const baseDir = options.config.ok ? options.config.baseDir : process.cwd();
  const redactor = options.redactor ?? new Redactor();
  const { dataDir, logDir, logger, ownLog } = buildLogging({
    config,
    baseDir,
    defaultDataDir: options.defaultDataDir,
    redactor,
    logger: options.logger,
  });

  const outOfOrder = new OutOfOrderState();
  if (!options.config.ok) {
    const file = options.config.file ?? FALLBACK_CONFIG_FILE;
    for (const p of options.config.problems) {
      const line = formatProblem(p, file);
      outOfOrder.addStartupProblem(line);
      logger.error({ problem: line }, 'configuration invalid; kiosk is out of order');
    }
  }

  const events = new EventHub(logger);
  const visit = new Visit(logger, redactor);
  visit.onReset('browser-data', () => platform.clearBrowserData());
  // eslint-disable-next-line prefer-const -- assigned once the handlers exist, below
  let sessions: RendererSessions;
  if (config) {
    const limits = config.session;
    visit.enableDeadline({
      limits: () => limits,
      graceSeconds: options.visitGraceSeconds ?? DEFAULT_GRACE_SECONDS,
      onExpired: () => {
        logger.info('no activity from the screen within the visit limit; core ends the visit');
        void sessions.endVisit('expired');
      },
    });
  }
  const closers: Closer[] = [];
  const ctx: KioskContext | null = config
    ? {
        config,
        baseDir,
        dataDir,
        resourcesDir: options.resourcesDir,
        version: options.version,
        platform,
        logger,
        redactor,
        visit,
        emit: events.forNamespace(),
        outOfOrder,
        closers,
      }
    : null;
  const logo = ctx ? loadLogo(ctx) : null;

  phase('setup');
  const flows: LoadedFlows = config
    ? loadFlows({
        dirs: config.flows.dirs,
        baseDir,
        builtinDir: path.join(options.resourcesDir, 'flows'),
        enabled: config.flows.enabled,
        logger,
      })
    : NO_FLOWS;

  phase('flows');
  // "Frågor och svar": the shipped texts even when the config is invalid
  const help = createHelpService(
    loadHelp({ dir: config?.help.dir ?? null, baseDir, builtinDir: path.join(options.resourcesDir, 'help'), logger }),
    {
      phone: config?.kiosk.municipality.contactCentre.phone ?? null,
      email: config?.kiosk.municipality.contactCentre.email ?? null,
    },
  );

  phase('help');
  const simulators = ctx
    ? await buildEmbeddedSimulators(ctx, options.startEmbedded)
    : { connections: {}, describe: [] };

  phase('simulators');
  const identity = ctx ? buildIdentity(ctx, simulators.connections, flows) : null;

  phase('identity');
  let staff: StaffService | null = null;
  const cases = ctx ? buildCases(ctx, { logDir: ownLog ? logDir : null }) : null;

  phase('cases');
  const documents = ctx ? buildDocuments(ctx, logo) : null;
  const printer = ctx ? buildPrinter(ctx) : null;
  const attachments = ctx ? buildAttachments(ctx, flows) : null;
  const submission =
    ctx && identity && cases && documents
      ? buildSubmission(ctx, { flows, identity, cases, documents, printer, attachments })
      : null;
  const paper = ctx && documents && printer ? buildPaperRoute(ctx, { flows, identity, documents, printer }) : null;

  phase('documents');
  const speech = ctx ? buildSpeech(ctx) : null;
  const health = ctx
    ? buildHealthChecks(ctx, {
        connections: simulators.connections,
        cases,
        logHealth: ownLog ? ownLog.health : null,
        processFaults: options.processFaults,
        attachments,
        speech,
      })
    : null;
  if (ctx && health) staff = buildStaff(ctx, { flows, cases, health, documents, printer });
  const metrics = createMetricsFile({
    config: config?.monitoring ?? {},
    baseDir,
    sources: {
      kioskId: config?.kiosk.id ?? UNCONFIGURED_KIOSK_ID,
      version: options.version,
      configValid: options.config.ok,
      cases: cases?.queue ?? null,
      health,
      printing: printer,
      outOfOrder: () => outOfOrder.reasons().length > 0,
    },
    logger,
  });
  metrics.start();
  closers.push(() => metrics.stop());

  const info = () => kioskInfo(config, { version: options.version, logo: logo?.dataUrl ?? null, outOfOrder });
  outOfOrder.onChange(() => {
    try {
      const { state, outOfOrderReasons, outOfOrderNotice } = info();
      events.emit('app.state', { state, outOfOrderReasons, ...(outOfOrderNotice ? { outOfOrderNotice } : {}) });
    } catch (err) {
      logger.warn({ err }, 'the kiosk state could not be announced');
    }
  });

  const handlers = buildHandlers({
    info,
    outOfOrder,
    configured: config !== null,
    visit,
    help,
    flows,
    identity,
    submission,
    attachments,
    cases,
    paper,
    printer,
    speech,
    staff: staffHandlers(staff),
  });

  sessions = new RendererSessions({
    visit,
    handlers: () => handlers,
    events,
    logger,
    onSessionEnd: () => staff?.endForSession(),
  });

  phase('staff');
  logger.info(
    {
      kioskId: info().kioskId,
      version: options.version,
      platform: platform.name,
      state: info().state,
      flows: [...flows.flows.keys()],
      startupMs: timings,
    },
    'kiosk started',
  );

  return {
    handlers,
    events,
    logger,
    dataDir,
    visit,
    sessions,
    embedded: simulators.describe,
    setOutOfOrder: (reasons, notice = null) => outOfOrder.setByStaff(reasons, notice),
    mediaPermission: (request, kioskOrigin) => mediaPermitted(request, kioskOrigin, attachments?.cameraOpen() ?? false),
    async close() {
      await visit.reset('shutdown').catch(() => undefined);
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (err) {
          logger.warn({ err }, 'a service did not close cleanly');
        }
      }
      logger.info('kiosk stopped');
      logger.flush?.();
      await ownLog?.close();
    },
  };
}
