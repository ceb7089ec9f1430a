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
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { checkTlsMaterial } from '../bankid/client';
import { pinnedServerIdentity } from '../tls-pinning';
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

export const LOOKUP_PATH = 'v1/persons/lookup';
const MAX_RESPONSE_BYTES = 512 * 1024;
const responseSchema = z.object({ person: registerPersonSchema });

export class HttpsRegister implements PersonRegister {
  private readonly endpoint: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpsRegisterOptions) {
    let base: URL;
    try {
      base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    } catch {
      throw new Error('register url is not a valid URL');
    }
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(base.hostname);
    if (base.protocol === 'http:' && !loopback) throw new Error('register url must use https (plain http only on 127.0.0.1)');
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('register url must use https');
    this.endpoint = new URL(LOOKUP_PATH, base);
    this.timeoutMs = options.timeoutMs ?? 5000;
    if (base.protocol === 'https:') {
      if (options.pfx || options.ca) checkTlsMaterial('register TLS material', { pfx: options.pfx, passphrase: options.passphrase, ca: options.ca });
      this.agent = new https.Agent({
        ca: options.ca,
        pfx: options.pfx,
        passphrase: options.passphrase,
        ...(options.ca ? { checkServerIdentity: pinnedServerIdentity(options.ca) } : {}),
        minVersion: 'TLSv1.2',
        keepAlive: true,
        maxSockets: 4,
      });
    } else {
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    }
  }

  async lookup(personalNumber: string): Promise<RegisterPerson | null> {
    if (!/^\d{12}$/.test(personalNumber)) throw new RegisterError('rejected', null, 'register lookup needs a 12-digit personnummer');
    const requestId = randomUUID();
    const { status, json } = await this.post(JSON.stringify({ personalNumber }), requestId);
    if (status === 404) return null;
    if (status === 200) {
      const parsed = responseSchema.safeParse(json);
      if (!parsed.success || parsed.data.person.personalNumber !== personalNumber) {
        this.options.logger?.warn({ requestId, status }, 'register answer does not follow the protocol');
        throw new RegisterError('invalidResponse', status, 'register answered with a body that does not follow the protocol');
      }
      return parsed.data.person;
    }
    const code = typeof (json as { error?: unknown } | undefined)?.error === 'string' ? String((json as { error: string }).error) : null;
    const safe = code !== null && /^[a-z_]{1,40}$/.test(code) ? code : 'unknown';
    this.options.logger?.warn({ requestId, status, error: safe }, 'register lookup failed');
    if (status >= 500 || status === 429 || status === 408) throw new RegisterError('unavailable', status, `register unavailable: HTTP ${status} ${safe}`);
    throw new RegisterError('rejected', status, `register refused the lookup: HTTP ${status} ${safe}`);
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: string, requestId: string): Promise<{ status: number; json: unknown }> {
    const lib = this.endpoint.protocol === 'https:' ? https : http;
    const payload = Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = lib.request(this.endpoint, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          Accept: 'application/json',
          'X-Request-Id': requestId,
        },
      });
      const timer = setTimeout(() => {
        finish(() => reject(new RegisterError('unavailable', null, 'register did not answer in time')));
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        this.options.logger?.warn({ requestId, code: err.code }, 'register request failed');
        finish(() => reject(new RegisterError('unavailable', null, `register request failed (${err.code ?? 'error'})`)));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            finish(() => reject(new RegisterError('invalidResponse', res.statusCode ?? null, 'register answer too large')));
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('error', () => finish(() => reject(new RegisterError('unavailable', res.statusCode ?? null, 'register answer broke off'))));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          finish(() => resolve({ status: res.statusCode ?? 0, json }));
        });
      });
      req.end(payload);
    });
  }
}
