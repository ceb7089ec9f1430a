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
import type { DeliveryAdapter } from './delivery/adapter';
import type { MailContext } from './confirmation/confirmation-mail';
import { ConfirmationSender } from './confirmation/confirmation-sender';
import type { FgsContext } from './delivery/delivery-format';
import { createDirectoryAdapter } from './delivery/directory-adapter';
import { createHttpsAdapter } from './delivery/https-adapter';
import { createSmtpAdapter } from './delivery/smtp-adapter';
import { DeliveryWorker } from './delivery/worker';
import { createKeyFileWrapper } from './key-file-wrapper';
import { CaseQueue, type ReconcileReport } from './queue';
import { describeExistingCases, storagePathsOf, type StoragePaths } from './storage-check';
import { StorageGuard } from './storage-guard';

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
  /** Start delivering right away (default true). */
  startWorker?: boolean;
  /** Sent to HTTPS receivers. */
  userAgent?: string;
  /** Who makes FGS packages and where their schemas are (targets with `format: fgs`). */
  fgs?: FgsContext | undefined;
  /** What the visitor's confirmation e-mail names (with `cases.confirmation` configured). */
  confirmationContext?: MailContext | undefined;
  /**
   * The kiosk's way: a storage fault at start (read-only or full disk, missing key file, damaged
   * database …) does not throw; the service starts without a database, `storage.problems()` says why,
   * and it connects by itself once the fault has passed. Without it (tools, tests) a fault throws.
   */
  tolerateStorageFaults?: boolean;
  /** The staff audit log and kiosk.log, checked with the storage (health, check-config). */
  auditFile?: string;
  logDir?: string;
  /** The storage's problems changed (the kiosk goes out of order or back in service). */
  onStorageChange?: () => void;
}

export interface CaseService {
  queue: CaseQueue;
  worker: DeliveryWorker;
  /** Sends the visitors' confirmation e-mails; null without `cases.confirmation`. */
  confirmations: ConfirmationSender | null;
  handlers: CasesHandlers;
  /** The storage's faults and notices; checks again every `cases.storageCheckSeconds`. */
  storage: StorageGuard;
  /** Where the storage lives (for the checks of health and check-config). */
  paths: StoragePaths;
  /** What the first connect found when it compared journal and database (null: not connected at start). */
  reconciled: ReconcileReport | null;
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
  const paths = storagePathsOf(config, options.dataDir, {
    keyStore: options.keyWrapper !== undefined,
    auditFile: options.auditFile,
    logDir: options.logDir,
  });
  // the key file is read at each connect (IT may restore it meanwhile); never made while cases need the old one
  const keyWrapper = (): KeyWrapper =>
    options.keyWrapper ??
    createKeyFileWrapper({
      file: config.keyFile,
      create: config.createKeyFile,
      existingData: describeExistingCases(paths),
    });

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

  // the queue tells the worker about new work, and the guard about storage faults
  let wakeWorker: () => void = () => {};
  let storage: StorageGuard | null = null;
  const queue = new CaseQueue({
    file: config.databaseFile,
    journalDir: config.journalDir,
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
    onStorageFault: (err, during) => storage?.fault(err, during),
  });

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
  const guard = new StorageGuard({
    queue,
    paths,
    logger,
    intervalMs: config.storageCheckSeconds * 1000,
    onChange: () => options.onStorageChange?.(),
    onConnected: () => {
      w.nudge();
      sender?.nudge();
    },
    ...(options.now ? { now: options.now } : {}),
  });
  storage = guard;

  let reconciled: ReconcileReport | null = null;
  if (options.tolerateStorageFaults) {
    guard.start();
  } else {
    try {
      reconciled = guard.connect();
    } catch (err) {
      for (const adapter of adapters.values()) void adapter.close();
      throw err;
    }
    guard.start();
  }
  if (options.startWorker ?? true) {
    w.start();
    sender?.start();
  }

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
  };

  let closing: Promise<void> | undefined;
  return {
    queue,
    worker: w,
    confirmations: sender,
    handlers,
    storage: guard,
    paths,
    reconciled,
    config,
    close() {
      closing ??= (async () => {
        guard.stop();
        await w.stop();
        await sender?.stop();
        await Promise.allSettled([...adapters.values()].map((a) => a.close()));
        queue.close();
      })();
      return closing;
    },
  };
}
