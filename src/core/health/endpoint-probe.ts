/**
 * Cheap reachability probes for the health checks: one HTTP(S) HEAD request (any HTTP answer, even
 * 404, proves the network path, DNS, TLS and — when one is configured — the client certificate), an
 * SMTP greeting, a TCP connect. Each is bounded by a timeout and explains a failure in words IT can
 * act on, with a short key the staff screen translates.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { TlsMaterial } from '../identity/mtls-json-request';
import { pinnedServerIdentity } from '../identity/tls-pinning';
import { errorMessage } from '../../contract/errors';

export type { TlsMaterial };

export interface ProbeEndpoint {
  url: string;
  /**
   * The TLS material, read at each probe so a replaced certificate file is picked up. Throws with a
   * message for IT when a file cannot be read.
   */
  tls?: () => TlsMaterial;
  /** Require the server's chain to pass through `ca` (BankID: its CA is the only trust anchor). */
  pinCa?: boolean;
}

export type ProbeOutcome = { ok: true; detail: string } | { ok: false; key: string; reason: string };

const TLS_TRUST_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT/;

/** Turns a socket/TLS error into a key and an English reason. */
export function describeNetworkError(err: unknown, where: string, timeoutMs: number): { key: string; reason: string } {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = errorMessage(err);
  if (code === 'KK_TIMEOUT' || code === 'ETIMEDOUT')
    return { key: 'timeout', reason: `no answer from ${where} within ${Math.round(timeoutMs / 1000)} s` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return { key: 'dns', reason: `the name in ${where} could not be resolved (DNS: ${code})` };
  if (code === 'ECONNREFUSED')
    return { key: 'refused', reason: `${where} refused the connection (nothing listening on that port)` };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN')
    return { key: 'unreachable', reason: `${where} cannot be reached from this network (${code})` };
  // an alert is the server refusing us (e.g. ALERT_CERTIFICATE_REQUIRED): test it before our own trust errors
  if (/ALERT/i.test(code) || /alert/i.test(message))
    return {
      key: 'tls_refused',
      reason: `${where} ended the TLS handshake (${code || message}); is the client certificate accepted there?`,
    };
  if (TLS_TRUST_CODES.test(code))
    return {
      key: 'tls_untrusted',
      reason: `the certificate of ${where} is not trusted (${code}); check the CA file in the configuration`,
    };
  if (code.startsWith('ERR_SSL'))
    return {
      key: 'tls_refused',
      reason: `${where} ended the TLS handshake (${code}); is the client certificate accepted there?`,
    };
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return {
      key: 'reset',
      reason: `${where} closed the connection (${code}); a firewall or a refused client certificate?`,
    };
  return { key: 'error', reason: `${where} could not be checked (${code || message})` };
}

function timeoutError(): Error {
  return Object.assign(new Error('timeout'), { code: 'KK_TIMEOUT' });
}

/** One HEAD request; any HTTP status counts as reachable. */
export function probeUrl(endpoint: ProbeEndpoint, timeoutMs: number): Promise<ProbeOutcome> {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return Promise.resolve({ ok: false, key: 'config', reason: `"${endpoint.url}" is not a URL` });
  }
  const where = url.host;
  let material: TlsMaterial = {};
  try {
    material = endpoint.tls?.() ?? {};
  } catch (err) {
    return Promise.resolve({ ok: false, key: 'config', reason: errorMessage(err) });
  }
  return new Promise((resolve) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ ok: false, ...describeNetworkError(timeoutError(), where, timeoutMs) }),
      timeoutMs,
    );
    try {
      const options: https.RequestOptions = {
        method: 'HEAD',
        agent: false,
        headers: { 'user-agent': 'Kommunkiosk health check', connection: 'close' },
      };
      if (url.protocol === 'https:') {
        if (material.ca) options.ca = material.ca;
        if (material.pfx) options.pfx = material.pfx;
        if (material.passphrase !== undefined) options.passphrase = material.passphrase;
        if (endpoint.pinCa && material.ca) options.checkServerIdentity = pinnedServerIdentity(material.ca);
        req = https.request(url, options);
      } else if (url.protocol === 'http:') {
        req = http.request(url, options);
      } else {
        finish({ ok: false, key: 'config', reason: `${url.protocol} URLs cannot be checked` });
        return;
      }
      req.on('response', (res) => {
        res.resume();
        finish({ ok: true, detail: `HTTP ${res.statusCode ?? '?'}` });
      });
      req.on('error', (err) => finish({ ok: false, ...describeNetworkError(err, where, timeoutMs) }));
      req.end();
    } catch (err) {
      // createSecureContext: a PKCS#12 file with the wrong passphrase, a broken CA file …
      const message = errorMessage(err);
      finish({ ok: false, key: 'config', reason: `the TLS material for ${where} cannot be used (${message})` });
    }
  });
}

export interface SmtpProbeTarget {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). */
  secure: boolean;
  ca?: string | Buffer;
}

/** Connects and waits for the server's greeting: "220 …" is a mail server ready to talk. */
export function probeSmtp(target: SmtpProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const where = `${target.host}:${target.port}`;
  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    const socket: net.Socket = target.secure
      ? tls.connect({
          host: target.host,
          port: target.port,
          servername: net.isIP(target.host) ? undefined : target.host,
          ...(target.ca ? { ca: target.ca } : {}),
        })
      : net.connect({ host: target.host, port: target.port });
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ ok: false, ...describeNetworkError(timeoutError(), where, timeoutMs) }),
      timeoutMs,
    );
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const nl = received.indexOf('\n');
      if (nl < 0 && received.length < 512) return;
      const line = received.slice(0, nl < 0 ? 512 : nl).trim();
      if (/^220[ -]/.test(line)) finish({ ok: true, detail: 'SMTP 220' });
      else
        finish({
          ok: false,
          key: 'unexpected_answer',
          reason: `${where} answered, but not as a mail server ready to accept mail (${line.slice(0, 3) || 'no code'})`,
        });
    });
    socket.on('error', (err) => finish({ ok: false, ...describeNetworkError(err, where, timeoutMs) }));
    socket.on('end', () =>
      finish({ ok: false, key: 'reset', reason: `${where} closed the connection before greeting` }),
    );
  });
}
