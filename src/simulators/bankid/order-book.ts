/**
 * The simulator's orders, kept on a clock. State moves lazily: every read first applies whatever
 * should have happened by now (the phone's timeline after a scan, the ~30 s scan window → startFailed,
 * the ~3 min life → expiredTransaction), so there are no timers to leak and results are exact.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  defaultTestPerson,
  findTestPerson,
  phoneScenarios,
  type PhoneScenario,
  type TestPerson,
} from '../test-persons';
import type { SimCompletionData } from './completion';
import type { OrderRequest } from './order-request';

export interface OrderTimings {
  /** Time to scan the QR before startFailed. Default 30 s. */
  scanWindowMs: number;
  /** Total life of an order before expiredTransaction. Default 3 min. */
  orderLifetimeMs: number;
  /** How long a complete order can be collected. Default 3 min. */
  completeRetentionMs: number;
  /** How long a failed order can be collected. Default 5 min. */
  failedRetentionMs: number;
  /** Time between the phone's steps after a scan (started → userSign → complete). Default 1 s. */
  stepMs: number;
  /** Oldest QR frame the phone accepts, against the order's clock. Default 2 s. */
  maxQrAgeMs: number;
}

export type SecondOrderPolicy = 'alreadyInProgress' | 'cancelFirst';

type Status = 'pending' | 'failed' | 'complete';

interface Step {
  at: number;
  status: Status;
  hintCode: string;
}

export interface SimOrder {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  kind: 'auth' | 'sign';
  request: OrderRequest;
  createdAt: number;
  /** The person the order is bound to: requirement.personalNumber, or whoever scanned it. */
  personalNumber: string | null;
  status: Status;
  hintCode: string;
  finishedAt: number | null;
  scannedAt: number | null;
  scenario: PhoneScenario | null;
  deviceIp: string;
  timeline: Step[];
  completionData: SimCompletionData | null;
  /** A terminal status has been handed out by collect: collecting again is invalidParameters. */
  collectedFinal: boolean;
  cancelledByRp: boolean;
}

export interface OrderSummary {
  orderRef: string;
  kind: 'auth' | 'sign';
  status: Status;
  hintCode: string;
  personalNumber: string | null;
  scanned: boolean;
  cancelledByRp: boolean;
  collectedFinal: boolean;
  ageMs: number;
}

export interface ScanOptions {
  /** The person whose phone scans; default: the order's required person, else the default test person. */
  personalNumber?: string;
  scenario?: PhoneScenario;
  /** Check the frame only; the order is not touched (benchmarks). */
  dryRun?: boolean;
  /** The phone's address, reported as completionData.device.ipAddress. */
  deviceIp?: string;
}

export type ScanResult =
  | { ok: true; orderRef: string; personalNumber: string; scenario: PhoneScenario; dryRun: boolean }
  | { ok: false; status: number; error: ScanError; message: string };

export type ScanError =
  | 'invalidQr'
  | 'unknownToken'
  | 'invalidHmac'
  | 'qrTooOld'
  | 'qrFromTheFuture'
  | 'orderNotActive'
  | 'alreadyScanned'
  | 'unknownPerson'
  | 'personalNumberMismatch'
  | 'invalidScenario';

/** The BankID app's own words for a stale frame. */
export const STALE_QR_MESSAGE = 'QR-koden är ogiltig eftersom den är för gammal';
const QR_PATTERN = /^bankid\.([0-9A-Za-z-]{1,100})\.(\d{1,6})\.([0-9a-f]{64})$/;
const HISTORY_LIMIT = 500;

export type CollectAnswer =
  | { ok: true; body: { orderRef: string; status: Status; hintCode?: string; completionData?: SimCompletionData } }
  | { ok: false; details: string };

export class OrderBook {
  private readonly orders = new Map<string, SimOrder>();
  private readonly byToken = new Map<string, string>();
  private readonly history: OrderSummary[] = [];

  constructor(
    private readonly timings: OrderTimings,
    private readonly now: () => number,
    private readonly complete: (order: SimOrder, person: TestPerson) => SimCompletionData,
  ) {}

  /** Creates an order, or refuses it when the person already has one running (per policy). */
  create(
    kind: 'auth' | 'sign',
    request: OrderRequest,
    policy: SecondOrderPolicy,
    runScenario: PhoneScenario | null,
  ): { ok: true; order: SimOrder } | { ok: false; errorCode: 'alreadyInProgress'; details: string } {
    this.purge();
    const now = this.now();
    const pnr = request.requirement.personalNumber ?? null;
    if (pnr) {
      const running = this.runningFor(pnr, null);
      if (running) {
        // BankID aborts the running order either way; with alreadyInProgress it creates none
        this.finish(running, 'failed', 'cancelled', now);
        if (policy === 'alreadyInProgress') {
          return {
            ok: false,
            errorCode: 'alreadyInProgress',
            details: 'Order already in progress for this personalNumber',
          };
        }
      }
    }
    const order: SimOrder = {
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      kind,
      request,
      createdAt: now,
      personalNumber: pnr,
      status: 'pending',
      hintCode: 'outstandingTransaction',
      finishedAt: null,
      scannedAt: null,
      scenario: null,
      deviceIp: request.endUserIp,
      timeline: [],
      completionData: null,
      collectedFinal: false,
      cancelledByRp: false,
    };
    // "startFailed" for the whole run: no phone ever manages to start an order
    if (runScenario === 'startFailed') order.timeline.push({ at: now, status: 'failed', hintCode: 'startFailed' });
    this.orders.set(order.orderRef, order);
    this.byToken.set(order.qrStartToken, order.orderRef);
    return { ok: true, order };
  }

  collect(orderRef: string): CollectAnswer {
    const order = this.orders.get(orderRef);
    if (!order || order.cancelledByRp) return { ok: false, details: 'No such order' };
    const now = this.now();
    this.advance(order, now);
    if (order.status === 'pending')
      return { ok: true, body: { orderRef, status: 'pending', hintCode: order.hintCode } };
    if (order.collectedFinal) return { ok: false, details: 'Order already collected' };
    const retention = order.status === 'complete' ? this.timings.completeRetentionMs : this.timings.failedRetentionMs;
    if (order.finishedAt !== null && now - order.finishedAt > retention)
      return { ok: false, details: 'Order too old to collect' };
    order.collectedFinal = true;
    if (order.status === 'complete' && order.completionData) {
      return { ok: true, body: { orderRef, status: 'complete', completionData: order.completionData } };
    }
    return { ok: true, body: { orderRef, status: 'failed', hintCode: order.hintCode } };
  }

  cancel(orderRef: string): { ok: true } | { ok: false; details: string } {
    const order = this.orders.get(orderRef);
    if (!order || order.cancelledByRp) return { ok: false, details: 'No such order' };
    const now = this.now();
    this.advance(order, now);
    order.cancelledByRp = true;
    if (order.status === 'pending') this.finish(order, 'failed', 'cancelled', now);
    return { ok: true };
  }

  scan(qr: string, options: ScanOptions, runScenario: PhoneScenario | null): ScanResult {
    const m = QR_PATTERN.exec(qr.trim());
    if (!m) return { ok: false, status: 400, error: 'invalidQr', message: 'Det här är ingen BankID-QR-kod.' };
    const [, token = '', timeText = '0', code = ''] = m;
    const orderRef = this.byToken.get(token);
    const order = orderRef ? this.orders.get(orderRef) : undefined;
    if (!order) return { ok: false, status: 404, error: 'unknownToken', message: 'QR-koden är ogiltig.' };
    const now = this.now();
    this.advance(order, now);
    if (order.status !== 'pending' || order.cancelledByRp) {
      return {
        ok: false,
        status: 409,
        error: 'orderNotActive',
        message: 'Identifieringen eller underskriften är inte längre aktiv.',
      };
    }
    const time = Number(timeText);
    const expected = createHmac('sha256', Buffer.from(order.qrStartSecret, 'ascii'))
      .update(String(time), 'ascii')
      .digest();
    const given = Buffer.from(code, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, status: 400, error: 'invalidHmac', message: 'QR-koden är ogiltig.' };
    }
    const elapsed = now - order.createdAt;
    if (time * 1000 > elapsed + 1000)
      return { ok: false, status: 400, error: 'qrFromTheFuture', message: 'QR-koden är ogiltig.' };
    if (elapsed - time * 1000 > this.timings.maxQrAgeMs)
      return { ok: false, status: 400, error: 'qrTooOld', message: STALE_QR_MESSAGE };
    if (order.scannedAt !== null) {
      return { ok: false, status: 409, error: 'alreadyScanned', message: 'QR-koden har redan lästs av.' };
    }
    const pnr = options.personalNumber ?? order.personalNumber ?? defaultTestPerson.personalNumber;
    const person = findTestPerson(pnr);
    if (!person)
      return {
        ok: false,
        status: 400,
        error: 'unknownPerson',
        message: 'Det finns ingen testperson med det personnumret.',
      };
    if (order.personalNumber !== null && order.personalNumber !== pnr) {
      return {
        ok: false,
        status: 403,
        error: 'personalNumberMismatch',
        message: 'BankID:t i telefonen tillhör inte den som ska identifiera sig eller skriva under.',
      };
    }
    const scenario = options.scenario ?? person.scenario ?? runScenario ?? 'success';
    if (!phoneScenarios.includes(scenario))
      return { ok: false, status: 400, error: 'invalidScenario', message: 'Okänt scenario.' };
    if (options.dryRun) return { ok: true, orderRef: order.orderRef, personalNumber: pnr, scenario, dryRun: true };

    // a new order for the same person replaces any other one still running
    const other = this.runningFor(pnr, order.orderRef);
    if (other) this.finish(other, 'failed', 'cancelled', now);
    order.personalNumber = pnr;
    order.scannedAt = now;
    order.scenario = scenario;
    if (options.deviceIp) order.deviceIp = options.deviceIp;
    order.timeline = this.phoneTimeline(order, scenario, now);
    this.advance(order, now);
    return { ok: true, orderRef: order.orderRef, personalNumber: pnr, scenario, dryRun: false };
  }

  summaries(): OrderSummary[] {
    const now = this.now();
    const live = [...this.orders.values()].map((o) => {
      this.advance(o, now);
      return this.summary(o, now);
    });
    return [...this.history, ...live];
  }

  find(orderRef: string): SimOrder | undefined {
    const o = this.orders.get(orderRef);
    if (o) this.advance(o, this.now());
    return o;
  }

  private phoneTimeline(order: SimOrder, scenario: PhoneScenario, t0: number): Step[] {
    const s = this.timings.stepMs;
    const started: Step = { at: t0, status: 'pending', hintCode: 'started' };
    const mrtd: Step[] = order.request.requirement.mrtd
      ? [{ at: t0 + s, status: 'pending', hintCode: 'userMrtd' }]
      : [];
    const k = mrtd.length;
    const userSign: Step = { at: t0 + (1 + k) * s, status: 'pending', hintCode: 'userSign' };
    const end = t0 + (2 + k) * s;
    switch (scenario) {
      case 'success':
        return [started, ...mrtd, userSign, { at: end, status: 'complete', hintCode: '' }];
      case 'userCancel':
        return [started, ...mrtd, userSign, { at: end, status: 'failed', hintCode: 'userCancel' }];
      case 'expiredTransaction':
        return [started, ...mrtd, userSign, { at: end, status: 'failed', hintCode: 'expiredTransaction' }];
      case 'certificateErr':
        return [started, { at: t0 + s, status: 'failed', hintCode: 'certificateErr' }];
      case 'startFailed':
        return [{ at: t0, status: 'failed', hintCode: 'startFailed' }];
    }
  }

  /** Applies, in time order, every step, deadline and timeline entry due by `now`. */
  private advance(order: SimOrder, now: number): void {
    for (let guard = 0; guard < 16 && order.status === 'pending'; guard += 1) {
      const next = order.timeline[0];
      const scanDeadline = order.scannedAt === null ? order.createdAt + this.timings.scanWindowMs : Infinity;
      const lifeDeadline = order.createdAt + this.timings.orderLifetimeMs;
      const at = Math.min(next?.at ?? Infinity, scanDeadline, lifeDeadline);
      if (at > now) return;
      if (next && next.at === at) {
        order.timeline.shift();
        if (next.status === 'pending') order.hintCode = next.hintCode;
        else this.finish(order, next.status, next.hintCode, at);
      } else if (at === scanDeadline) {
        this.finish(order, 'failed', 'startFailed', at);
      } else {
        this.finish(order, 'failed', 'expiredTransaction', at);
      }
    }
  }

  private finish(order: SimOrder, status: 'failed' | 'complete', hintCode: string, at: number): void {
    order.status = status;
    order.hintCode = status === 'complete' ? '' : hintCode;
    order.finishedAt = at;
    order.timeline = [];
    if (status === 'complete') {
      const person = order.personalNumber ? findTestPerson(order.personalNumber) : undefined;
      order.completionData = this.complete(order, person ?? defaultTestPerson);
    }
  }

  private runningFor(pnr: string, except: string | null): SimOrder | undefined {
    const now = this.now();
    for (const o of this.orders.values()) {
      if (o.orderRef === except || o.personalNumber !== pnr || o.cancelledByRp) continue;
      this.advance(o, now);
      if (o.status === 'pending') return o;
    }
    return undefined;
  }

  private summary(o: SimOrder, now: number): OrderSummary {
    return {
      orderRef: o.orderRef,
      kind: o.kind,
      status: o.status,
      hintCode: o.hintCode,
      personalNumber: o.personalNumber,
      scanned: o.scannedAt !== null,
      cancelledByRp: o.cancelledByRp,
      collectedFinal: o.collectedFinal,
      ageMs: Math.round(now - o.createdAt),
    };
  }

  /** Forgets orders nobody may collect any more (keeping a bounded summary for inspection). */
  private purge(): void {
    const now = this.now();
    const t = this.timings;
    for (const o of this.orders.values()) {
      this.advance(o, now);
      const gone =
        (o.finishedAt !== null && now - o.finishedAt > Math.max(t.completeRetentionMs, t.failedRetentionMs)) ||
        now - o.createdAt > t.orderLifetimeMs + t.failedRetentionMs;
      if (!gone) continue;
      this.orders.delete(o.orderRef);
      this.byToken.delete(o.qrStartToken);
      this.history.push(this.summary(o, now));
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
  }
}
