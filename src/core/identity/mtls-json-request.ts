/**
 * The HTTPS plumbing the identity services share (the BankID RP client and the person register):
 * a base URL, a keep-alive agent with a client certificate (PKCS#12 + passphrase) and a pinned CA,
 * and one JSON POST with a timeout and a cap on the answer's size.
 *
 * Failures of the transport come out as `JsonRequestError`s (timeout, network, answer too large,
 * answer broke off); each caller turns them into its own errors (BankIdError, RegisterError) with
 * its own wording. An HTTP error status is not a failure here: the caller reads status and body.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { pinnedServerIdentity } from './tls-pinning';
import { errorMessage } from '../../contract/errors';

export interface TlsMaterial {
  /** PKCS#12 with the client certificate and key (mutual TLS). */
  pfx?: Buffer;
  passphrase?: string;
  /** CA certificate(s), PEM: the only trust anchor for the server when given. */
  ca?: string | Buffer;
}

/**
 * Reads an RP certificate (PKCS#12), its passphrase file and the provider's CA (PEM) — the three
 * files BankID and Freja both hand out. `what` ("BankID", "Freja") names them in the error.
 */
export function loadRpCredentials(
  what: string,
  files: { pfxFile: string; passphraseFile: string; caFile: string },
): { pfx: Buffer; passphrase: string; ca: string } {
  const read = (file: string, label: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'unknown';
      throw new Error(`${what} ${label} could not be read from ${file} (${code})`, { cause: err });
    }
  };
  const pfx = read(files.pfxFile, 'client certificate (pfxFile)');
  // a passphrase file usually ends with a newline that is not part of the passphrase
  const passphrase = read(files.passphraseFile, 'passphrase (passphraseFile)')
    .toString('utf8')
    .replace(/\r?\n$/, '');
  const ca = read(files.caFile, 'CA certificate (caFile)').toString('utf8');
  return { pfx, passphrase, ca };
}

/** `url` as the base for relative paths (a trailing slash added); `what` names it in the error. */
export function parseBaseUrl(url: string, what: string): URL {
  try {
    return new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new Error(`${what} url is not a valid URL`);
  }
}

/**
 * Checks that the certificate material can be used (right passphrase, supported PKCS#12 encryption,
 * a readable CA) so a configuration error surfaces at start-up with a message IT can act on.
 */
export function checkTlsMaterial(what: string, material: TlsMaterial): void {
  try {
    tls.createSecureContext({ pfx: material.pfx, passphrase: material.passphrase, ca: material.ca });
  } catch (err) {
    const message = errorMessage(err);
    if (/unsupported/i.test(message)) {
      throw new Error(
        `${what}: the PKCS#12 file uses encryption Node no longer supports (RC2-40); re-export it with ` +
          '"openssl pkcs12 -in old.p12 -nodes -legacy -out all.pem && openssl pkcs12 -export -in all.pem -out new.p12"',
        { cause: err },
      );
    }
    if (/mac verify|bad decrypt|passphrase|password/i.test(message)) {
      throw new Error(`${what}: the PKCS#12 passphrase is wrong or the file is damaged`, { cause: err });
    }
    throw new Error(`${what}: the certificate material cannot be used (${message.slice(0, 120)})`, { cause: err });
  }
}

/**
 * A keep-alive HTTPS agent with the client certificate and, when a CA is given, that CA as the only
 * trust anchor (even if the PKCS#12 file carries other CA certificates). The material is checked
 * first (see checkTlsMaterial); `what` names it in that error. Without a CA the system roots apply.
 */
export function createMtlsAgent(
  what: string,
  material: TlsMaterial,
  pool: { maxSockets: number; keepAliveMsecs?: number },
): https.Agent {
  if (material.pfx || material.ca) checkTlsMaterial(what, material);
  return new https.Agent({
    pfx: material.pfx,
    passphrase: material.passphrase,
    ca: material.ca,
    ...(material.ca ? { checkServerIdentity: pinnedServerIdentity(material.ca) } : {}),
    minVersion: 'TLSv1.2',
    keepAlive: true,
    ...(pool.keepAliveMsecs !== undefined ? { keepAliveMsecs: pool.keepAliveMsecs } : {}),
    maxSockets: pool.maxSockets,
  });
}

export type JsonRequestFailure =
  /** No answer within timeoutMs. */
  | 'timeout'
  /** No answer: refused, reset, DNS, TLS handshake (the Node error is the cause). */
  | 'network'
  /** The answer grew beyond maxResponseBytes. */
  | 'tooLarge'
  /** The answer broke off while it was read. */
  | 'broken';

export class JsonRequestError extends Error {
  constructor(
    readonly failure: JsonRequestFailure,
    /** HTTP status when the server had begun to answer. */
    readonly httpStatus: number | null,
    /** Node's error code (ECONNREFUSED, ERR_TLS_CERT_ALTNAME_INVALID …) for network failures. */
    readonly code: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`JSON request failed: ${failure}${code ? ` (${code})` : ''}`, options);
    this.name = 'JsonRequestError';
  }
}

export interface JsonAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text ('' when empty). */
  text: string;
  /** The body parsed; undefined when it is empty or not JSON. */
  json: unknown;
}

export interface PostJsonOptions {
  /** An https.Agent from createMtlsAgent (or an http.Agent for a plain http URL). */
  agent: http.Agent;
  /** Connection to last byte. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** Extra request headers (Content-Type, Content-Length and Accept are set here). */
  headers?: Record<string, string>;
}

/**
 * POSTs `body` (already JSON text) with `Content-Type: application/json` exactly, over https or
 * http as the URL says, and reads the whole answer. Rejects only with JsonRequestError.
 */
export function postJson(url: URL, body: string, options: PostJsonOptions): Promise<JsonAnswer> {
  const lib = url.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = lib.request(url, {
      method: 'POST',
      agent: options.agent,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': payload.length,
        Accept: 'application/json',
        ...options.headers,
      },
    });
    const timer = setTimeout(() => {
      finish(() => reject(new JsonRequestError('timeout', null)));
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish(() => reject(new JsonRequestError('network', null, err.code ?? null, { cause: err })));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? null;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          finish(() => reject(new JsonRequestError('tooLarge', status)));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => finish(() => reject(new JsonRequestError('broken', status, null, { cause: err }))));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        finish(() => resolve({ status: status ?? 0, headers: res.headers, text, json }));
      });
    });
    req.end(payload);
  });
}
