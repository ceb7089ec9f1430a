/**
 * Runs one BankID order for the visitor at the kiosk, from "start" to complete, failed or cancelled:
 *
 * - starts an auth or sign order and keeps qrStartSecret to itself;
 * - emits a fresh animated-QR string once a second, and `null` (hide) once the phone has the order;
 * - collects every 2 s and maps every status to a message key (RFA);
 * - on `startFailed` (QR not scanned in time) starts a new order, up to `autoRestarts` times, then
 *   reports the failure with "Försök igen" offered;
 * - `cancel()` stops everything and cancels the order at BankID; cancel errors are logged and
 *   swallowed so they never trap the visitor.
 *
 * Timers come from an injectable clock so tests can drive cadence without waiting.
 */
import type { RfaKey } from '../../../contract/namespaces/identity';
import type { Logger } from '../../log/logger';
import type { EidStatus } from '../eid-provider';
import { OrderSignals, systemClock, type Clock } from '../order-signals';
import { BankIdError, type BankIdApi, type CompletionData, type OrderRequest, type OrderResponse } from './client';
import { qrString, qrTime } from './qr-code';
import { isAwaitingScan, isRetryableError, rfaForCollect, rfaForError } from './rfa';

export type OrderKind = 'auth' | 'sign';

export type OrderOutcome =
  | { status: 'complete'; completionData: CompletionData }
  /** `code` is BankID's hintCode or errorCode (or ours: networkError, timeout, …); never personal data. */
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

/** What the screen is told while an order runs. */
export type OrderStatus = EidStatus;

export interface OrderRunnerOptions {
  api: BankIdApi;
  logger: Logger;
  kind: OrderKind;
  request: OrderRequest;
  onQr: (qr: string | null) => void;
  onStatus: (status: OrderStatus) => void;
  clock?: Clock;
  /** New orders started automatically after startFailed. Default 3. */
  autoRestarts?: number;
  /** Default 2000 ms (BankID's recommendation). */
  collectIntervalMs?: number;
  /** Consecutive transient collect failures tolerated before giving up. Default 3. */
  maxCollectErrors?: number;
  /** Upper bound on one BankID order; BankID ends them after about 3 minutes. Default 200 s. */
  maxOrderMs?: number;
}

/** Collect failures worth another try on the next interval. */
const TRANSIENT_COLLECT_ERRORS = new Set(['networkError', 'timeout', 'maintenance', 'tooManyRequests']);
/** A frame tick that fires a few ms early must still show the new second. */
const QR_EARLY_TOLERANCE_MS = 50;

type PollResult =
  | { type: 'complete'; completionData: CompletionData }
  | { type: 'failed'; hintCode: string | undefined }
  | { type: 'error'; error: unknown }
  | { type: 'expired' }
  | { type: 'cancelled' };

export class OrderRunner {
  private readonly clock: Clock;
  private readonly signals: OrderSignals;
  private readonly autoRestarts: number;
  private readonly collectIntervalMs: number;
  private readonly maxCollectErrors: number;
  private readonly maxOrderMs: number;

  private cancelled = false;
  private started = false;
  private finished = false;
  private qrTimer: unknown = null;
  private qrVisible = false;
  private runPromise: Promise<OrderOutcome> | null = null;
  /** How many BankID orders this run has started (1 + automatic restarts). */
  ordersStarted = 0;

  constructor(private readonly options: OrderRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.signals = new OrderSignals(options, options.logger, this.clock);
    this.autoRestarts = options.autoRestarts ?? 3;
    this.collectIntervalMs = options.collectIntervalMs ?? 2000;
    this.maxCollectErrors = options.maxCollectErrors ?? 3;
    this.maxOrderMs = options.maxOrderMs ?? 200_000;
  }

  /** Starts the order (once); the promise settles with the outcome and never rejects. */
  run(): Promise<OrderOutcome> {
    if (!this.runPromise) {
      this.started = true;
      this.runPromise = this.execute().catch((err: unknown) => {
        this.options.logger.error({ err }, 'BankID order runner failed unexpectedly');
        this.stopQr();
        return this.fail('rfa22', false, 'internal');
      });
    }
    return this.runPromise;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /**
   * Stops the order: no more QR frames or collects, and `/cancel` at BankID for an order still
   * running. `silent` (visit reset) sends no further events. Resolves when the run has ended.
   */
  async cancel(options: { silent?: boolean } = {}): Promise<void> {
    if (options.silent) this.signals.silence();
    if (this.finished) return;
    this.cancelled = true;
    this.stopQr();
    this.signals.wakeUp();
    if (!this.started) {
      this.finished = true;
      return;
    }
    await this.runPromise;
  }

  private async execute(): Promise<OrderOutcome> {
    const { api, kind, request, logger } = this.options;
    for (let restart = 0; restart <= this.autoRestarts; restart += 1) {
      if (this.cancelled) return this.cancelledOutcome();
      let order: OrderResponse;
      try {
        order = kind === 'auth' ? await api.auth(request) : await api.sign(request);
      } catch (err) {
        if (this.cancelled) return this.cancelledOutcome();
        return this.failFromError(err, `start ${kind}`);
      }
      this.ordersStarted += 1;
      const startedAt = this.clock.now();
      if (this.cancelled) {
        await this.cancelAtBankId(order.orderRef);
        return this.cancelledOutcome();
      }
      logger.info({ kind, ...this.refForLog(order.orderRef), restart }, 'BankID order started');
      this.signals.status({ state: 'pending', rfa: 'rfa1', retryable: false });
      this.startQr(order.qrStartToken, order.qrStartSecret, startedAt);

      const result = await this.poll(order.orderRef, startedAt);
      this.stopQr();

      switch (result.type) {
        case 'cancelled':
          await this.cancelAtBankId(order.orderRef);
          return this.cancelledOutcome();
        case 'complete':
          // a login's completion is not logged: the identity service logs a sign-in, and a login that
          // ends on the paper route (protected identity) must leave no line that dates it
          if (kind === 'sign') logger.info({ kind, orderRef: order.orderRef }, 'BankID order complete');
          this.finished = true;
          this.signals.status({ state: 'complete', rfa: 'complete', retryable: false });
          return { status: 'complete', completionData: result.completionData };
        case 'expired':
          await this.cancelAtBankId(order.orderRef);
          logger.warn({ kind, ...this.refForLog(order.orderRef) }, 'BankID order outlived its time limit; cancelled');
          return this.fail('rfa8', true, 'expiredTransaction');
        case 'error':
          if (this.cancelled) return this.cancelledOutcome();
          await this.cancelAtBankId(order.orderRef);
          return this.failFromError(result.error, 'collect');
        case 'failed': {
          const hintCode = result.hintCode;
          if (hintCode === 'startFailed' && restart < this.autoRestarts) {
            logger.info(
              { kind, restart: restart + 1, of: this.autoRestarts },
              'QR not scanned in time; starting a new BankID order',
            );
            continue;
          }
          logger.info({ kind, hintCode: safeCode(hintCode) }, 'BankID order failed');
          return this.fail(rfaForCollect('failed', hintCode), true, safeCode(hintCode));
        }
      }
    }
    // not reached: the last iteration always returns
    return this.fail('rfa17b', true, 'startFailed');
  }

  private async poll(orderRef: string, startedAt: number): Promise<PollResult> {
    const { api, logger } = this.options;
    let errors = 0;
    let delay = this.collectIntervalMs;
    const maxIterations = Math.ceil(this.maxOrderMs / this.collectIntervalMs) + this.maxCollectErrors + 5;
    for (let i = 0; i < maxIterations; i += 1) {
      await this.signals.pause(delay, this.cancelled);
      if (this.cancelled) return { type: 'cancelled' };
      if (this.clock.now() - startedAt > this.maxOrderMs) return { type: 'expired' };
      let res;
      try {
        res = await api.collect(orderRef);
      } catch (err) {
        if (this.cancelled) return { type: 'cancelled' };
        const code = err instanceof BankIdError ? err.errorCode : 'internal';
        if (TRANSIENT_COLLECT_ERRORS.has(code) && errors < this.maxCollectErrors) {
          errors += 1;
          delay =
            err instanceof BankIdError && err.retryAfterMs !== null
              ? Math.max(this.collectIntervalMs, err.retryAfterMs)
              : this.collectIntervalMs;
          logger.warn(
            { ...this.refForLog(orderRef), errorCode: code, attempt: errors },
            'BankID collect failed; trying again',
          );
          continue;
        }
        return { type: 'error', error: err };
      }
      errors = 0;
      delay = this.collectIntervalMs;
      if (this.cancelled) return { type: 'cancelled' };
      if (res.status === 'complete' && res.completionData)
        return { type: 'complete', completionData: res.completionData };
      if (res.status === 'failed') return { type: 'failed', hintCode: res.hintCode };
      if (!isAwaitingScan(res.hintCode)) this.hideQr();
      this.signals.status({ state: 'pending', rfa: rfaForCollect('pending', res.hintCode), retryable: false });
    }
    return { type: 'expired' };
  }

  private startQr(token: string, secret: string, startedAt: number): void {
    this.stopQr();
    let last = -1;
    const tick = (): void => {
      if (this.cancelled || this.finished) return;
      // BankID's time: whole seconds since the response arrived; one new frame each second
      const time = Math.max(last + 1, qrTime(startedAt, this.clock.now() + QR_EARLY_TOLERANCE_MS));
      last = time;
      this.qrVisible = true;
      this.signals.qr(qrString(token, secret, time));
      const next = startedAt + (time + 1) * 1000;
      this.qrTimer = this.clock.setTimeout(tick, Math.max(0, next - this.clock.now()));
    };
    tick();
  }

  private stopQr(): void {
    if (this.qrTimer !== null) {
      this.clock.clearTimeout(this.qrTimer);
      this.qrTimer = null;
    }
    this.hideQr();
  }

  private hideQr(): void {
    if (this.qrTimer !== null) {
      this.clock.clearTimeout(this.qrTimer);
      this.qrTimer = null;
    }
    if (this.qrVisible) {
      this.qrVisible = false;
      this.signals.qr(null);
    }
  }

  /**
   * The order reference for a log line: a signing's only. A login's orderRef is never logged — BankID's
   * own records tie it to a person, and a login may turn out to be by someone with protected identity.
   */
  private refForLog(orderRef: string): { orderRef?: string } {
    return this.options.kind === 'sign' ? { orderRef } : {};
  }

  private async cancelAtBankId(orderRef: string): Promise<void> {
    try {
      await this.options.api.cancel(orderRef);
      this.options.logger.info(this.refForLog(orderRef), 'BankID order cancelled');
    } catch (err) {
      // the visitor must never be trapped by a failing cancel: log it and go on
      const code = err instanceof BankIdError ? err.errorCode : 'internal';
      this.options.logger.warn({ ...this.refForLog(orderRef), errorCode: code }, 'BankID cancel failed; ignored');
    }
  }

  private cancelledOutcome(): OrderOutcome {
    this.finished = true;
    this.stopQr();
    this.signals.status({ state: 'failed', rfa: 'rfa6', retryable: true });
    return { status: 'cancelled' };
  }

  private fail(rfa: RfaKey, retryable: boolean, code: string): OrderOutcome {
    this.finished = true;
    this.stopQr();
    this.signals.status({ state: 'failed', rfa, retryable });
    return { status: 'failed', rfa, retryable, code };
  }

  private failFromError(err: unknown, during: string): OrderOutcome {
    if (err instanceof BankIdError) {
      this.options.logger.warn(
        { during, errorCode: err.errorCode, httpStatus: err.httpStatus, kind: err.kind },
        'BankID call failed',
      );
      return this.fail(rfaForError(err.errorCode), isRetryableError(err.errorCode), err.errorCode);
    }
    this.options.logger.error({ during, err }, 'BankID call failed unexpectedly');
    return this.fail('rfa22', true, 'internal');
  }
}

/** hintCodes are short identifiers; anything else is not logged as is. */
function safeCode(code: string | undefined): string {
  return code !== undefined && /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'unknown';
}
