/**
 * A person register speaking the kiosk's register protocol (docs/bankid.md), over HTTPS with a
 * generated test CA and, by default, a required client certificate — or plain HTTP on 127.0.0.1.
 *
 *   POST /v1/persons/lookup  Content-Type: application/json  {"personalNumber":"YYYYMMDDNNNN"}
 *   200 {"person": {...}}  404 {"error":"not_found"}  400 invalid_request  401 unauthorized
 *   405 method_not_allowed  415 unsupported_media_type  503 unavailable (scenario)
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { isJson, readBody } from '../request-body';
import type { TestPki } from '../test-pki';
import { testPersons, type TestPerson } from '../test-persons';

export interface RegisterSimulatorOptions {
  port?: number;
  /** false: plain HTTP on 127.0.0.1. Default true. */
  tls?: boolean;
  /** With TLS: require the generated client certificate. Default true. */
  requireClientCert?: boolean;
  pki?: TestPki;
  /** Default: the shared test persons that are in the register. */
  persons?: readonly TestPerson[];
  /** Delay of each answer. Default 0. */
  delayMs?: number;
  log?: (line: string) => void;
}

export interface RegisterSimulator {
  /** Base URL (what config.register.url takes). */
  url: string;
  lookupUrl: string;
  /** null in plain HTTP mode. */
  caCertPem: string | null;
  clientPfx: Buffer | null;
  passphrase: string | null;
  /** The next `calls` lookups answer 503 unavailable. */
  setUnavailable(calls: number): void;
  /** How many lookups were answered (any status). */
  lookups(): number;
  close(): Promise<void>;
}

export function registerRecord(p: TestPerson): Record<string, unknown> {
  return {
    personalNumber: p.personalNumber,
    givenName: p.givenName,
    surname: p.surname,
    name: p.name,
    address: p.address,
    protection: p.protection,
    children: p.children.map((c) => ({
      personalNumber: c.personalNumber,
      givenName: c.givenName,
      name: c.name,
      birthDate: c.birthDate,
      protected: c.protected,
    })),
  };
}

export async function startRegisterSimulator(options: RegisterSimulatorOptions = {}): Promise<RegisterSimulator> {
  const useTls = options.tls ?? true;
  const requireClientCert = useTls && (options.requireClientCert ?? true);
  const pki = useTls
    ? (options.pki ??
      (await import('../test-pki')).createTestPki({
        name: 'Register simulator',
        clientName: 'Kommunkiosk register client',
      }))
    : null;
  const persons = new Map(
    (options.persons ?? testPersons.filter((p) => p.inRegister)).map((p) => [p.personalNumber, p]),
  );
  const log = options.log ?? (() => undefined);
  let unavailable = 0;
  let count = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (requireClientCert && !(req.socket as TLSSocket).authorized) {
      return send(res, 401, { error: 'unauthorized', message: 'A trusted client certificate is required' });
    }
    if (pathname !== '/v1/persons/lookup') return send(res, 404, { error: 'not_found_path', message: 'No such path' });
    if (req.method !== 'POST')
      return send(res, 405, { error: 'method_not_allowed', message: 'Use POST' }, { Allow: 'POST' });
    if (!isJson(req.headers['content-type']))
      return send(res, 415, { error: 'unsupported_media_type', message: 'Send application/json' });
    const body = await readBody(req, { limit: 16 * 1024, timeoutMs: 10_000 });
    if (!body.ok) return send(res, 400, { error: 'invalid_request', message: 'The request body could not be read' });
    let pnr: unknown;
    try {
      pnr = (JSON.parse(body.body.toString('utf8')) as { personalNumber?: unknown }).personalNumber;
    } catch {
      return send(res, 400, { error: 'invalid_request', message: 'Send a JSON object' });
    }
    if (typeof pnr !== 'string' || !/^\d{12}$/.test(pnr)) {
      return send(res, 400, { error: 'invalid_request', message: 'personalNumber must be 12 digits' });
    }
    count += 1;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (unavailable > 0) {
      unavailable -= 1;
      return send(res, 503, { error: 'unavailable', message: 'The register is temporarily unavailable (simulated)' });
    }
    const person = persons.get(pnr);
    if (!person) return send(res, 404, { error: 'not_found' });
    return send(res, 200, { person: registerRecord(person) });
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res)
      .catch(() => {
        if (!res.headersSent) send(res, 500, { error: 'internal', message: 'Simulator error' });
        else res.destroy();
      })
      .finally(() => log(`${req.method ?? '?'} ${req.url ?? ''} ${res.statusCode}`));
  };
  const server = pki
    ? https.createServer(
        {
          key: pki.serverKeyPem,
          cert: pki.serverCertPem,
          ca: [pki.caCertPem],
          requestCert: requireClientCert,
          rejectUnauthorized: false,
          minVersion: 'TLSv1.2',
        },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${pki ? 'https' : 'http'}://127.0.0.1:${port}/`;
  return {
    url,
    lookupUrl: `${url}v1/persons/lookup`,
    caCertPem: pki?.caCertPem ?? null,
    clientPfx: requireClientCert && pki ? pki.clientPfx : null,
    passphrase: requireClientCert && pki ? pki.passphrase : null,
    setUnavailable: (calls) => {
      unavailable = calls;
    },
    lookups: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
