/**
 * The delivery worker: sends waiting cases in the background, oldest first, with exponential back-off
 * and full jitter (capped), never more than one attempt per case at a time (the claim marks the case
 * `in_flight` in the database in the same statement that picks it).
 *
 * A target that cannot be reached at all (connection refused, no route, DNS, missing share) is paused:
 * its cases are not attempted, the target is probed every `probeIntervalMs` (or at once on `nudge()`,
 * e.g. when the OS says the network is back), and when the probe succeeds its cases are due at once.
 *
 * Survives restarts: a case in flight when the process died is put back in line when the queue opens
 * and sent again; receivers deduplicate by the idempotency key.
 */
import type { Logger } from '../../log/logger';
import { PayloadUnreadableError } from '../payload-crypto';
import type { CaseQueue, ClaimedCase } from '../queue';
import type { ConfirmationMail } from '../confirmation/confirmation-store';
import { safeReason, type DeliveryAdapter, type DeliveryItem, type DeliveryOutcome } from './adapter';
import { backoffDelay, type BackoffPolicy } from './backoff';

/** The confirmation e-mail a delivered case asks for (signed-in visitors who gave an address), or null. */
function confirmationOf(item: DeliveryItem, now: number): ConfirmationMail | null {
  const p = item.payload;
  if (!p.confirmation || !p.identification) return null;
  return {
    email: p.confirmation.email,
    language: p.confirmation.language,
    reference: item.reference,
    flowTitle: p.flowTitle,
    submittedAt: p.submittedAt,
    deliveredAt: new Date(now).toISOString(),
  };
}

export interface DeliveryWorkerOptions {
  queue: CaseQueue;
  /** One adapter per configured target name. */
  adapters: ReadonlyMap<string, DeliveryAdapter>;
  backoff: BackoffPolicy;
  logger: Logger;
  /** Attempts in flight at once (default 4: a backlog after an outage drains in parallel). */
  concurrency?: number;
  /** How often a paused (unreachable) target is probed (default 10 s). */
  probeIntervalMs?: number;
  /** How often orphaned in-flight marks are recovered and expired metadata purged (default 60 s / 1 h). */
  maintenanceIntervalMs?: number;
  purgeIntervalMs?: number;
  now?: () => number;
  random?: () => number;
  /** A delivered case left a confirmation e-mail to send. */
  onConfirmation?: () => void;
}

export interface WorkerState {
  running: boolean;
  inFlight: number;
  /** Target name → reachable (false while paused waiting for the network). */
  targets: Record<string, boolean>;
}

const MAX_TIMER_MS = 2_147_483_647;
const PROBE_TIMEOUT_MS = 5_000;
const ERROR_PAUSE_MS = 5_000;

export class DeliveryWorker {
  private readonly queue: CaseQueue;
  private readonly adapters: ReadonlyMap<string, DeliveryAdapter>;
  private readonly backoff: BackoffPolicy;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly probeIntervalMs: number;
  private readonly maintenanceIntervalMs: number;
  private readonly purgeIntervalMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onConfirmation: () => void;

  private running = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private maintenanceTimer: NodeJS.Timeout | undefined;
  private readonly attempts = new Map<number, Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private readonly offline = new Map<string, { timer: NodeJS.Timeout | undefined; probing: boolean }>();
  private idleWaiters: Array<() => void> = [];
  private lastPurgeAt = 0;
  private deliveredSinceCheckpoint = false;

  constructor(options: DeliveryWorkerOptions) {
    this.queue = options.queue;
    this.adapters = options.adapters;
    this.backoff = options.backoff;
    this.logger = options.logger;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.probeIntervalMs = options.probeIntervalMs ?? 10_000;
    this.maintenanceIntervalMs = options.maintenanceIntervalMs ?? 60_000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onConfirmation = options.onConfirmation ?? (() => {});
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.maintenanceTimer = setInterval(() => this.maintain(), this.maintenanceIntervalMs);
    this.maintain();
    this.pump();
  }

  /** Stops taking cases, aborts attempts in flight (their cases go back in line) and waits for them. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.wakeTimer);
    clearInterval(this.maintenanceTimer);
    for (const state of this.offline.values()) clearTimeout(state.timer);
    for (const c of this.controllers) c.abort();
    await Promise.allSettled([...this.attempts.values()]);
    this.releaseIdleWaiters();
  }

  /**
   * Something changed (a case was submitted, staff pressed retry, the OS reports the network back):
   * probe paused targets now and look for due cases.
   */
  nudge(): void {
    if (!this.running) return;
    for (const target of this.offline.keys()) void this.probeTarget(target);
    this.pump();
  }

  /** Probes every target now; paused targets that answer are resumed. */
  async probe(): Promise<Record<string, boolean>> {
    const result: Record<string, boolean> = {};
    await Promise.all(
      [...this.adapters.entries()].map(async ([name, adapter]) => {
        const ok = await this.runProbe(adapter);
        result[name] = ok;
        if (ok && this.offline.has(name)) this.resume(name);
      }),
    );
    return result;
  }

  state(): WorkerState {
    const targets: Record<string, boolean> = {};
    for (const name of this.adapters.keys()) targets[name] = !this.offline.has(name);
    return { running: this.running, inFlight: this.attempts.size, targets };
  }

  /** Resolves when no attempt is in flight and no case of a reachable target is due now. */
  whenIdle(): Promise<void> {
    if (!this.running || this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    if (this.attempts.size > 0) return false;
    const next = this.queue.isOpen ? this.queue.nextAttemptAt(this.excluded()) : null;
    return next === null || next > this.now();
  }

  private releaseIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private excluded(): string[] {
    return [...this.offline.keys()];
  }

  private pump(): void {
    if (!this.running || !this.queue.isOpen) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    try {
      while (this.attempts.size < this.concurrency) {
        const claimed = this.queue.claimNextDue(this.now(), this.excluded());
        if (!claimed) break;
        const attempt = this.attempt(claimed).finally(() => {
          this.attempts.delete(claimed.seq);
          this.pump();
        });
        this.attempts.set(claimed.seq, attempt);
      }
      if (this.attempts.size < this.concurrency) {
        const next = this.queue.nextAttemptAt(this.excluded());
        if (next !== null) this.wakeIn(next - this.now());
      }
    } catch (err) {
      this.logger.error({ err }, 'delivery worker cannot read the queue; trying again shortly');
      this.wakeIn(ERROR_PAUSE_MS);
    }
    if (this.attempts.size === 0) {
      try {
        if (this.deliveredSinceCheckpoint && !this.queue.hasWaiting()) this.checkpoint();
        if (this.isIdle()) this.releaseIdleWaiters();
      } catch (err) {
        // the storage failed under us: the queue has reported it; work resumes when it reconnects
        this.logger.warn({ err }, 'delivery worker paused: the queue cannot be read');
      }
    }
  }

  private wakeIn(ms: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => this.pump(), Math.min(Math.max(0, ms), MAX_TIMER_MS));
  }

  private checkpoint(): void {
    this.deliveredSinceCheckpoint = false;
    try {
      this.queue.checkpoint();
    } catch (err) {
      this.logger.warn({ err }, 'checkpoint of the case database failed');
    }
  }

  private async attempt(c: ClaimedCase): Promise<void> {
    const adapter = this.adapters.get(c.deliveryTarget);
    if (!adapter) {
      this.settle(c, () =>
        this.queue.markDeadLetter(c, `no delivery target named "${c.deliveryTarget}" is configured`, 'config'),
      );
      return;
    }
    let item;
    try {
      item = this.queue.loadForDelivery(c);
    } catch (err) {
      const reason =
        err instanceof PayloadUnreadableError
          ? `payload unreadable: ${err.message}`
          : `payload could not be loaded: ${safeReason(String(err))}`;
      this.settle(c, () => this.queue.markDeadLetter(c, reason, 'unreadable'));
      return;
    }
    const controller = new AbortController();
    this.controllers.add(controller);
    let outcome: DeliveryOutcome;
    try {
      outcome = await adapter.deliver(item, controller.signal);
    } catch (err) {
      outcome = {
        kind: 'retry',
        offline: false,
        reason: safeReason(`adapter failed: ${(err as Error).message ?? String(err)}`),
      };
    } finally {
      this.controllers.delete(controller);
    }
    this.record(c, outcome, controller.signal.aborted, confirmationOf(item, this.now()));
  }

  private record(
    c: ClaimedCase,
    outcome: DeliveryOutcome,
    stopped: boolean,
    confirmation: ConfirmationMail | null,
  ): void {
    const log = { reference: c.reference, deliveryTarget: c.deliveryTarget, attempt: c.attempts };
    switch (outcome.kind) {
      case 'delivered':
        this.settle(c, () => this.queue.markDelivered(c, outcome.receiverReference, confirmation));
        if (confirmation) this.onConfirmation();
        this.deliveredSinceCheckpoint = true;
        this.logger.info({ ...log, duplicate: outcome.duplicate }, 'case delivered; payload erased');
        return;
      case 'rejected':
        this.settle(c, () => this.queue.markDeadLetter(c, safeReason(outcome.reason), 'rejected'));
        return;
      case 'retry': {
        if (stopped) {
          this.settle(c, () => this.queue.release(c));
          return;
        }
        const delay = Math.max(backoffDelay(c.attempts, this.backoff, this.random), outcome.retryAfterMs ?? 0);
        const reason = safeReason(outcome.reason);
        this.settle(c, () =>
          this.queue.markRetry(c, this.now() + delay, reason, outcome.offline ? 'offline' : 'transient'),
        );
        this.logger.warn({ ...log, reason, retryInMs: delay }, 'delivery attempt failed; will retry');
        if (outcome.offline) this.pauseTarget(c.deliveryTarget);
        return;
      }
    }
  }

  /** Notes an outcome; when even that fails (disk full), the case stays in flight until maintenance frees it. */
  private settle(c: ClaimedCase, write: () => void): void {
    try {
      write();
    } catch (err) {
      this.logger.error(
        { err, reference: c.reference },
        'could not note the delivery outcome; the case will be attempted again',
      );
    }
  }

  private pauseTarget(target: string): void {
    if (this.offline.has(target) || !this.running) return;
    this.logger.warn({ deliveryTarget: target }, 'delivery target unreachable: paused until it answers');
    this.offline.set(target, { timer: undefined, probing: false });
    this.scheduleProbe(target);
  }

  private scheduleProbe(target: string): void {
    const state = this.offline.get(target);
    if (!state || !this.running) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.probeTarget(target), this.probeIntervalMs);
  }

  private async runProbe(adapter: DeliveryAdapter): Promise<boolean> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    try {
      return await adapter.probe(controller.signal);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  private async probeTarget(target: string): Promise<void> {
    const state = this.offline.get(target);
    const adapter = this.adapters.get(target);
    if (!state || !adapter || state.probing || !this.running) return;
    state.probing = true;
    clearTimeout(state.timer);
    const ok = await this.runProbe(adapter);
    state.probing = false;
    if (!this.running) return;
    if (ok) this.resume(target);
    else this.scheduleProbe(target);
  }

  private resume(target: string): void {
    const state = this.offline.get(target);
    if (state) clearTimeout(state.timer);
    this.offline.delete(target);
    let resumed = 0;
    try {
      resumed = this.queue.resumeTarget(target, this.now());
    } catch (err) {
      this.logger.error({ err }, 'could not resume the cases of a delivery target');
    }
    this.logger.info({ deliveryTarget: target, resumed }, 'delivery target reachable again');
    this.pump();
  }

  private maintain(): void {
    if (!this.running || !this.queue.isOpen) return;
    try {
      const recovered = this.queue.recoverInFlight([...this.attempts.keys()]);
      if (recovered > 0) this.logger.warn({ recovered }, 'cases left in flight were put back in line');
      if (this.now() - this.lastPurgeAt >= this.purgeIntervalMs) {
        this.lastPurgeAt = this.now();
        if (this.queue.purgeExpired(this.now()).cases > 0) this.checkpoint();
      }
    } catch (err) {
      this.logger.error({ err }, 'queue maintenance failed');
    }
    this.pump();
  }
}
