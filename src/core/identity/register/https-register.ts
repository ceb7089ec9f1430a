/**
 * The person register over HTTPS: the municipality's integration service (production) or the
 * register simulator (embedded default, tests). The protocol is documented in docs/bankid.md:
 *
 *   POST <url>/v1/persons/lookup   Content-Type: application/json   {"personalNumber":"YYYYMMDDNNNN"}
 *   200 {"person": RegisterPerson}   404 {"error":"not_found"}   4xx/5xx {"error": "...", "message": "..."}
 *
 * The personnummer travels in the body, never in the URL (URLs end up in access logs). The server
 * is trusted through the configured CA; a client certificate (mutual TLS) is sent when configured.
 * Plain http is accepted only for a loopback address (the simulator in plain mode).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { createMtlsAgent, JsonRequestError, parseBaseUrl, postJson } from '../mtls-json-request';
import { RegisterError, registerPersonSchema, type PersonRegister, type RegisterPerson } from './person-register';

export interface HttpsRegisterOptions {
  /** Base URL of the integration service, e.g. https://integration.example.se/kiosk-register/ */
  url: string;
  /** CA certificate(s), PEM, trusted for the server; omitted → the system's default roots. */
  ca?: string | Buffer;
  /** Client certificate (PKCS#12) for mutual TLS, with its passphrase. */
  pfx?: Buffer;
  passphrase?: string;
  /** Default 5 s. */
  timeoutMs?: number;
  logger?: Logger;
}

/** The TLS material of the register from the files named in config (each optional; paths already resolved). */
export function loadRegisterCredentials(files: {
  caFile?: string | null;
  clientPfxFile?: string | null;
  passphraseFile?: string | null;
}): Pick<HttpsRegisterOptions, 'ca' | 'pfx' | 'passphrase'> {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'unknown';
      throw new Error(`register ${what} could not be read from ${file} (${code})`, { cause: err });
    }
  };
  return {
    ...(files.caFile ? { ca: read(files.caFile, 'CA certificate (caFile)') } : {}),
    ...(files.clientPfxFile ? { pfx: read(files.clientPfxFile, 'client certificate (clientPfxFile)') } : {}),
    // a passphrase file usually ends with a newline that is not part of the passphrase
    ...(files.passphraseFile
      ? {
          passphrase: read(files.passphraseFile, 'passphrase (passphraseFile)')
            .toString('utf8')
            .replace(/\r?\n$/, ''),
        }
      : {}),
  };
}

export const LOOKUP_PATH = 'v1/persons/lookup';
const MAX_RESPONSE_BYTES = 512 * 1024;
const responseSchema = z.object({ person: registerPersonSchema });

export class HttpsRegister implements PersonRegister {
  private readonly endpoint: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpsRegisterOptions) {
    const base = parseBaseUrl(options.url, 'register');
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(base.hostname);
    if (base.protocol === 'http:' && !loopback)
      throw new Error('register url must use https (plain http only on 127.0.0.1)');
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('register url must use https');
    this.endpoint = new URL(LOOKUP_PATH, base);
    this.timeoutMs = options.timeoutMs ?? 5000;
    if (base.protocol === 'https:') {
      this.agent = createMtlsAgent(
        'register TLS material',
        { pfx: options.pfx, passphrase: options.passphrase, ca: options.ca },
        { maxSockets: 4 },
      );
    } else {
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    }
  }

  async lookup(personalNumber: string): Promise<RegisterPerson | null> {
    if (!/^\d{12}$/.test(personalNumber))
      throw new RegisterError('rejected', null, 'register lookup needs a 12-digit personnummer');
    const requestId = randomUUID();
    const { status, json } = await this.post(JSON.stringify({ personalNumber }), requestId);
    if (status === 404) return null;
    if (status === 200) {
      const parsed = responseSchema.safeParse(json);
      if (!parsed.success || parsed.data.person.personalNumber !== personalNumber) {
        this.options.logger?.warn({ requestId, status }, 'register answer does not follow the protocol');
        throw new RegisterError(
          'invalidResponse',
          status,
          'register answered with a body that does not follow the protocol',
        );
      }
      return parsed.data.person;
    }
    const code =
      typeof (json as { error?: unknown } | undefined)?.error === 'string'
        ? String((json as { error: string }).error)
        : null;
    const safe = code !== null && /^[a-z_]{1,40}$/.test(code) ? code : 'unknown';
    this.options.logger?.warn({ requestId, status, error: safe }, 'register lookup failed');
    if (status >= 500 || status === 429 || status === 408)
      throw new RegisterError('unavailable', status, `register unavailable: HTTP ${status} ${safe}`);
    throw new RegisterError('rejected', status, `register refused the lookup: HTTP ${status} ${safe}`);
  }

  close(): void {
    this.agent.destroy();
  }

  private async post(body: string, requestId: string): Promise<{ status: number; json: unknown }> {
    try {
      const answer = await postJson(this.endpoint, body, {
        agent: this.agent,
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
        headers: { 'X-Request-Id': requestId },
      });
      return { status: answer.status, json: answer.json };
    } catch (err) {
      if (!(err instanceof JsonRequestError)) throw err;
      switch (err.failure) {
        case 'timeout':
          this.options.logger?.warn({ requestId, code: 'timeout' }, 'register request failed');
          throw new RegisterError('unavailable', null, 'register did not answer in time');
        case 'network':
          this.options.logger?.warn({ requestId, code: err.code ?? undefined }, 'register request failed');
          throw new RegisterError('unavailable', null, `register request failed (${err.code ?? 'error'})`);
        case 'tooLarge':
          throw new RegisterError('invalidResponse', err.httpStatus, 'register answer too large');
        case 'broken':
          throw new RegisterError('unavailable', err.httpStatus, 'register answer broke off');
      }
    }
  }
}
