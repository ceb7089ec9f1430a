/**
 * A case receiver as a municipality would run it, speaking the kiosk's HTTPS delivery protocol
 * (docs/delivery.md), with fault injection for tests.
 *
 * POST /cases (application/json, `Idempotency-Key` header): the envelope is checked, then stored with
 * its documents in `<dir>/<receiverReference>_<reference>/`. An FGS package (application/zip, with
 * `X-Kommunkiosk-Reference` and `Content-Digest: sha-256=:…:`) is checked and stored there as its zip — written to a temporary folder, every
 * file fsynced, renamed into place, the parent fsynced — and only then acknowledged:
 * `200 {"receiverReference": "MOTT-000001"}`.
 *
 * Duplicates (an Idempotency-Key already stored, kept across restarts): by default answered
 * `200` with the original receipt and `Idempotent-Replayed: true` (the IETF idempotency-key
 * convention); with `duplicates: 'conflict'` answered `409 {"receiverReference": …}`. Either way
 * nothing is stored twice. A request for a key still being stored waits for that one to finish.
 *
 * Faults (options.faults, or POST /_control/faults {"faults": [...]}), each for `times` requests
 * (default: every request), taken in order:
 *  - status: answer that HTTP status without storing (500, 503, 400, …)
 *  - hang: never answer (the client must time out)
 *  - reset: reset the connection before storing
 *  - slow: wait `delayMs`, then behave normally
 *  - ack_lost: store the case, then reset the connection instead of answering
 *  - garbage: answer 200 `application/json` with a body that is not JSON, without storing
 *  - wrong_content_type: answer 200 `text/html` (a captive portal's login page), without storing
 */
import { randomUUID, createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

export type ReceiverFault =
  | { kind: 'status'; status: number; times?: number; retryAfter?: string }
  | { kind: 'hang'; times?: number }
  | { kind: 'reset'; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'ack_lost'; times?: number }
  | { kind: 'garbage'; times?: number }
  | { kind: 'wrong_content_type'; times?: number };

export interface ReceiverOptions {
  /** Folder the received cases are stored in (created when missing). */
  dir: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Serve HTTPS; `ca` + `requestCert` require a client certificate signed by that CA. */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
  duplicates?: 'replay' | 'conflict';
  faults?: ReceiverFault[];
  maxBodyBytes?: number;
  /** One line per request (no personal data: reference, key, outcome). */
  log?: (line: string) => void;
}

export interface StoredCase {
  receiverReference: string;
  reference: string;
  idempotencyKey: string;
  receivedAt: string;
  folder: string;
}

export interface ReceiverCounters {
  requests: number;
  stored: number;
  duplicates: number;
  faults: number;
  rejected: number;
}

export interface Receiver {
  /** Base URL, e.g. `https://127.0.0.1:43117`. */
  url: string;
  /** The endpoint cases are posted to: `<url>/cases`. */
  casesUrl: string;
  port: number;
  setFaults(faults: ReceiverFault[]): void;
  stored(): StoredCase[];
  counters(): ReceiverCounters;
  close(): Promise<void>;
}

const RECEIPT_FILE = 'receipt.json';
const ENVELOPE_FILE = 'envelope.json';
const TEMP_PREFIX = '.incoming-';

interface Receipt {
  receiverReference: string;
  reference: string;
  idempotencyKey: string;
  receivedAt: string;
}

async function writeDurably(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function safeName(name: string, used: Set<string>): string {
  let base =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 120) || 'document';
  while (used.has(base)) base = `_${base}`;
  used.add(base);
  return base;
}

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(error);
  }
}

interface ParsedCase {
  body: Buffer;
  reference: string;
  idempotencyKey: string;
  documents: Array<{ name: string; bytes: Buffer }>;
}

function parseCase(body: Buffer, headerKey: string | undefined): ParsedCase {
  if (!headerKey) throw new HttpAnswer(400, 'missing_idempotency_key');
  let envelope: unknown;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpAnswer(400, 'body_not_json');
  }
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope))
    throw new HttpAnswer(400, 'body_not_an_object');
  const e = envelope as Record<string, unknown>;
  if (e.envelopeVersion !== 2) throw new HttpAnswer(422, 'unsupported_envelope_version');
  if (typeof e.reference !== 'string' || e.reference.length === 0 || e.reference.length > 64)
    throw new HttpAnswer(422, 'missing_reference');
  if (e.idempotencyKey !== headerKey) throw new HttpAnswer(400, 'idempotency_key_mismatch');
  if (!Array.isArray(e.documents)) throw new HttpAnswer(422, 'missing_documents');
  const used = new Set([ENVELOPE_FILE, RECEIPT_FILE]);
  const documents = e.documents.map((d: unknown) => {
    const doc = d as { name?: unknown; sha256?: unknown; base64?: unknown };
    if (typeof doc.name !== 'string' || typeof doc.sha256 !== 'string' || typeof doc.base64 !== 'string') {
      throw new HttpAnswer(422, 'document_incomplete');
    }
    const bytes = Buffer.from(doc.base64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== doc.sha256)
      throw new HttpAnswer(422, 'document_checksum_mismatch');
    return { name: safeName(doc.name, used), bytes };
  });
  return { body, reference: e.reference, idempotencyKey: headerKey, documents };
}

/**
 * An FGS package (format fgs): `application/zip` with the case's `Idempotency-Key`, its reference in
 * `X-Kommunkiosk-Reference` and the SHA-256 of the body in `Content-Digest` (RFC 9530), all checked.
 */
function parsePackage(
  body: Buffer,
  headerKey: string | undefined,
  reference: string | undefined,
  digest: string | undefined,
  fileName: string,
): ParsedCase {
  if (!headerKey) throw new HttpAnswer(400, 'missing_idempotency_key');
  if (!reference || !/^[A-Za-z0-9-]{1,64}$/.test(reference)) throw new HttpAnswer(422, 'missing_reference');
  const expected = /^sha-256=:([A-Za-z0-9+/=]+):$/.exec(digest ?? '')?.[1];
  if (!expected) throw new HttpAnswer(400, 'missing_content_digest');
  if (createHash('sha256').update(body).digest('base64') !== expected)
    throw new HttpAnswer(422, 'content_digest_mismatch');
  if (body.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') throw new HttpAnswer(422, 'not_a_zip');
  return { body: Buffer.alloc(0), reference, idempotencyKey: headerKey, documents: [{ name: fileName, bytes: body }] };
}

function loadReceipts(dir: string): Map<string, Receipt & { folder: string }> {
  const receipts = new Map<string, Receipt & { folder: string }>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const folder = path.join(dir, entry.name);
    try {
      const receipt = JSON.parse(readFileSync(path.join(folder, RECEIPT_FILE), 'utf8')) as Receipt;
      receipts.set(receipt.idempotencyKey, { ...receipt, folder });
    } catch {
      // not one of ours
    }
  }
  return receipts;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(TEMP_PREFIX)) await rm(path.join(dir, entry), { recursive: true, force: true });
  }
  const receipts = loadReceipts(dir);
  let sequence = receipts.size;
  const inProgress = new Map<string, Promise<Receipt>>();
  let faults: Array<ReceiverFault & { left: number }> = [];
  const counters: ReceiverCounters = { requests: 0, stored: 0, duplicates: 0, faults: 0, rejected: 0 };
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const log = options.log ?? (() => {});
  const sockets = new Set<Socket>();

  const setFaults = (list: ReceiverFault[]): void => {
    faults = list.map((f) => ({ ...f, left: f.times ?? Number.POSITIVE_INFINITY }));
  };
  setFaults(options.faults ?? []);

  const takeFault = (): ReceiverFault | undefined => {
    const f = faults.find((x) => x.left > 0);
    if (!f) return undefined;
    f.left -= 1;
    counters.faults += 1;
    return f;
  };

  async function store(c: ParsedCase): Promise<Receipt> {
    sequence += 1;
    const receipt: Receipt = {
      receiverReference: `MOTT-${String(sequence).padStart(6, '0')}`,
      reference: c.reference,
      idempotencyKey: c.idempotencyKey,
      receivedAt: new Date().toISOString(),
    };
    const temp = path.join(dir, `${TEMP_PREFIX}${randomUUID()}`);
    const folder = path.join(dir, `${receipt.receiverReference}_${c.reference.replace(/[^A-Za-z0-9-]/g, '_')}`);
    await mkdir(temp);
    try {
      if (c.body.length > 0) await writeDurably(path.join(temp, ENVELOPE_FILE), c.body);
      for (const d of c.documents) await writeDurably(path.join(temp, d.name), d.bytes);
      await writeDurably(path.join(temp, RECEIPT_FILE), JSON.stringify(receipt, null, 2));
      await syncDir(temp);
      await rename(temp, folder);
      await syncDir(dir);
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      throw err;
    }
    receipts.set(receipt.idempotencyKey, { ...receipt, folder });
    counters.stored += 1;
    return receipt;
  }

  /** Stores once per key; concurrent requests for one key wait for the first. */
  async function receive(c: ParsedCase): Promise<{ receipt: Receipt; duplicate: boolean }> {
    const existing = receipts.get(c.idempotencyKey);
    if (existing) return { receipt: existing, duplicate: true };
    const pending = inProgress.get(c.idempotencyKey);
    if (pending) return { receipt: await pending, duplicate: true };
    const storing = store(c);
    inProgress.set(c.idempotencyKey, storing);
    try {
      return { receipt: await storing, duplicate: false };
    } finally {
      inProgress.delete(c.idempotencyKey);
    }
  }

  function json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    const body = JSON.stringify(value);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  }

  function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let length = 0;
      req.on('data', (chunk: Buffer) => {
        length += chunk.length;
        // past the limit the rest is read and dropped, so the 413 reaches the client
        if (length <= maxBody) chunks.push(chunk);
      });
      req.on('end', () =>
        length > maxBody ? reject(new HttpAnswer(413, 'body_too_large')) : resolve(Buffer.concat(chunks)),
      );
      req.on('error', reject);
    });
  }

  async function handleCase(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    counters.requests += 1;
    const fault = takeFault();
    if (fault?.kind === 'reset') {
      log(`fault reset`);
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'hang') {
      log(`fault hang`);
      req.resume();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    const body = await readBody(req);
    if (fault?.kind === 'status') {
      log(`fault status ${fault.status}`);
      json(res, fault.status, { error: 'injected_fault' }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      return;
    }
    if (fault?.kind === 'garbage') {
      log('fault garbage');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\u0000<<not json at all');
      return;
    }
    if (fault?.kind === 'wrong_content_type') {
      log('fault wrong_content_type');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Gästnät</title><p>Logga in för att fortsätta</p>');
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    let parsed: ParsedCase;
    if (/^application\/zip\b/.test(contentType)) {
      const fileName = /filename="(uuid-[0-9a-f-]{36}\.zip)"/.exec(header('content-disposition') ?? '')?.[1];
      parsed = parsePackage(
        body,
        header('idempotency-key'),
        header('x-kommunkiosk-reference'),
        header('content-digest'),
        fileName ?? 'package.zip',
      );
    } else if (/^application\/json\b/.test(contentType)) {
      parsed = parseCase(body, header('idempotency-key'));
    } else {
      throw new HttpAnswer(415, 'content_type_must_be_json_or_zip');
    }
    const { receipt, duplicate } = await receive(parsed);
    if (duplicate) counters.duplicates += 1;
    log(
      `${duplicate ? 'duplicate' : 'stored'} ${receipt.reference} ${receipt.idempotencyKey} ${receipt.receiverReference}`,
    );
    if (fault?.kind === 'ack_lost') {
      log('fault ack_lost');
      req.socket.resetAndDestroy();
      return;
    }
    const answer = { receiverReference: receipt.receiverReference };
    if (duplicate && (options.duplicates ?? 'replay') === 'conflict') json(res, 409, answer);
    else json(res, 200, answer, duplicate ? { 'idempotent-replayed': 'true' } : {});
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (pathname === '/_control/faults' && req.method === 'POST') {
      const parsed = JSON.parse((await readBody(req)).toString('utf8')) as { faults?: ReceiverFault[] };
      setFaults(Array.isArray(parsed.faults) ? parsed.faults : []);
      json(res, 200, { faults: faults.length });
      return;
    }
    if (pathname === '/_control/faults' && req.method === 'DELETE') {
      setFaults([]);
      json(res, 200, { faults: 0 });
      return;
    }
    if (pathname === '/_control/stats' && req.method === 'GET') {
      json(res, 200, {
        counters,
        stored: [...receipts.values()].map((r) => ({
          reference: r.reference,
          idempotencyKey: r.idempotencyKey,
          receiverReference: r.receiverReference,
        })),
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const pathname = new URL(req.url ?? '/', 'http://receiver').pathname;
    const work =
      pathname === '/cases' && req.method === 'POST'
        ? handleCase(req, res)
        : pathname.startsWith('/_control/')
          ? handleControl(req, res, pathname)
          : Promise.resolve(
              json(res, pathname === '/cases' ? 405 : 404, {
                error: pathname === '/cases' ? 'method_not_allowed' : 'not_found',
              }),
            );
    work.catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof HttpAnswer) {
        counters.rejected += 1;
        log(`refused ${err.status} ${err.error}`);
        json(res, err.status, { error: err.error });
      } else {
        log(`error ${(err as Error).message}`);
        json(res, 500, { error: 'receiver_failed' });
      }
    });
  };

  const server = options.tls
    ? https.createServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.ca ? { ca: options.tls.ca } : {}),
          requestCert: options.tls.requestCert ?? false,
          rejectUnauthorized: options.tls.requestCert ?? false,
        },
        handler,
      )
    : http.createServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    casesUrl: `${url}/cases`,
    port,
    setFaults,
    stored: () =>
      [...receipts.values()].map((r) => ({
        receiverReference: r.receiverReference,
        reference: r.reference,
        idempotencyKey: r.idempotencyKey,
        receivedAt: r.receivedAt,
        folder: r.folder,
      })),
    counters: () => ({ ...counters }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      }),
  };
}
