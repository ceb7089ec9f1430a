/**
 * createKiosk(config, platform): builds every service of the kiosk and returns the object that
 * implements the contract. Main (Electron) and host (Node) are the only callers.
 */
import path from 'node:path';
import type { KioskHandlers, KioskInfo } from '../contract';
import { KioskFailure } from '../contract';
import { logoDataUrl } from './app/branding';
import { formatProblem, resolveFrom, type ConfigResult } from './config/load-config';
import type { KioskConfig } from './config/kiosk-config';
import { EventHub } from './events';
import { createFlowsHandlers, flowCatalogue, loadFlows, type LoadedFlows } from './flows';
import { createLogger, type Logger } from './log/logger';
import { Redactor } from './log/redaction';
import type { Platform } from './platform';
import { Visit } from './session/visit';

export interface KioskOptions {
  /** The result of loading the config file: a failed one gives an out-of-order kiosk. */
  config: ConfigResult;
  platform: Platform;
  /** Used when the config names no dataDir. */
  defaultDataDir: string;
  version: string;
  /** The shipped resources folder (flows, help, fonts). */
  resourcesDir: string;
  /** Tests pass a logger; otherwise one is made from config (file in the data folder). */
  logger?: Logger;
  redactor?: Redactor;
}

export interface Kiosk {
  readonly handlers: KioskHandlers;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly visit: Visit;
  /** Staff or a failed check can take the kiosk out of order; the reason is for staff and IT. */
  setOutOfOrder(reasons: string[]): void;
  close(): Promise<void>;
}

const FALLBACK_CONFIG_FILE = '(embedded defaults)';

export async function createKiosk(options: KioskOptions): Promise<Kiosk> {
  const { platform } = options;
  const config: KioskConfig | null = options.config.ok ? options.config.config : null;
  const baseDir = options.config.ok ? options.config.baseDir : process.cwd();
  const dataDir = config?.dataDir ? resolveFrom(baseDir, config.dataDir) : options.defaultDataDir;
  const redactor = options.redactor ?? new Redactor();
  const logger =
    options.logger ??
    createLogger({
      dir: config?.log.dir ? resolveFrom(baseDir, config.log.dir) : path.join(dataDir, 'logs'),
      level: config?.log.level ?? 'info',
      redactor,
    }).logger;

  const outOfOrder: string[] = [];
  if (!options.config.ok) {
    const file = options.config.file ?? FALLBACK_CONFIG_FILE;
    for (const p of options.config.problems) {
      const line = formatProblem(p, file);
      outOfOrder.push(line);
      logger.error({ problem: line }, 'configuration invalid; kiosk is out of order');
    }
  }

  const events = new EventHub(logger);
  const visit = new Visit(logger, redactor);
  visit.onReset('browser-data', () => platform.clearBrowserData());

  let logo: string | null = null;
  if (config?.kiosk.municipality.logo) {
    try {
      logo = logoDataUrl(resolveFrom(baseDir, config.kiosk.municipality.logo));
    } catch (err) {
      logger.warn({ err }, 'logo could not be read; the start screen shows the name only');
    }
  }

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

  const info = (): KioskInfo => ({
    state: outOfOrder.length > 0 ? 'out_of_order' : 'ready',
    outOfOrderReasons: [...outOfOrder],
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
  });

  const requireReady = (): KioskConfig => {
    if (!config || outOfOrder.length > 0) throw new KioskFailure('unavailable', 'The kiosk is out of order.');
    return config;
  };

  const handlers: KioskHandlers = {
    'app.info': async () => info(),
    'session.reset': async ({ reason }) => {
      const cancelled = await visit.reset(reason);
      return { cancelled };
    },
    'session.touch': async () => ({}),
    'catalogue.list': async () => {
      requireReady();
      return { services: flowCatalogue(flows.flows) };
    },
    'flows.get': async (input) => (requireReady(), flowsHandlers['flows.get'](input)),
    'flows.validate': async (input) => (requireReady(), flowsHandlers['flows.validate'](input)),
  };

  logger.info({ kioskId: info().kioskId, version: options.version, platform: platform.name, state: info().state }, 'kiosk started');

  return {
    handlers,
    events,
    logger,
    dataDir,
    visit,
    setOutOfOrder(reasons) {
      outOfOrder.splice(0, outOfOrder.length, ...reasons);
      events.emit('app.state', { state: outOfOrder.length > 0 ? 'out_of_order' : 'ready', outOfOrderReasons: [...outOfOrder] });
    },
    async close() {
      await visit.reset('shutdown').catch(() => undefined);
      logger.info('kiosk stopped');
      logger.flush?.();
    },
  };
}
