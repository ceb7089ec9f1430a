/**
 * A Freja eID+ relying-party REST server for tests, the embedded default and manual demos.
 *
 * RP side (mutual TLS with the generated RP certificate), Freja's paths and rules:
 *   POST /authentication/1.0/initAuthentication | getOneResult | getResults | cancel
 *   POST /sign/1.0/initSignature | getOneResult | getResults | cancel
 *   Body: `<field>=<base64 of the JSON request>` (initAuthRequest, getOneAuthResultRequest …), with
 *   Content-Type application/x-www-form-urlencoded or application/json (real clients send both).
 *   Errors as Freja's `{code, message}`: 1001 invalid request, 1002 invalid user info, 1004 access
 *   denied (no client certificate), 1012 user not found, 1100 invalid reference, 2000 already in progress.
 *   Results (APPROVED) carry `details`: a compact JWS, RS256, `x5t` of the simulator's signing certificate.
 *
 * Phone side (no client certificate needed):
 *   GET  /sim/            a page: paste the QR string, choose a test person and what happens
 *   POST /sim/scan        {qr, personalNumber?, scenario?: approve|reject|cancel|expire, dryRun?}
 *   GET  /sim/persons     the test persons with their Freja registration level
 *   GET  /sim/transactions summaries (no secrets)
 *   GET|POST /sim/control {scenario?, error?: {httpStatus, code} | null, calls?, resultFault?}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { isJson, readBody } from '../request-body';
import type { TestPki } from '../test-pki';
import { findTestPerson, testPersons } from '../test-persons';
import { FREJA_PHONE_PAGE_HTML, FREJA_PHONE_PAGE_JS } from './phone-page';
import { readPhonePost, sendJson, servePhonePage } from '../phone-side';
import { createSigningIdentity, resultFaults, signJws, type ResultFault, type SigningIdentity } from './result-jws';
import {
  frejaAccounts,
  frejaPhoneScenarios,
  isFinal,
  Transactions,
  type FrejaPhoneScenario,
  type FrejaTimings,
  type RegistrationLevel,
  type ScanResult,
  type Transaction,
} from './transactions';

export interface FrejaSimulatorOptions {
  port?: number;
  /** What phones do unless the scan or the person says otherwise. */
  scenario?: FrejaPhoneScenario | null;
  timings?: Partial<FrejaTimings>;
  pki?: TestPki;
  passphrase?: string;
  requestBodyTimeoutMs?: number;
  /** One line per request (method, path, status); never personal data. */
  log?: (line: string) => void;
}

export interface FrejaSimulator {
  /** Base URL of the RP API (what config.freja.url takes). */
  url: string;
  origin: string;
  pageUrl: string;
  scanUrl: string;
  caCertPem: string;
  clientPfx: Buffer;
  passphrase: string;
  /** The certificate that signs the results (config.freja.signingCertFiles). */
  signingCertPem: string;
  signingX5t: string;
  pki: TestPki;
  scan(qr: string, options?: { personalNumber?: string; scenario?: FrejaPhoneScenario; dryRun?: boolean }): ScanResult;
  setScenario(scenario: FrejaPhoneScenario | null): void;
  /** The next `calls` RP calls answer with this error (null: normal). */
  setError(error: { httpStatus: number; code: number } | null, calls?: number): void;
  /** The next approved results are spoiled this way (tests of the RP's verification). */
  setResultFault(fault: ResultFault | null): void;
  transactions(): TransactionSummary[];
  close(): Promise<void>;
}

export interface TransactionSummary {
  service: string;
  ref: string;
  status: string;
  qr: 'dynamic' | 'static';
  minRegistrationLevel: string;
  scanned: boolean;
}

const DEFAULT_TIMINGS: FrejaTimings = {
  authLifetimeMs: 120_000,
  stepMs: 1000,
  maxQrAgeMs: 2000,
  resultRetentionMs: 600_000,
};
const RP_PATH = /^\/(authentication|sign)\/1\.0\/(initAuthentication|initSignature|getOneResult|getResults|cancel)$/;
const FIELDS: Record<string, string> = {
  'authentication/initAuthentication': 'initAuthRequest',
  'authentication/getOneResult': 'getOneAuthResultRequest',
  'authentication/getResults': 'getAuthResultsRequest',
  'authentication/cancel': 'cancelAuthRequest',
  'sign/initSignature': 'initSignRequest',
  'sign/getOneResult': 'getOneSignResultRequest',
  'sign/getResults': 'getSignResultsRequest',
  'sign/cancel': 'cancelSignRequest',
};
const USER_INFO_TYPES = ['EMAIL', 'SSN', 'PHONE', 'INFERRED', 'ORG_ID', 'UPI'];
const LEVELS: RegistrationLevel[] = ['BASIC', 'EXTENDED', 'PLUS'];
const ATTRIBUTES = [
  'BASIC_USER_INFO',
  'SSN',
  'EMAIL_ADDRESS',
  'ALL_EMAIL_ADDRESSES',
  'DATE_OF_BIRTH',
  'ADDRESSES',
  'REGISTRATION_LEVEL',
  'CUSTOM_IDENTIFIER',
  'RELYING_PARTY_USER_ID',
  'INTEGRATOR_SPECIFIC_USER_ID',
  'AGE',
  'PHOTO',
  'DOCUMENT',
];
const MIN_SIGN_EXPIRY_MS = 2 * 60_000;
const MAX_SIGN_EXPIRY_MS = 30 * 24 * 3600_000;

class RequestError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startFrejaSimulator(options: FrejaSimulatorOptions = {}): Promise<FrejaSimulator> {
  const pki =
    options.pki ??
    (await import('../test-pki')).createTestPki({
      name: 'Freja simulator',
      clientName: 'Kommunkiosk test RP (Freja)',
      passphrase: options.passphrase,
    });
  const signer: SigningIdentity = createSigningIdentity(pki);
  const timings: FrejaTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const book = new Transactions(timings, () => performance.now());
  const log = options.log ?? (() => undefined);
  const bodyTimeoutMs = options.requestBodyTimeoutMs ?? 10_000;
  let scenario: FrejaPhoneScenario | null = options.scenario ?? null;
  let forcedError: { httpStatus: number; code: number } | null = null;
  let forcedCalls = Infinity;
  let resultFault: ResultFault | null = null;
  /** Results already handed out by getResults (includePreviouslyReturned: false). */
  const returned = new Set<string>();

  const send = sendJson;

  function resultOf(t: Transaction): Record<string, unknown> {
    const refKey = t.service === 'sign' ? 'signRef' : 'authRef';
    const out: Record<string, unknown> = { [refKey]: t.ref, status: t.status };
    if (t.status === 'APPROVED' && t.person) {
      const p = t.person;
      const level = frejaAccounts[p.personalNumber]?.level ?? 'EXTENDED';
      const requestedAttributes: Record<string, unknown> = {};
      if (t.attributes.includes('BASIC_USER_INFO'))
        requestedAttributes.basicUserInfo = { name: p.givenName, surname: p.surname };
      if (t.attributes.includes('SSN')) requestedAttributes.ssn = { ssn: p.personalNumber, country: 'SE' };
      if (t.attributes.includes('DATE_OF_BIRTH'))
        requestedAttributes.dateOfBirth = `${p.personalNumber.slice(0, 4)}-${p.personalNumber.slice(4, 6)}-${p.personalNumber.slice(6, 8)}`;
      if (t.attributes.includes('REGISTRATION_LEVEL')) requestedAttributes.registrationLevel = level;
      const payload: Record<string, unknown> = {
        [refKey]: resultFault === 'wrongRef' ? `${t.ref}x` : t.ref,
        status: 'APPROVED',
        userInfoType: 'INFERRED',
        userInfo: 'N/A',
        minRegistrationLevel: t.minRegistrationLevel,
        timestamp: Date.now(),
        requestedAttributes,
      };
      if (t.sign) {
        payload.signatureType = t.sign.signatureType;
        // the user's signature over what was shown (TEST DATA: signed by the simulator's key)
        payload.signatureData = {
          userSignature: signJws(
            { text: t.sign.text, ...(t.sign.binaryData ? { binaryData: t.sign.binaryData } : {}), testData: true },
            signer,
          ),
          certificateStatus: 'TEST DATA',
        };
      }
      out.details = signJws(payload, signer, resultFault);
    }
    return out;
  }

  function parseRequest(text: string, field: string): Record<string, unknown> {
    const form = new URLSearchParams(text);
    const value = form.get(field);
    if (value === null) throw new RequestError(400, 1001, `Expected the form field ${field}`);
    let json: unknown;
    try {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      json = JSON.parse(decoded);
    } catch {
      throw new RequestError(400, 1001, `${field} is not base64 of JSON`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new RequestError(400, 1001, `${field} must be a JSON object`);
    return json as Record<string, unknown>;
  }

  function level(v: unknown): RegistrationLevel {
    if (v === undefined) return 'BASIC';
    if (typeof v !== 'string' || !LEVELS.includes(v as RegistrationLevel))
      throw new RequestError(400, 1001, 'minRegistrationLevel must be BASIC, EXTENDED or PLUS');
    return v as RegistrationLevel;
  }

  function attributes(v: unknown): string[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new RequestError(400, 1001, 'attributesToReturn must be a list');
    return v.map((a: unknown) => {
      const name = typeof a === 'object' && a !== null ? (a as { attribute?: unknown }).attribute : undefined;
      if (typeof name !== 'string' || !ATTRIBUTES.includes(name))
        throw new RequestError(400, 1001, 'attributesToReturn: unknown attribute');
      return name;
    });
  }

  function userInfo(json: Record<string, unknown>): string | null {
    const type = json.userInfoType;
    if (typeof type !== 'string' || !USER_INFO_TYPES.includes(type))
      throw new RequestError(400, 1001, 'userInfoType must be one of EMAIL, SSN, PHONE, INFERRED, ORG_ID, UPI');
    if (type === 'INFERRED') {
      if (json.userInfo !== 'N/A') throw new RequestError(400, 1002, 'userInfo must be N/A for INFERRED');
      return null;
    }
    if (type === 'SSN') {
      let ssn: unknown;
      try {
        const inner = JSON.parse(Buffer.from(String(json.userInfo), 'base64').toString('utf8')) as Record<
          string,
          unknown
        >;
        if (!['SE', 'NO', 'FI', 'DK'].includes(String(inner.country))) throw new Error('country');
        ssn = inner.ssn;
      } catch {
        throw new RequestError(400, 1002, 'userInfo must be base64 of {"country", "ssn"}');
      }
      if (typeof ssn !== 'string' || !/^\d{12}$/.test(ssn)) throw new RequestError(400, 1002, 'invalid ssn');
      if (!findTestPerson(ssn)) throw new RequestError(404, 1012, 'User not found');
      return ssn;
    }
    throw new RequestError(400, 1002, `userInfoType ${type} is not simulated (use INFERRED or SSN)`);
  }

  function init(service: 'authentication' | 'sign', json: Record<string, unknown>): Record<string, unknown> {
    const ssn = userInfo(json);
    const minRegistrationLevel = level(json.minRegistrationLevel);
    const attrs = attributes(json.attributesToReturn);
    let sign: Transaction['sign'] = null;
    let expiry: number | null = null;
    if (service === 'sign') {
      const title = json.title;
      if (title !== undefined && (typeof title !== 'string' || title.length > 128))
        throw new RequestError(400, 1001, 'title must be at most 128 characters');
      const type = json.dataToSignType;
      const data = json.dataToSign as { text?: unknown; binaryData?: unknown } | undefined;
      if (type !== 'SIMPLE_UTF8_TEXT' && type !== 'EXTENDED_UTF8_TEXT')
        throw new RequestError(400, 1001, 'dataToSignType must be SIMPLE_UTF8_TEXT or EXTENDED_UTF8_TEXT');
      const b64 = /^[A-Za-z0-9+/]+={0,2}$/;
      if (typeof data?.text !== 'string' || !b64.test(data.text))
        throw new RequestError(400, 1001, 'dataToSign.text must be base64');
      if (type === 'EXTENDED_UTF8_TEXT' && (typeof data.binaryData !== 'string' || !b64.test(data.binaryData)))
        throw new RequestError(400, 1001, 'dataToSign.binaryData must be base64 for EXTENDED_UTF8_TEXT');
      const signatureType = json.signatureType ?? 'SIMPLE';
      if (signatureType !== 'SIMPLE' && signatureType !== 'EXTENDED')
        throw new RequestError(400, 1001, 'signatureType must be SIMPLE or EXTENDED');
      if (signatureType === 'EXTENDED' && type !== 'EXTENDED_UTF8_TEXT')
        throw new RequestError(400, 1001, 'signatureType EXTENDED needs EXTENDED_UTF8_TEXT');
      if (json.expiry !== undefined) {
        const e = json.expiry;
        const now = Date.now();
        if (typeof e !== 'number' || e < now + MIN_SIGN_EXPIRY_MS - 5000 || e > now + MAX_SIGN_EXPIRY_MS)
          throw new RequestError(400, 1001, 'expiry must be between now + 2 minutes and now + 30 days');
        expiry = e;
      } else {
        expiry = Date.now() + MIN_SIGN_EXPIRY_MS;
      }
      sign = {
        title: typeof title === 'string' ? title : '',
        text: data.text,
        binaryData: typeof data.binaryData === 'string' ? data.binaryData : null,
        signatureType,
      };
    }
    if (ssn && book.all().some((t) => !isFinal(t.status) && t.person?.personalNumber === ssn)) {
      // one active transaction per user: a second one cancels both
      for (const t of book.all())
        if (!isFinal(t.status) && t.person?.personalNumber === ssn) book.cancel(t.service, t.ref);
      throw new RequestError(400, 2000, 'A transaction for this user is already in progress');
    }
    const t = book.create({
      service,
      minRegistrationLevel,
      attributes: attrs,
      dynamicQr: json.useDynamicQrCode === true,
      expiry,
      sign,
    });
    if (ssn) t.person = findTestPerson(ssn) ?? null;
    return {
      [service === 'sign' ? 'signRef' : 'authRef']: t.ref,
      ...(t.qrCodeSecret ? { qrCodeSecret: t.qrCodeSecret } : {}),
    };
  }

  function refOf(service: 'authentication' | 'sign', json: Record<string, unknown>): string {
    const ref = json[service === 'sign' ? 'signRef' : 'authRef'];
    if (typeof ref !== 'string' || ref.length === 0 || ref.length > 400)
      throw new RequestError(400, 1001, `${service === 'sign' ? 'signRef' : 'authRef'} is required`);
    return ref;
  }

  async function handleRp(
    req: IncomingMessage,
    res: ServerResponse,
    service: 'authentication' | 'sign',
    call: string,
  ): Promise<void> {
    const socket = req.socket as TLSSocket;
    if (!socket.authorized)
      return send(res, 401, { code: 1004, message: 'Access denied: no trusted client certificate' });
    if (req.method !== 'POST') return send(res, 405, { code: 1001, message: 'Use POST' }, { Allow: 'POST' });
    const field = FIELDS[`${service}/${call}`];
    if (!field) return send(res, 404, { code: 1001, message: 'No such method' });
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/.test(type) && !isJson(type))
      return send(res, 415, { code: 1001, message: 'Send a form body (application/x-www-form-urlencoded)' });
    const body = await readBody(req, { limit: 256 * 1024, timeoutMs: bodyTimeoutMs });
    if (!body.ok)
      return send(res, body.reason === 'tooLarge' ? 413 : 408, { code: 1001, message: 'The body could not be read' });
    if (forcedError && forcedCalls > 0) {
      forcedCalls -= 1;
      const e = forcedError;
      if (forcedCalls <= 0) forcedError = null;
      return send(res, e.httpStatus, { code: e.code, message: 'Simulated error' });
    }
    const json = parseRequest(body.body.toString('utf8'), field);
    if (call === 'initAuthentication' || call === 'initSignature') return send(res, 200, init(service, json));
    if (call === 'getResults') {
      const all = json.includePreviouslyReturned === true;
      const list = book
        .all()
        .filter((t) => t.service === service && (all || !returned.has(t.ref)))
        .map((t) => {
          if (isFinal(t.status)) returned.add(t.ref);
          return resultOf(t);
        });
      return send(res, 200, service === 'sign' ? { signatureResults: list } : { authenticationResults: list });
    }
    const ref = refOf(service, json);
    if (call === 'getOneResult') {
      const t = book.get(service, ref);
      if (!t) throw new RequestError(400, 1100, 'Invalid reference');
      return send(res, 200, resultOf(t));
    }
    const cancelled = book.cancel(service, ref);
    if (cancelled !== 'ok') throw new RequestError(400, 1100, 'Invalid reference (unknown or already finished)');
    return send(res, 200, {});
  }

  async function handleSim(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (
      servePhonePage(req, res, pathname, {
        html: FREJA_PHONE_PAGE_HTML,
        js: FREJA_PHONE_PAGE_JS,
        csp: "default-src 'self'; style-src 'unsafe-inline'",
      })
    )
      return;
    if (req.method === 'GET' && pathname === '/sim/persons')
      return send(
        res,
        200,
        testPersons.map((p) => ({
          personalNumber: p.personalNumber,
          name: p.name,
          registrationLevel: frejaAccounts[p.personalNumber]?.level ?? 'EXTENDED',
          scenario: frejaAccounts[p.personalNumber]?.scenario ?? null,
        })),
      );
    if (req.method === 'GET' && pathname === '/sim/transactions') return send(res, 200, summaries());
    if (req.method === 'GET' && pathname === '/sim/control') return send(res, 200, settings());
    if (pathname === '/sim/scan' || pathname === '/sim/control') {
      const scan = await readPhonePost(req, res, pathname, {
        bodyTimeoutMs,
        scenarios: frejaPhoneScenarios,
        control,
      });
      if (!scan) return;
      const result = book.scan(
        scan.qr,
        { personalNumber: scan.personalNumber, scenario: scan.scenario, dryRun: scan.dryRun },
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
    error: forcedError,
    calls: forcedError && Number.isFinite(forcedCalls) ? forcedCalls : null,
    resultFault,
  });

  function control(res: ServerResponse, json: Record<string, unknown>): void {
    if (
      json.scenario !== undefined &&
      json.scenario !== null &&
      !frejaPhoneScenarios.includes(json.scenario as FrejaPhoneScenario)
    )
      return send(res, 400, {
        error: 'invalidScenario',
        message: `scenario must be null or one of ${frejaPhoneScenarios.join(', ')}`,
      });
    if (
      json.resultFault !== undefined &&
      json.resultFault !== null &&
      !resultFaults.includes(json.resultFault as ResultFault)
    )
      return send(res, 400, {
        error: 'invalidResultFault',
        message: `resultFault must be null or one of ${resultFaults.join(', ')}`,
      });
    const e = json.error as { httpStatus?: unknown; code?: unknown } | null | undefined;
    if (
      e !== undefined &&
      e !== null &&
      (typeof e.httpStatus !== 'number' || e.httpStatus < 400 || e.httpStatus > 599 || !Number.isInteger(e.code))
    )
      return send(res, 400, { error: 'invalidError', message: 'error must be null or {httpStatus: 4xx/5xx, code: N}' });
    if (json.calls !== undefined && (typeof json.calls !== 'number' || !Number.isInteger(json.calls) || json.calls < 1))
      return send(res, 400, { error: 'invalidCalls', message: 'calls must be a whole number ≥ 1' });
    if (json.scenario !== undefined) scenario = json.scenario as FrejaPhoneScenario | null;
    if (json.resultFault !== undefined) resultFault = json.resultFault as ResultFault | null;
    if (e !== undefined) {
      forcedError = e ? { httpStatus: e.httpStatus as number, code: e.code as number } : null;
      forcedCalls = typeof json.calls === 'number' ? json.calls : Infinity;
    }
    send(res, 200, settings());
  }

  function summaries(): TransactionSummary[] {
    return book.all().map((t) => ({
      service: t.service,
      ref: t.ref,
      status: t.status,
      qr: t.qrCodeSecret ? 'dynamic' : 'static',
      minRegistrationLevel: t.minRegistrationLevel,
      scanned: t.person !== null,
    }));
  }

  const server = https.createServer(
    {
      key: pki.serverKeyPem,
      cert: pki.serverCertPem,
      ca: pki.caCertPem,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const pathname = new URL(req.url ?? '/', 'https://localhost').pathname;
      const done = (): void => log(`${req.method} ${pathname} ${res.statusCode}`);
      res.on('finish', done);
      const rp = RP_PATH.exec(pathname);
      const work = rp
        ? handleRp(req, res, rp[1] as 'authentication' | 'sign', rp[2] as string)
        : pathname.startsWith('/sim')
          ? handleSim(req, res, pathname)
          : Promise.resolve(send(res, 404, { code: 1001, message: 'No such path' }));
      work.catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof RequestError) send(res, err.httpStatus, { code: err.code, message: err.message });
        else send(res, 500, { code: 1001, message: 'Internal error' });
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    pageUrl: `${origin}/sim/`,
    scanUrl: `${origin}/sim/scan`,
    caCertPem: pki.caCertPem,
    clientPfx: pki.clientPfx,
    passphrase: pki.passphrase,
    signingCertPem: signer.certPem,
    signingX5t: signer.x5t,
    pki,
    scan: (qr, o = {}) => book.scan(qr, o, scenario),
    setScenario: (s) => {
      scenario = s;
    },
    setError: (e, calls) => {
      forcedError = e;
      forcedCalls = calls ?? Infinity;
    },
    setResultFault: (f) => {
      resultFault = f;
    },
    transactions: summaries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
