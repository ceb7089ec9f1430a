/**
 * createKiosk(options): builds every service of the kiosk and returns the object that implements the
 * contract. Main (Electron) and host (Node) are the only callers; each passes its platform and, for
 * the embedded defaults, a way to start the simulators (core never imports them).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { KioskHandlers, KioskInfo, OutOfOrderNotice } from '../contract';
import { KioskFailure } from '../contract';
import type { CaseIdentification, CaseSigning } from '../contract/delivery/envelope';
import { logoDataUrl } from './app/branding';
import { createCaseService, type CaseService } from './cases/service';
import type { KioskConfig } from './config/kiosk-config';
import { formatProblem, resolveFrom, type ConfigResult } from './config/load-config';
import type { DocumentService } from './documents/document-service';
import { createLazyDocumentService } from './documents/lazy-document-service';
import { EventHub } from './events';
import { createFlowsHandlers, flowCatalogue, loadFlows, type LoadedFlows } from './flows';
import { faultHealthChecks } from './health/fault-checks';
import { createHealthChecksFromConfig } from './health/health-setup';
import { createHelpService, loadHelp } from './help';
import type { HealthChecks } from './health/health-checks';
import { createIdentityService, type IdentityConnections, type IdentityService } from './identity/identity-service';
import { createLogger, type Logger } from './log/logger';
import type { ProcessFaults } from './log/process-faults';
import { Redactor } from './log/redaction';
import type { Platform } from './platform';
import { createMetricsFile } from './monitoring/metrics-file';
import { createPaperRoute } from './paper/paper-route';
import { createPrinter } from './printing/create-printer';
import { createPrintHandlers } from './printing/print-handlers';
import type { Printer } from './printing/print-service';
import { RendererSessions } from './session/renderer-sessions';
import { DEFAULT_GRACE_SECONDS, Visit } from './session/visit';
import { AUDIT_FILE } from './staff/audit-log';
import { caseOpsOf, createStaffService, type StaffService } from './staff/staff-service';
import { createSubmissionService } from './submission/submission-service';

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
  settings: KioskConfig['simulators'];
}) => Promise<EmbeddedServices>;

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
  close(): Promise<void>;
}

const FALLBACK_CONFIG_FILE = '(embedded defaults)';
/** The document service (pdf-lib, fonts) is loaded this long after start-up, when the start screen is up. */
const DOCUMENTS_WARM_AFTER_MS = 2000;

/** The case PDF/A with the identification and signing details the archive needs. */
async function casePdf(
  documents: DocumentService,
  doc: Parameters<DocumentService['casePdf']>[0],
  extra: { reference: string; identification: CaseIdentification | null; signing: CaseSigning | null },
): Promise<Uint8Array> {
  const { identification: id, signing } = extra;
  return documents.casePdf(doc, {
    reference: extra.reference,
    identification: id ? { name: id.name, personnummer: id.personalNumber } : null,
    signature: signing
      ? {
          signedAt: signing.signedAt,
          ocspPresent: signing.ocspResponse.length > 0,
          signatureSha256: createHash('sha256').update(signing.signature).digest('hex'),
        }
      : null,
  });
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function createKiosk(options: KioskOptions): Promise<Kiosk> {
  const { platform } = options;
  /** How long each part took to start (logged once: IT sees where a slow start comes from). */
  const timings: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - phaseStart);
    phaseStart = now;
  };
  const config: KioskConfig | null = options.config.ok ? options.config.config : null;
  const baseDir = options.config.ok ? options.config.baseDir : process.cwd();
  const dataDir = config?.dataDir ? resolveFrom(baseDir, config.dataDir) : options.defaultDataDir;
  const redactor = options.redactor ?? new Redactor();
  const logDir = config?.log.dir ? resolveFrom(baseDir, config.log.dir) : path.join(dataDir, 'logs');
  const ownLog = options.logger
    ? null
    : createLogger({
        dir: logDir,
        level: config?.log.level ?? 'info',
        redactor,
      });
  const logger = options.logger ?? (ownLog as NonNullable<typeof ownLog>).logger;

  /** Problems that keep visitors out: invalid config, a capability that could not start. */
  const startupProblems: string[] = [];
  /** Set by staff (issue: staff mode) — separate so clearing it never hides a startup problem. */
  let staffOutOfOrder: string[] = [];
  let staffNotice: OutOfOrderNotice | null = null;
  if (!options.config.ok) {
    const file = options.config.file ?? FALLBACK_CONFIG_FILE;
    for (const p of options.config.problems) {
      const line = formatProblem(p, file);
      startupProblems.push(line);
      logger.error({ problem: line }, 'configuration invalid; kiosk is out of order');
    }
  }

  const events = new EventHub(logger);
  /** Tells the screen the kiosk's state changed (bound once `info` exists: a storage fault may come first). */
  let announceState: () => void = () => {};
  const emit = events.forNamespace();
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
  const closers: Array<() => Promise<void> | void> = [];

  let logo: string | null = null;
  let logoBytes: Uint8Array | null = null;
  if (config?.kiosk.municipality.logo) {
    try {
      logo = logoDataUrl(resolveFrom(baseDir, config.kiosk.municipality.logo));
      logoBytes = Buffer.from(logo.slice(logo.indexOf(',') + 1), 'base64');
    } catch (err) {
      logger.warn({ err }, 'logo could not be read; the start screen shows the name only');
    }
  }

  phase('setup');
  // ---- flows -------------------------------------------------------------------------------------
  const flows: LoadedFlows = config
    ? loadFlows({
        dirs: config.flows.dirs,
        baseDir,
        builtinDir: path.join(options.resourcesDir, 'flows'),
        enabled: config.flows.enabled,
        logger,
      })
    : { flows: new Map(), problems: [], sources: new Map() };
  const flowsHandlers = createFlowsHandlers({ flows: flows.flows });

  phase('flows');
  // ---- help ("Frågor och svar"): the shipped texts even when the config is invalid -----------------
  const help = createHelpService(
    loadHelp({ dir: config?.help.dir ?? null, baseDir, builtinDir: path.join(options.resourcesDir, 'help'), logger }),
    {
      phone: config?.kiosk.municipality.contactCentre.phone ?? null,
      email: config?.kiosk.municipality.contactCentre.email ?? null,
    },
  );

  phase('help');
  // ---- embedded simulators (demo / tests) ----------------------------------------------------------
  const embedded: string[] = [];
  let connections: IdentityConnections = {};
  if (config) {
    const wantBankId = config.identity.bankid.mode === 'simulator';
    const wantRegister = config.identity.register.mode === 'simulator';
    if (wantBankId || wantRegister) {
      if (!options.startEmbedded) {
        startupProblems.push(
          'identity: mode simulator needs the embedded simulators, which this build cannot start; use mode external',
        );
      } else {
        try {
          const started = await options.startEmbedded({
            dataDir,
            bankid: wantBankId,
            register: wantRegister,
            settings: config.simulators,
          });
          connections = started.connections;
          embedded.push(...started.describe);
          closers.push(() => started.close());
          logger.warn({ simulators: started.describe }, 'running on SIMULATED BankID/register: not for real visitors');
        } catch (err) {
          startupProblems.push(`identity: the embedded simulators could not start (${describeError(err)})`);
        }
      }
    }
  }

  phase('simulators');
  // ---- identity (BankID + register) --------------------------------------------------------------
  let identity: IdentityService | null = null;
  if (config) {
    identity = createIdentityService({ config: config.identity, logger, visit, emit, connections, baseDir, redactor });
    closers.push(() => identity?.close());
  }

  phase('identity');
  // ---- cases (queue + delivery) ------------------------------------------------------------------
  let cases: CaseService | null = null;
  if (config) {
    try {
      cases = createCaseService({
        config: config.cases,
        dataDir,
        keyWrapper: platform.keyWrapper,
        logger,
        emit,
        userAgent: `Kommunkiosk/${options.version} (${config.kiosk.id})`,
        fgs: {
          softwareVersion: options.version,
          municipality: config.kiosk.municipality.name,
          schemasDir: path.join(options.resourcesDir, 'fgs-schemas'),
        },
        confirmationContext: {
          municipality: config.kiosk.municipality.name,
          minaSidorUrl: config.documents.minaSidorUrl,
          contact: config.kiosk.municipality.contactCentre,
        },
        // a storage fault is a reason on the out-of-order screen, and passes by itself when it can
        tolerateStorageFaults: true,
        auditFile: path.join(dataDir, AUDIT_FILE),
        ...(ownLog ? { logDir } : {}),
        onStorageChange: () => announceState(),
      });
      closers.push(() => cases?.close());
    } catch (err) {
      startupProblems.push(`cases: the case queue could not be opened (${describeError(err)})`);
      logger.error({ err }, 'case queue could not be opened; kiosk is out of order');
    }
  }

  phase('cases');
  // ---- documents and printing --------------------------------------------------------------------
  let documents: DocumentService | null = null;
  let printer: Printer | null = null;
  if (config) {
    const m = config.kiosk.municipality;
    const lazy = createLazyDocumentService({
      resourcesDir: options.resourcesDir,
      municipality: {
        name: m.name,
        logoBytes,
        contact: { phone: m.contactCentre.phone, email: m.contactCentre.email },
      },
      logger,
      config: config.documents,
    });
    documents = lazy.service;
    // loaded in the background once the start screen is up (not while the screen itself is loading:
    // pdf-lib and fontkit take a few hundred ms of CPU); a broken font then takes the kiosk out of order
    const warming = setTimeout(() => {
      lazy.warm().catch((err: unknown) => {
        startupProblems.push(`documents: PDFs cannot be made (${describeError(err)})`);
        logger.error({ err }, 'document service could not start; kiosk is out of order');
        announceState();
      });
    }, DOCUMENTS_WARM_AFTER_MS);
    warming.unref();
    closers.push(() => clearTimeout(warming));
    try {
      printer = createPrinter(config.printing, logger, { dataDir });
    } catch (err) {
      startupProblems.push(`printing: ${describeError(err)}`);
    }
  }
  const printHandlers = printer ? createPrintHandlers({ printer }) : null;

  const submission =
    config && identity && cases && documents
      ? createSubmissionService({
          flows: () => flows.flows,
          identity,
          queue: cases.queue,
          visit,
          kioskId: config.kiosk.id,
          logger,
          renderCasePdf: (doc, extra) => casePdf(documents, doc, extra),
          caseStatus: (reference) => cases?.queue.status(reference) ?? 'unknown',
          ...(printer
            ? {
                printReceipt: async (r) => {
                  const pdf = await documents.receiptPdf({
                    reference: r.reference,
                    service: r.flow.title,
                    submittedAt: r.submittedAt,
                    status: r.status,
                    lang: r.language,
                  });
                  await printer?.print(pdf, { title: `Kvitto ${r.reference}` });
                },
              }
            : {}),
        })
      : null;

  const paper =
    config && documents && printer
      ? createPaperRoute({
          flows: () => flows.flows,
          documents,
          printer,
          visit,
          logger,
          defaultPostAddress: config.documents.postAddress,
          leaveBankId: async () => {
            await identity?.handlers['identity.logout']({});
          },
        })
      : null;
  if (paper) closers.push(() => paper.close());

  const outOfOrderReasons = (): string[] => [
    ...startupProblems,
    ...(cases?.storage.problems().map((p) => p.reason) ?? []),
    ...staffOutOfOrder,
  ];
  const setOutOfOrder = (reasons: string[], notice: OutOfOrderNotice | null = null): void => {
    staffOutOfOrder = [...reasons];
    staffNotice = reasons.length > 0 ? notice : null;
    announceState();
  };

  phase('documents');
  // ---- health checks, staff mode, fleet metrics --------------------------------------------------
  let health: HealthChecks | null = null;
  let staff: StaffService | null = null;
  if (config) {
    health = createHealthChecksFromConfig({
      config,
      baseDir,
      dataDir,
      connections,
      keyWrapper: platform.keyWrapper,
      logger,
      overrides: {
        extraChecks: faultHealthChecks({
          storage: cases
            ? {
                paths: cases.paths,
                problems: () => cases?.storage.problems() ?? [],
                notices: () => cases?.storage.notices() ?? [],
                journalled: () => cases?.queue.journal.references().length ?? 0,
              }
            : null,
          log: ownLog ? ownLog.health : null,
          process: options.processFaults ? () => options.processFaults!.summary() : null,
        }),
      },
    });
    staff = createStaffService({
      config,
      version: options.version,
      dataDir,
      logger,
      visit,
      redactor,
      cases: cases ? caseOpsOf(cases) : null,
      health,
      ...(printer ? { printing: printer } : {}),
      printBlankett: async (flowId, language) => {
        const flow = flows.flows.get(flowId);
        if (!flow || !documents || !printer) throw new KioskFailure('unavailable', 'No such e-service, or no printer.');
        const pdf = await documents.blankett(flow, {
          lang: language,
          defaultPostAddress: config.documents.postAddress,
        });
        return printer.print(pdf, { title: `Blankett ${flow.id} (tom)` });
      },
      setOutOfOrder: (reasons, notice) => setOutOfOrder(reasons ?? [], notice),
      ...(platform.quit ? { shutDown: platform.quit } : {}),
      emit,
    });
    closers.push(() => staff?.close());
  }
  const metrics = createMetricsFile({
    config: config?.monitoring ?? {},
    baseDir,
    sources: {
      kioskId: config?.kiosk.id ?? 'unconfigured',
      version: options.version,
      configValid: options.config.ok,
      cases: cases?.queue ?? null,
      health,
      printing: printer,
      outOfOrder: () => outOfOrderReasons().length > 0,
    },
    logger,
  });
  metrics.start();
  closers.push(() => metrics.stop());

  announceState = () => {
    try {
      const { state, outOfOrderReasons: current, outOfOrderNotice } = info();
      events.emit('app.state', {
        state,
        outOfOrderReasons: current,
        ...(outOfOrderNotice ? { outOfOrderNotice } : {}),
      });
    } catch (err) {
      logger.warn({ err }, 'the kiosk state could not be announced');
    }
  };
  const info = (): KioskInfo => ({
    state: outOfOrderReasons().length > 0 ? 'out_of_order' : 'ready',
    outOfOrderReasons: outOfOrderReasons(),
    ...(staffNotice ? { outOfOrderNotice: staffNotice } : {}),
    kioskId: config?.kiosk.id ?? 'unconfigured',
    version: options.version,
    municipality: {
      name: config?.kiosk.municipality.name ?? 'Kommunkiosk',
      logo,
      contactCentre: {
        phone: config?.kiosk.municipality.contactCentre.phone ?? null,
        email: config?.kiosk.municipality.contactCentre.email ?? null,
        hours: config?.kiosk.municipality.contactCentre.hours ?? null,
      },
    },
    languages: config?.kiosk.languages ?? ['sv', 'en'],
    defaultLanguage: config?.kiosk.defaultLanguage ?? 'sv',
    session: {
      idleSeconds: config?.session.idleSeconds ?? 90,
      warningSeconds: config?.session.warningSeconds ?? 30,
      extendSteps: config?.session.extendSteps ?? [120, 300],
    },
    accessibility: {
      onScreenKeyboard: config?.accessibility.onScreenKeyboard ?? true,
      statement: config?.accessibility.statement ?? null,
      reportContact: {
        email: config?.accessibility.reportContact.email ?? null,
        phone: config?.accessibility.reportContact.phone ?? null,
      },
      reviewed: config?.accessibility.reviewed ?? null,
    },
  });

  function staffHandlers(): Pick<KioskHandlers, `staff.${string}` & keyof KioskHandlers> {
    const unavailable = async (): Promise<never> => {
      throw new KioskFailure('unavailable', 'Staff mode needs a valid configuration.');
    };
    if (staff) return staff.handlers;
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

  /** Visitor-facing calls: only on a kiosk that is in order. */
  function ready<T>(service: T | null): T {
    if (!service || outOfOrderReasons().length > 0) throw new KioskFailure('unavailable', 'The kiosk is out of order.');
    return service;
  }

  const handlers: KioskHandlers = {
    'app.info': async () => info(),
    'app.help': async ({ language }) => help.help(language),
    'session.reset': async ({ reason }) => ({ cancelled: await visit.reset(reason), visitId: visit.id }),
    'session.touch': async ({ extendSeconds }) => {
      visit.touch(extendSeconds ?? 0);
      return {};
    },
    'catalogue.list': async () => {
      ready(config);
      return { services: flowCatalogue(flows.flows) };
    },
    'flows.get': async (input) => ready(flowsHandlers)['flows.get'](input),
    'flows.validate': async (input) => ready(flowsHandlers)['flows.validate'](input),
    'identity.startLogin': async (input) => ready(identity).handlers['identity.startLogin'](input),
    'identity.cancel': async (input) => (identity ? identity.handlers['identity.cancel'](input) : {}),
    'identity.current': async (input) =>
      identity ? identity.handlers['identity.current'](input) : { signedIn: false },
    'identity.logout': async (input) => (identity ? identity.handlers['identity.logout'](input) : {}),
    'submission.prefill': async (input) => ready(submission).handlers['submission.prefill'](input),
    'submission.startSign': async (input) => ready(submission).handlers['submission.startSign'](input),
    'submission.submit': async (input) => ready(submission).handlers['submission.submit'](input),
    'submission.printReceipt': async (input) => ready(submission).handlers['submission.printReceipt'](input),
    'cases.status': async (input) => ready(cases).handlers['cases.status'](input),
    'paper.start': async (input) => ready(paper).handlers['paper.start'](input),
    'paper.print': async (input) => ready(paper).handlers['paper.print'](input),
    // the printer's state is for staff too, on an out-of-order kiosk as well
    'print.status': async (input) =>
      printHandlers ? printHandlers['print.status'](input) : { state: 'unknown', printer: '' },
    // staff mode works on an out-of-order kiosk too: that is when staff need it most
    ...staffHandlers(),
  };

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
    embedded,
    setOutOfOrder,
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
