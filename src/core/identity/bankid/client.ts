/**
 * BankID Relying Party API v6.0 client over node:https (transport in ../mtls-json-request.ts):
 * /auth, /sign, /collect, /cancel.
 *
 * - Mutual TLS with the RP certificate (PKCS#12 + passphrase); the server is trusted only through
 *   the pinned BankID CA (`ca` replaces Node's root store, so no OS or bundled CA is consulted).
 * - Every call is a POST with `Content-Type: application/json` exactly (a charset parameter gives 415).
 * - Failures are `BankIdError`s carrying errorCode / details / HTTP status. Messages hold only the
 *   method, status and code: never a personnummer, a name or BankID's free-text details.
 * - `maintenance` (503) is retried quietly a few times, as BankID recommends.
 */
import type https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { createMtlsAgent, JsonRequestError, loadRpCredentials, parseBaseUrl, postJson } from '../mtls-json-request';

export interface BankIdRequirement {
  pinCode?: boolean;
  mrtd?: boolean;
  cardReader?: 'class1' | 'class2';
  certificatePolicies?: string[];
  /** 12 digits: only this person can complete the order. */
  personalNumber?: string;
  risk?: 'low' | 'moderate';
}

export interface OrderRequest {
  endUserIp: string;
  requirement?: BankIdRequirement;
  /** base64 of UTF-8 text. Required for sign. */
  userVisibleData?: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  /** base64. */
  userNonVisibleData?: string;
  returnRisk?: boolean;
}

const orderResponseSchema = z.object({
  orderRef: z.string().min(1).max(200),
  autoStartToken: z.string().min(1).max(200),
  qrStartToken: z.string().min(1).max(200),
  qrStartSecret: z.string().min(1).max(200),
});
export type OrderResponse = z.infer<typeof orderResponseSchema>;

const completionDataSchema = z.object({
  user: z.object({
    personalNumber: z.string(),
    name: z.string(),
    givenName: z.string(),
    surname: z.string(),
  }),
  device: z.object({ ipAddress: z.string(), uhi: z.string().optional() }),
  bankIdIssueDate: z.string(),
  stepUp: z.object({ mrtd: z.boolean() }).optional(),
  signature: z.string(),
  ocspResponse: z.string(),
  risk: z.string().optional(),
});
export type CompletionData = z.infer<typeof completionDataSchema>;

const collectResponseSchema = z
  .object({
    orderRef: z.string(),
    status: z.enum(['pending', 'failed', 'complete']),
    hintCode: z.string().optional(),
    completionData: completionDataSchema.optional(),
  })
  .refine((r) => r.status !== 'complete' || r.completionData !== undefined, 'complete without completionData');
export type CollectResponse = z.infer<typeof collectResponseSchema>;

const errorBodySchema = z.object({ errorCode: z.string(), details: z.string().optional() });

export type BankIdMethod = 'auth' | 'sign' | 'collect' | 'cancel';

/** What the order runner needs from BankID; the HTTPS client implements it. */
export interface BankIdApi {
  auth(request: OrderRequest): Promise<OrderResponse>;
  sign(request: OrderRequest): Promise<OrderResponse>;
  collect(orderRef: string): Promise<CollectResponse>;
  cancel(orderRef: string): Promise<void>;
}

export type BankIdErrorKind =
  /** BankID answered with an error body (errorCode from BankID). */
  | 'api'
  /** No answer: connection refused/reset, DNS, TLS handshake (errorCode networkError or tlsError). */
  | 'network'
  /** No answer in time (errorCode timeout). */
  | 'timeout'
  /** An answer we cannot read (errorCode invalidResponse). */
  | 'protocol';

export class BankIdError extends Error {
  constructor(
    readonly method: BankIdMethod,
    readonly kind: BankIdErrorKind,
    /** BankID's errorCode (alreadyInProgress, invalidParameters, …) or ours for non-API failures. */
    readonly errorCode: string,
    /** HTTP status when BankID answered. */
    readonly httpStatus: number | null,
    /** BankID's free-text details: may echo request data, so never put it in a log line as is. */
    readonly details: string | null,
    /** For tooManyRequests: how long BankID asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`BankID ${method} failed: ${httpStatus !== null ? `HTTP ${httpStatus} ` : ''}${errorCode}`);
    this.name = 'BankIdError';
  }
}

export interface BankIdCredentials {
  /** PKCS#12 with the RP certificate and key. */
  pfx: Buffer;
  passphrase: string;
  /** BankID's CA certificate(s), PEM: the only trust anchor for the server. */
  ca: string | Buffer;
}

export interface BankIdClientOptions extends BankIdCredentials {
  /** Base of the RP API, e.g. https://appapi2.test.bankid.com/rp/v6.0/ */
  url: string;
  /** Per request, connection to last byte. Default 10 s. */
  timeoutMs?: number;
  /** Quiet retries of `maintenance` (503). Default 2. */
  maintenanceRetries?: number;
  /** Wait between those retries. Default 1 s. */
  maintenanceRetryDelayMs?: number;
  logger?: Logger;
}

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
const TLS_ERROR = /^(ERR_SSL|ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** Reads the RP certificate, its passphrase and the BankID CA from the files named in config. */
export function loadBankIdCredentials(files: {
  pfxFile: string;
  passphraseFile: string;
  caFile: string;
}): BankIdCredentials {
  return loadRpCredentials('BankID', files);
}

export class BankIdClient implements BankIdApi {
  private readonly agent: https.Agent;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly maintenanceRetries: number;
  private readonly maintenanceRetryDelayMs: number;

  constructor(private readonly options: BankIdClientOptions) {
    const base = parseBaseUrl(options.url, 'BankID');
    if (base.protocol !== 'https:') throw new Error('BankID url must use https');
    this.base = base;
    // the pinned CA only, even if the PKCS#12 file carries other CA certificates
    this.agent = createMtlsAgent('BankID client certificate', options, { maxSockets: 8, keepAliveMsecs: 10_000 });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maintenanceRetries = options.maintenanceRetries ?? 2;
    this.maintenanceRetryDelayMs = options.maintenanceRetryDelayMs ?? 1000;
  }

  async auth(request: OrderRequest): Promise<OrderResponse> {
    return orderResponseSchemaParse('auth', await this.call('auth', request));
  }

  async sign(request: OrderRequest): Promise<OrderResponse> {
    if (!request.userVisibleData) throw new Error('BankID sign needs userVisibleData');
    return orderResponseSchemaParse('sign', await this.call('sign', request));
  }

  async collect(orderRef: string): Promise<CollectResponse> {
    const body = await this.call('collect', { orderRef });
    const parsed = collectResponseSchema.safeParse(body);
    if (!parsed.success) throw new BankIdError('collect', 'protocol', 'invalidResponse', 200, null);
    return parsed.data;
  }

  async cancel(orderRef: string): Promise<void> {
    await this.call('cancel', { orderRef });
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async call(method: BankIdMethod, payload: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.post(method, payload);
      } catch (err) {
        if (err instanceof BankIdError && err.errorCode === 'maintenance' && attempt < this.maintenanceRetries) {
          this.options.logger?.info({ method, attempt: attempt + 1 }, 'BankID in maintenance; retrying quietly');
          await sleep(this.maintenanceRetryDelayMs);
          continue;
        }
        throw err;
      }
    }
  }

  private async post(method: BankIdMethod, payload: unknown): Promise<unknown> {
    const started = performance.now();
    let answer;
    try {
      answer = await postJson(new URL(method, this.base), JSON.stringify(payload), {
        agent: this.agent,
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
    } catch (err) {
      throw err instanceof JsonRequestError ? this.failure(method, err) : err;
    }
    const { status } = answer;
    // an empty answer is an empty object (cancel answers 200 {}); a body that is not JSON is undefined
    const json = answer.text.length > 0 ? answer.json : {};
    this.options.logger?.debug({ method, status, ms: Math.round(performance.now() - started) }, 'BankID call');
    if (status >= 200 && status < 300) {
      if (json === undefined) throw new BankIdError(method, 'protocol', 'invalidResponse', status, null);
      return json;
    }
    const parsed = errorBodySchema.safeParse(json);
    const errorCode =
      parsed.success && /^[A-Za-z0-9_]{1,40}$/.test(parsed.data.errorCode) ? parsed.data.errorCode : `http${status}`;
    const details = parsed.success ? (parsed.data.details ?? null) : null;
    const retryAfterMs = status === 429 ? retryAfter(answer.headers) : null;
    this.options.logger?.warn({ method, status, errorCode }, 'BankID answered with an error');
    throw new BankIdError(method, 'api', errorCode, status, details, retryAfterMs);
  }

  /** A transport failure as BankID's client reports it (errorCode timeout / tlsError / networkError / invalidResponse). */
  private failure(method: BankIdMethod, err: JsonRequestError): BankIdError {
    switch (err.failure) {
      case 'timeout':
        this.options.logger?.warn({ method, errorCode: 'timeout' }, 'BankID request failed');
        return new BankIdError(method, 'timeout', 'timeout', null, null);
      case 'tooLarge':
        return new BankIdError(method, 'protocol', 'invalidResponse', err.httpStatus, null);
      case 'broken':
        return new BankIdError(method, 'network', 'networkError', err.httpStatus, null);
      case 'network': {
        const code = err.code ?? '';
        const message = err.cause instanceof Error ? err.cause.message : '';
        const errorCode =
          TLS_ERROR.test(code) || /certificate|handshake|ssl|tls/i.test(message) ? 'tlsError' : 'networkError';
        this.options.logger?.warn({ method, code: code || undefined, errorCode }, 'BankID request failed');
        return new BankIdError(method, 'network', errorCode, null, null);
      }
    }
  }
}

function orderResponseSchemaParse(method: BankIdMethod, body: unknown): OrderResponse {
  const parsed = orderResponseSchema.safeParse(body);
  if (!parsed.success) throw new BankIdError(method, 'protocol', 'invalidResponse', 200, null);
  return parsed.data;
}

/** RateLimit-Reset / Retry-After (seconds) → ms, bounded to a minute. */
function retryAfter(headers: Record<string, string | string[] | undefined>): number | null {
  for (const name of ['ratelimit-reset', 'retry-after']) {
    const v = headers[name];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && /^\d+$/.test(s.trim())) return Math.min(60_000, Number(s.trim()) * 1000);
  }
  return null;
}
