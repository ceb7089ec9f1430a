import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankIdClient, BankIdError } from '../../../../src/core/identity/bankid/client';
import {
  OrderRunner,
  type OrderRunnerOptions,
  type OrderStatus,
} from '../../../../src/core/identity/bankid/order-runner';
import { qrString } from '../../../../src/core/identity/bankid/qr-code';
import { createLogger } from '../../../../src/core/log/logger';
import { startBankIdSimulator, type BankIdSimulator } from '../../../../src/simulators/bankid/simulator';
import { STALE_QR_MESSAGE } from '../../../../src/simulators/bankid/order-book';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { postJson } from '../../simulators/support/https-json';
import { FakeClock } from './support/fake-clock';
import { captureLogger } from './support/log-capture';
import { completion, ScriptedApi } from './support/scripted-api';

const silent = createLogger({ level: 'silent' }).logger;

function scripted(overrides: Partial<OrderRunnerOptions> = {}) {
  const clock = new FakeClock();
  const api = new ScriptedApi(() => clock.now());
  const qrs: Array<{ at: number; qr: string | null }> = [];
  const statuses: OrderStatus[] = [];
  const runner = new OrderRunner({
    api,
    logger: silent,
    kind: 'auth',
    request: { endUserIp: '127.0.0.1' },
    clock,
    onQr: (qr) => qrs.push({ at: clock.now(), qr }),
    onStatus: (s) => statuses.push(s),
    ...overrides,
  });
  return { clock, api, qrs, statuses, runner };
}

describe('order runner (scripted BankID, manual clock)', () => {
  it("shows a fresh QR frame every second, computed from the order's secret", async () => {
    const { clock, api, qrs, statuses, runner } = scripted();
    void runner.run();
    await clock.settle();
    await clock.advance(5000);
    const order = api.started[0]!;
    expect(qrs.map((f) => f.at)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(qrs.map((f) => f.qr)).toEqual(
      [0, 1, 2, 3, 4, 5].map((t) => qrString(order.qrStartToken, order.qrStartSecret, t)),
    );
    expect(api.collected.map((c) => c.at)).toEqual([2000, 4000]);
    expect(statuses).toEqual([{ state: 'pending', rfa: 'rfa1', retryable: false }]);
    await runner.cancel();
  });

  it('hides the QR once the phone has the order, maps each status, and returns completionData', async () => {
    const { clock, api, qrs, statuses, runner } = scripted();
    api.collectScript[0] = [
      { status: 'pending', hintCode: 'outstandingTransaction' },
      { status: 'pending', hintCode: 'started' },
      { status: 'pending', hintCode: 'userSign' },
      { status: 'complete', completionData: completion },
    ];
    const outcome = runner.run();
    await clock.advance(4000);
    expect(qrs.at(-1)).toEqual({ at: 4000, qr: null });
    const framesWhenHidden = qrs.length;
    await clock.advance(4000);
    expect(qrs).toHaveLength(framesWhenHidden);
    expect(await outcome).toEqual({ status: 'complete', completionData: completion });
    expect(statuses.map((s) => `${s.state}:${s.rfa}`)).toEqual([
      'pending:rfa1',
      'pending:searching',
      'pending:rfa9',
      'complete:complete',
    ]);
    expect(clock.pending).toBe(0);
  });

  it('starts a new order after startFailed, up to autoRestarts, then fails with "Försök igen"', async () => {
    const { clock, api, qrs, statuses, runner } = scripted({ autoRestarts: 3 });
    api.defaultCollect = [{ status: 'failed', hintCode: 'startFailed' }];
    const outcome = runner.run();
    await clock.advance(10_000);
    expect(await outcome).toEqual({ status: 'failed', rfa: 'rfa17b', retryable: true, code: 'startFailed' });
    expect(api.started).toHaveLength(4);
    expect(runner.ordersStarted).toBe(4);
    // every new order starts its QR at time 0 with its own token
    const starts = qrs.filter((f) => f.qr?.split('.')[2] === '0').map((f) => f.qr?.split('.')[1]);
    expect(starts).toEqual(['token-0', 'token-1', 'token-2', 'token-3']);
    expect(statuses).toEqual([
      { state: 'pending', rfa: 'rfa1', retryable: false },
      { state: 'failed', rfa: 'rfa17b', retryable: true },
    ]);
    expect(qrs.at(-1)?.qr).toBeNull();
  });

  it.each([
    ['userCancel', 'rfa6'],
    ['expiredTransaction', 'rfa8'],
    ['certificateErr', 'rfa16'],
    ['cancelled', 'rfa3'],
    ['somethingNew', 'rfa22'],
  ] as const)('failed %s → %s, retryable', async (hintCode, rfa) => {
    const { clock, api, runner } = scripted();
    api.defaultCollect = [{ status: 'failed', hintCode }];
    const outcome = runner.run();
    await clock.advance(2000);
    expect(await outcome).toEqual({ status: 'failed', rfa, retryable: true, code: hintCode });
    expect(api.started).toHaveLength(1);
  });

  it('an unknown pending hintCode shows RFA21 and keeps collecting', async () => {
    const { clock, api, statuses, runner } = scripted();
    api.defaultCollect = [{ status: 'pending', hintCode: 'brandNewHint' }];
    void runner.run();
    await clock.advance(6000);
    expect(statuses.at(-1)).toEqual({ state: 'pending', rfa: 'rfa21', retryable: false });
    expect(api.collected).toHaveLength(3);
    await runner.cancel();
  });

  it('cancel stops frames and collects and cancels the order at BankID', async () => {
    const { clock, api, qrs, statuses, runner } = scripted();
    const outcome = runner.run();
    await clock.advance(2500);
    await runner.cancel();
    expect(await outcome).toEqual({ status: 'cancelled' });
    expect(api.cancelled).toEqual(['order-0']);
    expect(qrs.at(-1)?.qr).toBeNull();
    expect(statuses.at(-1)).toEqual({ state: 'failed', rfa: 'rfa6', retryable: true });
    const [frames, collects] = [qrs.length, api.collected.length];
    await clock.advance(10_000);
    expect([qrs.length, api.collected.length]).toEqual([frames, collects]);
    expect(clock.pending).toBe(0);
  });

  it('a failing /cancel is logged and swallowed: the visitor is never trapped', async () => {
    const log = captureLogger();
    const { clock, api, runner } = scripted({ logger: log.logger });
    api.cancelError = new BankIdError('cancel', 'network', 'networkError', null, null);
    const outcome = runner.run();
    await clock.advance(1000);
    await expect(runner.cancel()).resolves.toBeUndefined();
    expect(await outcome).toEqual({ status: 'cancelled' });
    expect(log.lines().some((l) => l.msg === 'BankID cancel failed; ignored' && l.errorCode === 'networkError')).toBe(
      true,
    );
  });

  it('a silent cancel (visit reset) sends no more events', async () => {
    const { clock, qrs, statuses, runner, api } = scripted();
    void runner.run();
    await clock.advance(1000);
    const [q, s] = [qrs.length, statuses.length];
    await runner.cancel({ silent: true });
    expect([qrs.length, statuses.length]).toEqual([q, s]);
    expect(api.cancelled).toEqual(['order-0']);
  });

  it('cancel while the order is being started cancels it as soon as BankID answers', async () => {
    const { clock, api, qrs, runner } = scripted();
    let release!: () => void;
    api.startAnswers.push({ delay: new Promise<void>((r) => (release = r)) });
    const outcome = runner.run();
    await clock.settle();
    const cancelling = runner.cancel();
    release();
    await cancelling;
    expect(await outcome).toEqual({ status: 'cancelled' });
    expect(api.cancelled).toEqual(['order-0']);
    expect(qrs.filter((f) => f.qr !== null)).toHaveLength(0);
  });

  it('cancel before run never starts an order', async () => {
    const { api, runner } = scripted();
    await runner.cancel();
    expect(runner.isFinished).toBe(true);
    expect(api.started).toHaveLength(0);
  });

  it('tolerates a few transient collect failures, then gives up with RFA5 and cancels', async () => {
    const { clock, api, runner } = scripted({ maxCollectErrors: 2 });
    const net = new BankIdError('collect', 'network', 'networkError', null, null);
    api.collectScript[0] = [net, net, { status: 'pending', hintCode: 'outstandingTransaction' }, net, net, net];
    const outcome = runner.run();
    await clock.advance(20_000);
    expect(await outcome).toEqual({ status: 'failed', rfa: 'rfa5', retryable: true, code: 'networkError' });
    expect(api.collected).toHaveLength(6);
    expect(api.cancelled).toEqual(['order-0']);
  });

  it('waits as long as BankID asks after tooManyRequests', async () => {
    const { clock, api, runner } = scripted();
    api.collectScript[0] = [
      new BankIdError('collect', 'api', 'tooManyRequests', 429, null, 5000),
      { status: 'pending', hintCode: 'outstandingTransaction' },
    ];
    void runner.run();
    await clock.advance(10_000);
    expect(api.collected.map((c) => c.at).slice(0, 2)).toEqual([2000, 7000]);
    await runner.cancel();
  });

  it('an order that outlives its time limit is cancelled with RFA8', async () => {
    const { clock, api, runner } = scripted({ maxOrderMs: 9000 });
    const outcome = runner.run();
    await clock.advance(12_000);
    expect(await outcome).toEqual({ status: 'failed', rfa: 'rfa8', retryable: true, code: 'expiredTransaction' });
    expect(api.cancelled).toEqual(['order-0']);
  });

  it.each([
    ['alreadyInProgress', 400, 'rfa4', true],
    ['maintenance', 503, 'rfa5', true],
    ['invalidParameters', 400, 'rfa22', true],
    ['unauthorized', 401, 'rfa22', false],
  ] as const)('a start refused with %s → %s (retryable %s)', async (errorCode, status, rfa, retryable) => {
    const { clock, api, runner, qrs } = scripted();
    api.startAnswers.push(new BankIdError('auth', 'api', errorCode, status, null));
    const outcome = runner.run();
    await clock.settle();
    expect(await outcome).toEqual({ status: 'failed', rfa, retryable, code: errorCode });
    expect(qrs).toHaveLength(0);
  });
});

describe('order runner against the BankID simulator', () => {
  let pki: TestPki;
  let sim: BankIdSimulator;
  let client: BankIdClient;

  beforeAll(async () => {
    pki = createTestPki({ name: 'BankID simulator', clientName: 'Kommunkiosk test RP' });
    sim = await startBankIdSimulator({ pki, timings: { stepMs: 30 } });
    client = new BankIdClient({ url: sim.url, pfx: sim.clientPfx, passphrase: sim.passphrase, ca: sim.caCertPem });
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  function live(overrides: Partial<OrderRunnerOptions> = {}, c = client) {
    const qrs: Array<string | null> = [];
    const statuses: OrderStatus[] = [];
    let firstQr!: (qr: string) => void;
    const first = new Promise<string>((r) => (firstQr = r));
    const runner = new OrderRunner({
      api: c,
      logger: silent,
      kind: 'auth',
      request: { endUserIp: '127.0.0.1' },
      collectIntervalMs: 50,
      onQr: (qr) => {
        qrs.push(qr);
        if (qr) firstQr(qr);
      },
      onStatus: (s) => statuses.push(s),
      ...overrides,
    });
    return { runner, qrs, statuses, first };
  }

  it('a scanned QR frame completes the login', async () => {
    const { runner, qrs, statuses, first } = live();
    const outcome = runner.run();
    expect(sim.scan(await first)).toMatchObject({ ok: true, personalNumber: '199001012385' });
    const result = await outcome;
    expect(result.status).toBe('complete');
    expect(qrs.at(-1)).toBeNull();
    expect(statuses.at(-1)).toEqual({ state: 'complete', rfa: 'complete', retryable: false });
  });

  it('restarts after startFailed at the simulator, then reports the failure', async () => {
    const quick = await startBankIdSimulator({ pki, timings: { scanWindowMs: 60 } });
    const c = new BankIdClient({
      url: quick.url,
      pfx: quick.clientPfx,
      passphrase: quick.passphrase,
      ca: quick.caCertPem,
    });
    try {
      const { runner } = live({ autoRestarts: 2, collectIntervalMs: 100 }, c);
      expect(await runner.run()).toEqual({ status: 'failed', rfa: 'rfa17b', retryable: true, code: 'startFailed' });
      expect(quick.orders().map((o) => o.hintCode)).toEqual(['startFailed', 'startFailed', 'startFailed']);
    } finally {
      c.close();
      await quick.close();
    }
  });

  it('cancel reaches the simulator', async () => {
    const { runner, first } = live();
    const outcome = runner.run();
    const qr = await first;
    await runner.cancel();
    expect(await outcome).toEqual({ status: 'cancelled' });
    const orderToken = qr.split('.')[1];
    const order = sim.orders().find((o) => o.cancelledByRp && o.status === 'failed' && o.hintCode === 'cancelled');
    expect(order).toBeDefined();
    expect(sim.scan(qr)).toMatchObject({ ok: false });
    expect(orderToken).toBeTruthy();
  });

  it('the phone rejects a wrong token, a wrong HMAC and a stale frame; a fresh frame is accepted', async () => {
    const strict = await startBankIdSimulator({ pki, timings: { maxQrAgeMs: 500, stepMs: 30 } });
    const c = new BankIdClient({
      url: strict.url,
      pfx: strict.clientPfx,
      passphrase: strict.passphrase,
      ca: strict.caCertPem,
    });
    try {
      const frames: string[] = [];
      let onFrame: (() => void) | null = null;
      const { runner } = live(
        {
          onQr: (qr) => {
            if (qr) frames.push(qr);
            onFrame?.();
          },
        },
        c,
      );
      const outcome = runner.run();
      const nextFrame = (): Promise<string> => new Promise((r) => (onFrame = () => r(frames.at(-1)!)));
      while (frames.length === 0) await new Promise((r) => setTimeout(r, 5));
      const frame0 = frames[0]!;
      const [, token, time, code] = frame0.split('.');
      const scan = (qr: string) => postJson(strict.scanUrl, { qr }, { ca: strict.caCertPem });

      const wrongToken = await scan(`bankid.00000000-0000-0000-0000-000000000000.${time}.${code}`);
      expect(wrongToken.status).toBe(404);
      expect(wrongToken.json).toMatchObject({ error: 'unknownToken' });

      const flipped = code!.replace(/^./, (ch) => (ch === '0' ? '1' : '0'));
      const wrongHmac = await scan(`bankid.${token}.${time}.${flipped}`);
      expect(wrongHmac.status).toBe(400);
      expect(wrongHmac.json).toMatchObject({ error: 'invalidHmac' });

      await new Promise((r) => setTimeout(r, 700));
      const stale = await scan(frame0);
      expect(stale.status).toBe(400);
      expect(stale.json).toEqual({ error: 'qrTooOld', message: STALE_QR_MESSAGE });

      const fresh = await scan(await nextFrame());
      expect(fresh.status).toBe(200);
      expect((await outcome).status).toBe('complete');
    } finally {
      c.close();
      await strict.close();
    }
  });
});
