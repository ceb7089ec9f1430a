/**
 * The composition of the case capability: queue, data key, adapters, worker and the contract
 * handlers of the `cases.*` namespace. `createKiosk` calls `createCaseService` once.
 */
import type { HandlersOf, EmitterOf } from '../../contract/define';
import type { casesEvents, casesMethods } from '../../contract/namespaces/cases';
import type { Logger } from '../log/logger';
import type { KeyWrapper } from '../platform';
import {
  casesConfigSchema,
  resolveCasesConfig,
  type CasesConfigInput,
  type ResolvedCasesConfig,
  type ResolvedTarget,
} from './config';
import type { StorageAlert } from './database';
import type { DeliveryAdapter } from './delivery/adapter';
import type { MailContext } from './confirmation/confirmation-mail';
import { ConfirmationSender } from './confirmation/confirmation-sender';
import type { FgsContext } from './delivery/delivery-format';
import { createDirectoryAdapter } from './delivery/directory-adapter';
import { createHttpsAdapter } from './delivery/https-adapter';
import { createSmtpAdapter } from './delivery/smtp-adapter';
import { DeliveryWorker } from './delivery/worker';
import { createKeyFileWrapper } from './key-file-wrapper';
import { CaseQueue } from './queue';

export type CasesHandlers = HandlersOf<typeof casesMethods>;
export type CasesEmitter = EmitterOf<typeof casesEvents>;

export interface CaseServiceOptions {
  /** The `cases` section of the kiosk config (parsed or not; an empty object works). */
  config: CasesConfigInput;
  /** The kiosk's data folder: default home of the database, the key file and the outbox. */
  dataDir: string;
  /** The platform's key store; undefined → the key file of the config. */
  keyWrapper?: KeyWrapper | undefined;
  logger: Logger;
  emit: CasesEmitter;
  now?: () => number;
  /** The staff member signed in on the staff screen (for the audit of retry/discard). */
  currentStaffId?: () => string | null;
  /** Start delivering right away (default true). */
  startWorker?: boolean;
  /** Sent to HTTPS receivers. */
  userAgent?: string;
  /** Who makes FGS packages and where their schemas are (targets with `format: fgs`). */
  fgs?: FgsContext | undefined;
  /** What the visitor's confirmation e-mail names (with `cases.confirmation` configured). */
  confirmationContext?: MailContext | undefined;
}

export interface CaseService {
  queue: CaseQueue;
  worker: DeliveryWorker;
  /** Sends the visitors' confirmation e-mails; null without `cases.confirmation`. */
  confirmations: ConfirmationSender | null;
  handlers: CasesHandlers;
  /** Problems staff must see (a corrupt database moved aside at start). */
  alerts: StorageAlert[];
  config: ResolvedCasesConfig;
  close(): Promise<void>;
}

export function createDeliveryAdapter(
  target: ResolvedTarget,
  options: { logger: Logger; concurrency: number; userAgent?: string; fgs?: FgsContext | undefined },
): DeliveryAdapter {
  switch (target.type) {
    case 'directory':
      return createDirectoryAdapter(target, { logger: options.logger, fgs: options.fgs });
    case 'https':
      return createHttpsAdapter(target, {
        logger: options.logger,
        maxSockets: options.concurrency,
        fgs: options.fgs,
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      });
    case 'smtp':
      return createSmtpAdapter(target, { logger: options.logger, fgs: options.fgs });
  }
}

export function createCaseService(options: CaseServiceOptions): CaseService {
  const logger = options.logger.child({ component: 'cases' });
  const config = resolveCasesConfig(casesConfigSchema.parse(options.config), options.dataDir);
  const keyWrapper = options.keyWrapper ?? createKeyFileWrapper({ file: config.keyFile, create: config.createKeyFile });

  const adapters = new Map<string, DeliveryAdapter>();
  for (const [name, target] of Object.entries(config.delivery.targets)) {
    adapters.set(
      name,
      createDeliveryAdapter(target, {
        logger: logger.child({ deliveryTarget: name }),
        concurrency: config.delivery.concurrency,
        fgs: options.fgs,
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      }),
    );
  }

  // the queue tells the worker about new work; the worker exists once the queue is open
  let wakeWorker: () => void = () => {};
  let opened: { queue: CaseQueue; alerts: StorageAlert[] };
  try {
    opened = CaseQueue.open({
      file: config.databaseFile,
      keyWrapper,
      logger,
      retentionDays: config.retentionDays,
      maxDatabaseBytes: config.maxDatabaseBytes,
      targets: [...adapters.keys()],
      defaultTarget: config.delivery.defaultTarget,
      ...(options.now ? { now: options.now } : {}),
      onChange: (change) => {
        try {
          options.emit('cases.changed', change);
        } catch (err) {
          logger.warn({ err }, 'cases.changed could not be sent');
        }
      },
      onWork: () => wakeWorker(),
    });
  } catch (err) {
    for (const adapter of adapters.values()) void adapter.close();
    throw err;
  }
  const { queue, alerts } = opened;

  const sender =
    config.confirmation && options.confirmationContext
      ? new ConfirmationSender({
          queue,
          config: config.confirmation,
          context: options.confirmationContext,
          backoff: config.backoff,
          logger,
          ...(options.now ? { now: options.now } : {}),
        })
      : null;
  const worker = new DeliveryWorker({
    queue,
    adapters,
    backoff: config.backoff,
    logger,
    concurrency: config.delivery.concurrency,
    probeIntervalMs: config.delivery.probeIntervalMs,
    onConfirmation: () => sender?.nudge(),
    ...(options.now ? { now: options.now } : {}),
  });
  const w = worker;
  wakeWorker = () => w.nudge();
  if (options.startWorker ?? true) {
    w.start();
    sender?.start();
  }

  const staffId = (): string => options.currentStaffId?.() ?? 'staff';

  // async, so a failure (KioskFailure or a database error) is always a rejected promise
  const handlers: CasesHandlers = {
    'cases.status': async ({ reference }) => ({ status: queue.status(reference) }),
    'cases.stats': async () => {
      const s = queue.stats();
      return {
        counts: {
          stored: s.counts.stored,
          inFlight: s.counts.in_flight,
          delivered: s.counts.delivered,
          deadLetter: s.counts.dead_letter,
          discarded: s.counts.discarded,
        },
        waiting: s.waiting,
        oldestWaiting: s.oldestWaiting,
        lastDeliveryAt: s.lastDeliveryAt,
        deadLetters: s.deadLetters,
        targets: w.state().targets,
      };
    },
    'cases.deadLetters': async () => ({ items: queue.deadLetters() }),
    'cases.retry': async ({ reference }) => ({ status: queue.retry(reference, staffId()) }),
    'cases.discard': async ({ reference }) => ({ status: queue.discard(reference, staffId()) }),
  };

  let closing: Promise<void> | undefined;
  return {
    queue,
    worker: w,
    confirmations: sender,
    handlers,
    alerts,
    config,
    close() {
      closing ??= (async () => {
        await w.stop();
        await sender?.stop();
        await Promise.allSettled([...adapters.values()].map((a) => a.close()));
        queue.close();
      })();
      return closing;
    },
  };
}
