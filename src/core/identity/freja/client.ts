/**
 * Freja eID+ relying-party REST client over node:https (transport in ../mtls-json-request.ts):
 * authentication 1.0 (initAuthentication, getOneResult, cancel) and sign 1.0 (initSignature,
 * getOneResult, cancel).
 *
 * - Mutual TLS with the RP certificate (PKCS#12 from Freja); the server is trusted only through the
 *   pinned Freja CA.
 * - Every call is a POST with a form body of one field whose value is base64 of the JSON request
 *   (`initAuthRequest=<b64>` …), `Content-Type: application/x-www-form-urlencoded`.
 * - Failures are `FrejaError`s with Freja's numeric code (1001 invalid request, 2000 already in
 *   progress …) or ours (timeout, networkError, tlsError, invalidResponse) and the HTTP status.
 *   Messages hold only the call, status and code: never a personnummer or Freja's free text.
 */
import type https from 'node:https';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { createMtlsAgent, JsonRequestError, loadRpCredentials, parseBaseUrl, postJson } from '../mtls-json-request';

export type RegistrationLevel = 'BASIC' | 'EXTENDED' | 'PLUS';
export const registrationLevels: readonly RegistrationLevel[] = ['BASIC', 'EXTENDED', 'PLUS'];

export type FrejaAttribute = 'BASIC_USER_INFO' | 'SSN' | 'REGISTRATION_LEVEL' | 'DATE_OF_BIRTH';

export interface InitAuthRequest {
  userInfoType: 'INFERRED';
  userInfo: 'N/A';
  minRegistrationLevel: RegistrationLevel;
  attributesToReturn: Array<{ attribute: FrejaAttribute }>;
  /** Asks Freja for a qrCodeSecret (dynamic QR). */
  useDynamicQrCode?: boolean;
}

export interface InitSignRequest {
  userInfoType: 'INFERRED';
  userInfo: 'N/A';
  minRegistrationLevel: RegistrationLevel;
  title: string;
  /** Text (and binary data) to sign, base64. */
  dataToSignType: 'EXTENDED_UTF8_TEXT';
  dataToSign: { text: string; binaryData: string };
  signatureType: 'EXTENDED';
  /** ms since epoch. */
  expiry: number;
  attributesToReturn: Array<{ attribute: FrejaAttribute }>;
  useDynamicQrCode?: boolean;
}

export const frejaStatuses = [
  'STARTED',
  'DELIVERED_TO_MOBILE',
  'CANCELED',
  'RP_CANCELED',
  'EXPIRED',
  'APPROVED',
  'REJECTED',
] as const;
export type FrejaStatus = (typeof frejaStatuses)[number];

const initResponseSchema = z.object({
  authRef: z.string().min(1).max(400).optional(),
  signRef: z.string().min(1).max(400).optional(),
  qrCodeSecret: z.string().min(1).max(400).optional(),
});

const resultSchema = z.object({
  authRef: z.string().optional(),
  signRef: z.string().optional(),
  status: z.enum(frejaStatuses),
  details: z.string().max(100_000).optional(),
});

export interface InitResponse {
  /** authRef or signRef. */
  ref: string;
  qrCodeSecret: string | null;
}

export interface FrejaResult {
  ref: string;
  status: FrejaStatus;
  /** Compact JWS (on APPROVED). */
  details: string | null;
}

export type FrejaService = 'authentication' | 'sign';
export type FrejaCall = 'init' | 'getOneResult' | 'cancel';

/** What the order runner needs from Freja; the HTTPS client implements it. */
export interface FrejaApi {
  initAuthentication(request: InitAuthRequest): Promise<InitResponse>;
  initSignature(request: InitSignRequest): Promise<InitResponse>;
  getOneResult(service: FrejaService, ref: string): Promise<FrejaResult>;
  cancel(service: FrejaService, ref: string): Promise<void>;
}

export type FrejaErrorKind = 'api' | 'network' | 'timeout' | 'protocol';

export class FrejaError extends Error {
  constructor(
    readonly call: string,
    readonly kind: FrejaErrorKind,
    /** Freja's numeric code as a string ("2000"), or ours: timeout, networkError, tlsError, invalidResponse, httpNNN. */
    readonly code: string,
    readonly httpStatus: number | null,
  ) {
    super(`Freja ${call} failed: ${httpStatus !== null ? `HTTP ${httpStatus} ` : ''}${code}`);
    this.name = 'FrejaError';
  }
}

export interface FrejaCredentials {
  pfx: Buffer;
  passphrase: string;
  /** Freja's CA (PEM): the only trust anchor for the server. */
  ca: string | Buffer;
}

export interface FrejaClientOptions extends FrejaCredentials {
  /** https://services.test.frejaeid.com or https://services.prod.frejaeid.com */
  url: string;
  timeoutMs?: number;
  logger?: Logger;
}

const PATHS: Record<FrejaService, Record<FrejaCall, { path: string; field: string }>> = {
  authentication: {
    init: { path: 'authentication/1.0/initAuthentication', field: 'initAuthRequest' },
    getOneResult: { path: 'authentication/1.0/getOneResult', field: 'getOneAuthResultRequest' },
    cancel: { path: 'authentication/1.0/cancel', field: 'cancelAuthRequest' },
  },
  sign: {
    init: { path: 'sign/1.0/initSignature', field: 'initSignRequest' },
    getOneResult: { path: 'sign/1.0/getOneResult', field: 'getOneSignResultRequest' },
    cancel: { path: 'sign/1.0/cancel', field: 'cancelSignRequest' },
  },
};

const MAX_RESPONSE_BYTES = 1024 * 1024;
const TLS_ERROR = /^(ERR_SSL|ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** The form body Freja expects: `<field>=<base64 of the JSON>`. */
export function formBody(field: string, payload: unknown): string {
  return `${field}=${encodeURIComponent(Buffer.from(JSON.stringify(payload), 'utf8').toString('base64'))}`;
}

/** Reads the RP certificate, its passphrase and Freja's CA from the files named in config. */
export function loadFrejaCredentials(files: {
  pfxFile: string;
  passphraseFile: string;
  caFile: string;
}): FrejaCredentials {
  return loadRpCredentials('Freja', files);
}

export class FrejaClient implements FrejaApi {
  private readonly agent: https.Agent;
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(private readonly options: FrejaClientOptions) {
    const base = parseBaseUrl(options.url, 'Freja');
    if (base.protocol !== 'https:') throw new Error('Freja url must use https');
    this.base = base;
    this.agent = createMtlsAgent('Freja client certificate', options, { maxSockets: 8, keepAliveMsecs: 10_000 });
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async initAuthentication(request: InitAuthRequest): Promise<InitResponse> {
    return this.init('authentication', request);
  }

  async initSignature(request: InitSignRequest): Promise<InitResponse> {
    if (request.title.length > 128) throw new Error('Freja signature title is longer than 128 characters');
    return this.init('sign', request);
  }

  async getOneResult(service: FrejaService, ref: string): Promise<FrejaResult> {
    const body = await this.post(service, 'getOneResult', service === 'sign' ? { signRef: ref } : { authRef: ref });
    const parsed = resultSchema.safeParse(body);
    const got = parsed.success ? (parsed.data.authRef ?? parsed.data.signRef) : undefined;
    if (!parsed.success || got !== ref)
      throw new FrejaError(`${service}.getOneResult`, 'protocol', 'invalidResponse', 200);
    return { ref, status: parsed.data.status, details: parsed.data.details ?? null };
  }

  async cancel(service: FrejaService, ref: string): Promise<void> {
    await this.post(service, 'cancel', service === 'sign' ? { signRef: ref } : { authRef: ref });
  }

  close(): void {
    this.agent.destroy();
  }

  private async init(service: FrejaService, request: unknown): Promise<InitResponse> {
    const parsed = initResponseSchema.safeParse(await this.post(service, 'init', request));
    const ref = parsed.success ? (service === 'sign' ? parsed.data.signRef : parsed.data.authRef) : undefined;
    if (!parsed.success || !ref) throw new FrejaError(`${service}.init`, 'protocol', 'invalidResponse', 200);
    return { ref, qrCodeSecret: parsed.data.qrCodeSecret ?? null };
  }

  private async post(service: FrejaService, call: FrejaCall, payload: unknown): Promise<unknown> {
    const { path, field } = PATHS[service][call];
    const name = `${service}.${call}`;
    const started = performance.now();
    let answer;
    try {
      answer = await postJson(new URL(path, this.base), formBody(field, payload), {
        agent: this.agent,
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    } catch (err) {
      throw err instanceof JsonRequestError ? this.failure(name, err) : err;
    }
    const { status } = answer;
    const json = answer.text.length > 0 ? answer.json : {};
    this.options.logger?.debug({ call: name, status, ms: Math.round(performance.now() - started) }, 'Freja call');
    if (status >= 200 && status < 300) {
      if (json === undefined) throw new FrejaError(name, 'protocol', 'invalidResponse', status);
      return json;
    }
    const code =
      typeof json === 'object' && json !== null && Number.isInteger((json as { code?: unknown }).code)
        ? String((json as { code: number }).code)
        : `http${status}`;
    this.options.logger?.warn({ call: name, status, code }, 'Freja answered with an error');
    throw new FrejaError(name, 'api', code, status);
  }

  private failure(call: string, err: JsonRequestError): FrejaError {
    switch (err.failure) {
      case 'timeout':
        this.options.logger?.warn({ call, code: 'timeout' }, 'Freja request failed');
        return new FrejaError(call, 'timeout', 'timeout', null);
      case 'tooLarge':
        return new FrejaError(call, 'protocol', 'invalidResponse', err.httpStatus);
      case 'broken':
        return new FrejaError(call, 'network', 'networkError', err.httpStatus);
      case 'network': {
        const code = err.code ?? '';
        const message = err.cause instanceof Error ? err.cause.message : '';
        const mapped =
          TLS_ERROR.test(code) || /certificate|handshake|ssl|tls/i.test(message) ? 'tlsError' : 'networkError';
        this.options.logger?.warn({ call, code: code || undefined, mapped }, 'Freja request failed');
        return new FrejaError(call, 'network', mapped, null);
      }
    }
  }
}
