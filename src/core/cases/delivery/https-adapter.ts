/**
 * Delivery over HTTPS: POST of the JSON envelope (documents inline, base64) with an
 * `Idempotency-Key` header; optional client certificate (PKCS#12) and a pinned CA.
 *
 * How an answer is read (documented in docs/delivery.md):
 *  - 2xx with a JSON object body (`{"receiverReference": "…"}`, the reference optional) → delivered;
 *    204 or an empty 2xx body → delivered without a receiver reference;
 *  - 2xx with another content type or a body that is not a JSON object → retry: a proxy or captive
 *    portal answers like that without the receiver having the case, and the receiver deduplicates, so
 *    sending again is safe while believing it would lose the case;
 *  - 409 → the receiver already has the case → delivered;
 *  - 408, 425, 429 → retry (Retry-After honoured); other 4xx → dead letter with the status as reason;
 *  - 3xx (not followed), 5xx, timeouts, resets, TLS failures → retry; refused/unreachable → offline.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createSecureContext } from 'node:tls';
import type { Logger } from '../../log/logger';
import type { ResolvedHttpsTarget } from '../config';
import { createHash } from 'node:crypto';
import { createDeliveryFormatter, PACKAGE_MEDIA_TYPE, type FgsContext } from './delivery-format';
import {
  errorCodeOf,
  OFFLINE_ERROR_CODES,
  safeReason,
  type DeliveryAdapter,
  type DeliveryItem,
  type DeliveryOutcome,
} from './adapter';
import { tcpReachable } from './tcp-probe';
import { errorMessage } from '../../../contract/errors';

const MAX_ANSWER_BYTES = 256 * 1024;
const MAX_RETRY_AFTER_MS = 3_600_000;

export class HttpsTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpsTargetError';
  }
}

function readConfigFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new HttpsTargetError(
      `The ${what} ${file} of an https delivery target cannot be read: ${(err as Error).message}`,
    );
  }
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function receiverReferenceOf(value: unknown): string | null | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as { receiverReference?: unknown }).receiverReference;
  if (ref === undefined || ref === null) return null;
  if (typeof ref === 'string' && ref.length > 0 && ref.length <= 200) return ref;
  if (typeof ref === 'number') return String(ref);
  return undefined;
}

/** Turns the receiver's answer into an outcome (pure; see the file comment for the rules). */
export function classifyHttpAnswer(answer: {
  status: number;
  contentType: string | undefined;
  body: Buffer;
  retryAfter?: string | undefined;
  now?: number;
}): DeliveryOutcome {
  const { status, body } = answer;
  const contentType = (answer.contentType ?? '').toLowerCase();
  const isJson = /^application\/([a-z0-9.+-]+\+)?json\b/.test(contentType);
  const parse = (): unknown => {
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
  };

  if (status >= 200 && status < 300) {
    if (status === 204 || body.length === 0) return { kind: 'delivered', receiverReference: null, duplicate: false };
    if (!isJson) {
      return {
        kind: 'retry',
        offline: false,
        reason: safeReason(
          `receiver answered ${status} with content type "${contentType || 'none'}" instead of JSON; not taken as an acknowledgement`,
        ),
      };
    }
    const ref = receiverReferenceOf(parse());
    if (ref === undefined) {
      return {
        kind: 'retry',
        offline: false,
        reason: `receiver answered ${status} with a body that is not a JSON receipt; not taken as an acknowledgement`,
      };
    }
    return { kind: 'delivered', receiverReference: ref, duplicate: false };
  }
  if (status === 409) {
    const ref = isJson ? receiverReferenceOf(parse()) : undefined;
    return { kind: 'delivered', receiverReference: ref ?? null, duplicate: true };
  }
  if (status === 408 || status === 425 || status === 429) {
    const wait = retryAfterMs(answer.retryAfter, answer.now ?? Date.now());
    return {
      kind: 'retry',
      offline: false,
      reason: `receiver answered ${status}`,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  if (status >= 400 && status < 500) {
    let code = '';
    if (isJson) {
      const parsed = parse() as { error?: unknown } | undefined;
      if (parsed && typeof parsed.error === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(parsed.error))
        code = ` (${parsed.error})`;
    }
    return { kind: 'rejected', reason: `receiver refused the case: HTTP ${status}${code}` };
  }
  if (status >= 500) {
    const wait = retryAfterMs(answer.retryAfter, answer.now ?? Date.now());
    return {
      kind: 'retry',
      offline: false,
      reason: `receiver answered ${status}`,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  return { kind: 'retry', offline: false, reason: `receiver answered ${status} (redirects are not followed)` };
}

/** Turns a failed request into an outcome. */
export function classifyHttpError(err: unknown, timedOut: boolean, timeoutMs: number): DeliveryOutcome {
  if (timedOut) return { kind: 'retry', offline: false, reason: `no answer within ${timeoutMs} ms` };
  const code = errorCodeOf(err) ?? 'error';
  const message = errorMessage(err);
  if (OFFLINE_ERROR_CODES.has(code))
    return { kind: 'retry', offline: true, reason: safeReason(`receiver unreachable: ${message}`) };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return {
      kind: 'retry',
      offline: false,
      reason: safeReason(`connection reset before the receiver answered (${code})`),
    };
  }
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i.test(code) || /certificate|tls|ssl/i.test(message)) {
    return { kind: 'retry', offline: false, reason: safeReason(`TLS failed: ${code}: ${message}`) };
  }
  return { kind: 'retry', offline: false, reason: safeReason(`${code}: ${message}`) };
}

export interface HttpsAdapterOptions {
  logger: Logger;
  /** Sockets kept open to the receiver (the worker's concurrency). */
  maxSockets?: number;
  userAgent?: string;
  fgs?: FgsContext | undefined;
}

export function createHttpsAdapter(target: ResolvedHttpsTarget, options: HttpsAdapterOptions): DeliveryAdapter {
  const url = new URL(target.url);
  const secure = url.protocol === 'https:';
  const tls: https.AgentOptions = { minVersion: 'TLSv1.2' };
  if (target.caFile) tls.ca = readConfigFile(target.caFile, 'CA file');
  if (target.clientPfxFile) {
    tls.pfx = readConfigFile(target.clientPfxFile, 'client certificate');
    if (target.passphraseFile)
      tls.passphrase = readConfigFile(target.passphraseFile, 'passphrase file')
        .toString('utf8')
        .replace(/\r?\n$/, '');
    try {
      createSecureContext({ pfx: tls.pfx, ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}) });
    } catch (err) {
      throw new HttpsTargetError(
        `The client certificate ${target.clientPfxFile} cannot be opened (${(err as Error).message}): wrong passphrase or not a PKCS#12 file.`,
      );
    }
  }
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 2 };
  const agent = secure ? new https.Agent({ ...agentOptions, ...tls }) : new http.Agent(agentOptions);
  const port = Number(url.port || (secure ? 443 : 80));
  const userAgent = options.userAgent ?? 'Kommunkiosk';
  const formatter = createDeliveryFormatter(target, options.fgs);

  /**
   * envelope: the JSON envelope with the documents inline. fgs: the package as `application/zip`, with
   * its SHA-256 in `Content-Digest` (RFC 9530) and the reference in `X-Kommunkiosk-Reference`.
   */
  function bodyOf(item: DeliveryItem): { body: Buffer; headers: Record<string, string> } {
    if (formatter.format === 'fgs') {
      const pkg = formatter.fgsPackage(item);
      const body = Buffer.from(pkg.bytes.buffer, pkg.bytes.byteOffset, pkg.bytes.byteLength);
      return {
        body,
        headers: {
          'content-type': PACKAGE_MEDIA_TYPE,
          'content-digest': `sha-256=:${createHash('sha256').update(body).digest('base64')}:`,
          'content-disposition': `attachment; filename="${pkg.fileName}"`,
          'x-kommunkiosk-reference': item.reference,
        },
      };
    }
    return {
      body: Buffer.from(JSON.stringify(formatter.envelope(item, true)), 'utf8'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    };
  }

  function post(item: DeliveryItem, signal: AbortSignal): Promise<DeliveryOutcome> {
    const { body, headers } = bodyOf(item);
    return new Promise<DeliveryOutcome>((resolve) => {
      let settled = false;
      let timedOut = false;
      const finish = (outcome: DeliveryOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-length': String(body.length),
          accept: 'application/json',
          'idempotency-key': item.idempotencyKey,
          'user-agent': userAgent,
        },
      });
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(new Error('timeout'));
      }, target.timeoutMs);
      const onAbort = (): void => {
        request.destroy(new Error('aborted'));
        finish({ kind: 'retry', offline: false, reason: 'attempt stopped (kiosk shutting down)' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (err) => finish(classifyHttpError(err, timedOut, target.timeoutMs)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > MAX_ANSWER_BYTES) {
            response.destroy();
            finish({ kind: 'retry', offline: false, reason: `receiver answer larger than ${MAX_ANSWER_BYTES} bytes` });
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (err) => finish(classifyHttpError(err, timedOut, target.timeoutMs)));
        response.on('close', () => {
          if (!response.complete) {
            finish(
              classifyHttpError(
                Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' }),
                timedOut,
                target.timeoutMs,
              ),
            );
          }
        });
        response.on('end', () => {
          finish(
            classifyHttpAnswer({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'],
              body: Buffer.concat(chunks),
              retryAfter: response.headers['retry-after'],
            }),
          );
        });
      });
      request.end(body);
    });
  }

  return {
    type: 'https',
    async deliver(item, signal) {
      try {
        const outcome = await post(item, signal);
        options.logger.debug({ reference: item.reference, outcome: outcome.kind }, 'https delivery attempt done');
        return outcome;
      } catch (err) {
        return classifyHttpError(err, false, target.timeoutMs);
      }
    },
    probe(signal) {
      return tcpReachable(url.hostname.replace(/^\[|\]$/g, ''), port, signal);
    },
    close() {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
