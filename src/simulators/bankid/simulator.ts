/**
 * A BankID Relying Party API v6.0 server for tests, the embedded default and manual demos.
 *
 * RP side (mutual TLS with the generated RP certificate), same paths and rules as BankID:
 *   POST /rp/v6.0/auth | sign | collect | cancel
 *   401 unauthorized without a trusted client certificate, 404 notFound, 405 methodNotAllowed,
 *   415 unsupportedMediaType unless Content-Type is exactly application/json, 408 requestTimeout
 *   when the body does not arrive, 400 invalidParameters / alreadyInProgress, and per scenario
 *   503 maintenance, 500 internalError, 429 tooManyRequests, or slow answers.
 *
 * Phone side (no client certificate needed):
 *   GET  /sim/          a page to paste a QR string, choose a test person and scenario, approve
 *   POST /sim/scan      {qr, personalNumber?, scenario?, dryRun?}
 *   GET  /sim/persons   the test persons      GET /sim/orders   order summaries
 *   GET|POST /sim/control  {scenario?, service?, calls?, secondOrderPolicy?}  run-wide settings
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { isExactJson, readBody } from '../request-body';
import type { TestPki } from '../test-pki';
import { phoneScenarios, testPersons, type PhoneScenario } from '../test-persons';
import { buildCompletionData } from './completion';
import {
  OrderBook,
  type OrderSummary,
  type OrderTimings,
  type ScanOptions,
  type ScanResult,
  type SecondOrderPolicy,
} from './order-book';
import { validateOrderRef, validateOrderRequest } from './order-request';
import { PHONE_PAGE_HTML, PHONE_PAGE_JS } from './phone-page';
import { readPhonePost, sendJson, servePhonePage } from '../phone-side';

export const serviceScenarios = ['normal', 'maintenance', 'internalError', 'tooManyRequests', 'slow'] as const;
export type ServiceScenario = (typeof serviceScenarios)[number];

export interface BankIdSimulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** What phones do unless the scan or the person says otherwise; `startFailed` fails every order unscanned. */
  scenario?: PhoneScenario | null;
  /** How the RP API behaves. Default normal. */
  service?: ServiceScenario;
  /** How many RP calls the service scenario affects before it returns to normal. Default: all. */
  serviceCalls?: number;
  /** Delay of each answer in the `slow` scenario. Default 3 s. */
  slowMs?: number;
  secondOrderPolicy?: SecondOrderPolicy;
  timings?: Partial<OrderTimings>;
  /** A request body must arrive within this time, else 408. Default 10 s. */
  requestBodyTimeoutMs?: number;
  /** Reuse certificates (tests start many simulators); default: a fresh test PKI. */
  pki?: TestPki;
  /** Passphrase of the generated RP certificate. Default: random. */
  passphrase?: string;
  /** One line per request (method, path, status); never personal data. */
  log?: (line: string) => void;
}

export interface BankIdSimulator {
  /** Base of the RP API: https://127.0.0.1:<port>/rp/v6.0/ (what config.bankid.url takes). */
  url: string;
  origin: string;
  /** The phone page for people. */
  pageUrl: string;
  /** POST endpoint of the phone side. */
  scanUrl: string;
  caCertPem: string;
  /** The RP client certificate (PKCS#12). */
  clientPfx: Buffer;
  passphrase: string;
  pki: TestPki;
  /** The phone scans a QR string (same checks as POST /sim/scan). */
  scan(qr: string, options?: ScanOptions): ScanResult;
  setScenario(scenario: PhoneScenario | null): void;
  setService(service: ServiceScenario, calls?: number): void;
  setSecondOrderPolicy(policy: SecondOrderPolicy): void;
  orders(): OrderSummary[];
  order(orderRef: string): OrderSummary | undefined;
  close(): Promise<void>;
}

const DEFAULT_TIMINGS: OrderTimings = {
  scanWindowMs: 30_000,
  orderLifetimeMs: 180_000,
  completeRetentionMs: 180_000,
  failedRetentionMs: 300_000,
  stepMs: 1000,
  maxQrAgeMs: 2000,
};
const RP_PATH = /^\/rp\/v6\.0\/(auth|sign|collect|cancel)$/;
const MAX_BODY = 512 * 1024;

export async function startBankIdSimulator(options: BankIdSimulatorOptions = {}): Promise<BankIdSimulator> {
  const pki =
    options.pki ??
    (await import('../test-pki')).createTestPki({
      name: 'BankID simulator',
      clientName: 'Kommunkiosk test RP',
      passphrase: options.passphrase,
    });
  const timings: OrderTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const now = (): number => performance.now();
  const log = options.log ?? (() => undefined);
  let scenario: PhoneScenario | null = options.scenario ?? null;
  let service: ServiceScenario = options.service ?? 'normal';
  let serviceCalls = options.serviceCalls ?? Infinity;
  let policy: SecondOrderPolicy = options.secondOrderPolicy ?? 'alreadyInProgress';
  const slowMs = options.slowMs ?? 3000;
  const bodyTimeoutMs = options.requestBodyTimeoutMs ?? 10_000;

  const book = new OrderBook(timings, now, (order, person) =>
    buildCompletionData({
      kind: order.kind,
      person,
      deviceIp: order.deviceIp,
      userVisibleData: order.request.userVisibleData,
      userVisibleDataFormat: order.request.userVisibleDataFormat,
      userNonVisibleData: order.request.userNonVisibleData,
      mrtd: order.request.requirement.mrtd === true,
      returnRisk: order.request.returnRisk,
      signerKeyPem: pki.caKeyPem,
      signerCertPem: pki.caCertPem,
    }),
  );

  const send = sendJson;
  const rpError = (
    res: ServerResponse,
    status: number,
    errorCode: string,
    details: string,
    headers?: Record<string, string>,
  ): void => send(res, status, { errorCode, details }, headers);

  /** Consumes one call of the current service scenario; returns the scenario to apply. */
  const takeService = (): ServiceScenario => {
    if (service === 'normal') return 'normal';
    if (serviceCalls <= 0) {
      service = 'normal';
      return 'normal';
    }
    serviceCalls -= 1;
    return service;
  };

  async function handleRp(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const socket = req.socket as TLSSocket;
    if (!socket.authorized) return rpError(res, 401, 'unauthorized', 'A valid RP client certificate is required');
    const m = RP_PATH.exec(pathname);
    if (!m) return rpError(res, 404, 'notFound', 'No such method');
    if (req.method !== 'POST') return rpError(res, 405, 'methodNotAllowed', 'Only POST is allowed', { Allow: 'POST' });
    const current = takeService();
    if (current === 'maintenance')
      return rpError(res, 503, 'maintenance', 'The service is temporarily unavailable (simulated maintenance)');
    if (current === 'internalError') return rpError(res, 500, 'internalError', 'Internal technical error (simulated)');
    if (current === 'tooManyRequests') {
      return rpError(res, 429, 'tooManyRequests', 'Too many requests (simulated)', {
        'RateLimit-Limit': '10',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '1',
        'Retry-After': '1',
      });
    }
    if (!isExactJson(req.headers['content-type'])) {
      return rpError(res, 415, 'unsupportedMediaType', 'Content-Type must be application/json');
    }
    const body = await readBody(req, { limit: MAX_BODY, timeoutMs: bodyTimeoutMs });
    if (!body.ok) {
      if (body.reason === 'timeout')
        return rpError(res, 408, 'requestTimeout', 'The request body did not arrive in time', { Connection: 'close' });
      if (body.reason === 'tooLarge')
        return rpError(res, 400, 'invalidParameters', 'Request too large', { Connection: 'close' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.body.toString('utf8'));
    } catch {
      return rpError(res, 400, 'invalidParameters', 'Invalid JSON in request body');
    }
    if (current === 'slow') await sleep(slowMs);
    const method = m[1] as 'auth' | 'sign' | 'collect' | 'cancel';
    if (method === 'auth' || method === 'sign') {
      const v = validateOrderRequest(method, json);
      if (!v.ok) return rpError(res, 400, 'invalidParameters', v.details);
      const created = book.create(method, v.value, policy, scenario);
      if (!created.ok) return rpError(res, 400, created.errorCode, created.details);
      const o = created.order;
      return send(res, 200, {
        orderRef: o.orderRef,
        autoStartToken: o.autoStartToken,
        qrStartToken: o.qrStartToken,
        qrStartSecret: o.qrStartSecret,
      });
    }
    const ref = validateOrderRef(json);
    if (!ref.ok) return rpError(res, 400, 'invalidParameters', ref.details);
    if (method === 'collect') {
      const answer = book.collect(ref.value);
      return answer.ok ? send(res, 200, answer.body) : rpError(res, 400, 'invalidParameters', answer.details);
    }
    const cancelled = book.cancel(ref.value);
    return cancelled.ok ? send(res, 200, {}) : rpError(res, 400, 'invalidParameters', cancelled.details);
  }

  async function handleSim(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (
      servePhonePage(req, res, pathname, {
        html: PHONE_PAGE_HTML,
        js: PHONE_PAGE_JS,
        csp: "default-src 'self'; style-src 'unsafe-inline'; media-src 'self' blob: mediastream:",
      })
    )
      return;
    if (req.method === 'GET' && pathname === '/sim/persons') {
      return send(
        res,
        200,
        testPersons.map((p) => ({
          personalNumber: p.personalNumber,
          name: p.name,
          description: p.description,
          scenario: p.scenario ?? null,
        })),
      );
    }
    if (req.method === 'GET' && pathname === '/sim/orders') return send(res, 200, book.summaries());
    if (pathname === '/sim/control' && req.method === 'GET') return send(res, 200, settings());
    if (pathname === '/sim/scan' || pathname === '/sim/control') {
      const scan = await readPhonePost(req, res, pathname, { bodyTimeoutMs, scenarios: phoneScenarios, control });
      if (!scan) return;
      const result = book.scan(
        scan.qr,
        {
          personalNumber: scan.personalNumber,
          scenario: scan.scenario,
          dryRun: scan.dryRun,
          deviceIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
        },
        scenario,
      );
      return result.ok
        ? send(res, 200, result)
        : send(res, result.status, { error: result.error, message: result.message });
    }
    return send(res, 404, { error: 'notFound', message: 'No such page' });
  }

  const settings = (): Record<string, unknown> => ({
    scenario,
    service,
    serviceCalls: Number.isFinite(serviceCalls) ? serviceCalls : null,
    secondOrderPolicy: policy,
  });

  function control(res: ServerResponse, json: Record<string, unknown>): void {
    if (
      json.scenario !== undefined &&
      json.scenario !== null &&
      !phoneScenarios.includes(json.scenario as PhoneScenario)
    ) {
      return send(res, 400, {
        error: 'invalidScenario',
        message: `scenario must be null or one of ${phoneScenarios.join(', ')}`,
      });
    }
    if (json.service !== undefined && !serviceScenarios.includes(json.service as ServiceScenario)) {
      return send(res, 400, {
        error: 'invalidService',
        message: `service must be one of ${serviceScenarios.join(', ')}`,
      });
    }
    if (
      json.calls !== undefined &&
      (typeof json.calls !== 'number' || !Number.isInteger(json.calls) || json.calls < 0)
    ) {
      return send(res, 400, { error: 'invalidCalls', message: 'calls must be a whole number' });
    }
    if (
      json.secondOrderPolicy !== undefined &&
      json.secondOrderPolicy !== 'alreadyInProgress' &&
      json.secondOrderPolicy !== 'cancelFirst'
    ) {
      return send(res, 400, {
        error: 'invalidPolicy',
        message: 'secondOrderPolicy must be alreadyInProgress or cancelFirst',
      });
    }
    if (json.scenario !== undefined) scenario = json.scenario as PhoneScenario | null;
    if (json.service !== undefined) {
      service = json.service as ServiceScenario;
      serviceCalls = typeof json.calls === 'number' ? json.calls : Infinity;
    }
    if (json.secondOrderPolicy !== undefined) policy = json.secondOrderPolicy as SecondOrderPolicy;
    send(res, 200, settings());
  }

  const server = https.createServer(
    {
      key: pki.serverKeyPem,
      cert: pki.serverCertPem,
      ca: [pki.caCertPem],
      requestCert: true,
      // the RP paths check `authorized` themselves (401), the phone side needs no certificate
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const pathname = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
      const work = pathname.startsWith('/rp/')
        ? handleRp(req, res, pathname)
        : pathname === '/'
          ? Promise.resolve(void res.writeHead(302, { Location: '/sim/' }).end())
          : pathname.startsWith('/sim')
            ? handleSim(req, res, pathname)
            : Promise.resolve(rpError(res, 404, 'notFound', 'No such path'));
      work
        .catch(() => {
          if (!res.headersSent) rpError(res, 500, 'internalError', 'Simulator error');
          else res.destroy();
        })
        .finally(() => log(`${req.method ?? '?'} ${pathname} ${res.statusCode}`));
    },
  );
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://127.0.0.1:${port}`;
  const summary = (ref: string): OrderSummary | undefined => book.summaries().find((s) => s.orderRef === ref);

  return {
    url: `${origin}/rp/v6.0/`,
    origin,
    pageUrl: `${origin}/sim/`,
    scanUrl: `${origin}/sim/scan`,
    caCertPem: pki.caCertPem,
    clientPfx: pki.clientPfx,
    passphrase: pki.passphrase,
    pki,
    scan: (qr, scanOptions = {}) => book.scan(qr, { deviceIp: '127.0.0.1', ...scanOptions }, scenario),
    setScenario: (s) => {
      scenario = s;
    },
    setService: (s, calls) => {
      service = s;
      serviceCalls = calls ?? Infinity;
    },
    setSecondOrderPolicy: (p) => {
      policy = p;
    },
    orders: () => book.summaries(),
    order: summary,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
