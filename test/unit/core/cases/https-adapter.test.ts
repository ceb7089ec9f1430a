import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedHttpsTarget } from '../../../../src/core/cases/config';
import type { DeliveryAdapter, DeliveryOutcome } from '../../../../src/core/cases/delivery/adapter';
import { classifyHttpAnswer, createHttpsAdapter } from '../../../../src/core/cases/delivery/https-adapter';
import { sha256Hex } from '../../../../src/core/cases/envelope';
import { startReceiver, type Receiver, type ReceiverFault } from '../../../../src/simulators/receiver/server';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { deliveryItemFrom, makeDraft, silentLogger, tempDir } from './case-fixtures';

let pki: TestPki;
let work: { dir: string; remove(): void };
let files: { ca: string; pfx: string; pass: string; otherCa: string };
const open: Array<{ close(): Promise<void> }> = [];

beforeAll(() => {
  pki = createTestPki({ name: 'Case receiver', clientName: 'kiosk-test-client', passphrase: 'hemligt-losen-42' });
  work = tempDir('kk-https-');
  files = {
    ca: path.join(work.dir, 'ca.pem'),
    pfx: path.join(work.dir, 'kiosk.p12'),
    pass: path.join(work.dir, 'pass.txt'),
    otherCa: path.join(work.dir, 'other-ca.pem'),
  };
  writeFileSync(files.ca, pki.caCertPem);
  writeFileSync(files.pfx, pki.clientPfx);
  writeFileSync(files.pass, 'hemligt-losen-42\n');
  writeFileSync(files.otherCa, createTestPki({ name: 'Someone else', clientName: 'x' }).caCertPem);
});
afterAll(() => work.remove());
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

let receiverCount = 0;
async function receiver(
  faults: ReceiverFault[] = [],
  extra: { mtls?: boolean; duplicates?: 'replay' | 'conflict' } = {},
): Promise<Receiver> {
  receiverCount += 1;
  const r = await startReceiver({
    dir: path.join(work.dir, `received-${receiverCount}`),
    tls: {
      key: pki.serverKeyPem,
      cert: pki.serverCertPem,
      ...(extra.mtls ? { ca: pki.caCertPem, requestCert: true } : {}),
    },
    faults,
    ...(extra.duplicates ? { duplicates: extra.duplicates } : {}),
  });
  open.push(r);
  return r;
}

function adapter(url: string, extra: Partial<ResolvedHttpsTarget> = {}): DeliveryAdapter {
  const a = createHttpsAdapter(
    { type: 'https', format: 'envelope', url, caFile: files.ca, timeoutMs: 2000, ...extra },
    { logger: silentLogger() },
  );
  open.push(a);
  return a;
}

const signal = () => new AbortController().signal;

describe('https adapter against a real HTTPS receiver', () => {
  it('delivers with a pinned CA and a client certificate; the receiver stored envelope and PDF first', async () => {
    const r = await receiver([], { mtls: true });
    const a = adapter(r.casesUrl, { clientPfxFile: files.pfx, passphraseFile: files.pass });
    const draft = makeDraft();
    const item = deliveryItemFrom(draft);
    const outcome = await a.deliver(item, signal());
    expect(outcome).toEqual({ kind: 'delivered', receiverReference: 'MOTT-000001', duplicate: false });
    const [stored] = r.stored();
    expect(stored?.idempotencyKey).toBe(item.idempotencyKey);
    const envelope = JSON.parse(readFileSync(path.join(stored!.folder, 'envelope.json'), 'utf8')) as {
      answers: unknown;
      reference: string;
    };
    expect(envelope.answers).toEqual(draft.answers);
    expect(envelope.reference).toBe('K7-4F9Q-2');
    const pdf = readFileSync(path.join(stored!.folder, 'arende.pdf'));
    expect(sha256Hex(pdf)).toBe(sha256Hex(draft.documents[0]!.bytes));
  });

  it('a second attempt of the same case is recognised by the receiver and counts as delivered', async () => {
    for (const duplicates of ['replay', 'conflict'] as const) {
      const r = await receiver([], { duplicates });
      const a = adapter(r.casesUrl);
      const item = deliveryItemFrom(makeDraft());
      await a.deliver(item, signal());
      const again = await a.deliver(item, signal());
      expect(again.kind).toBe('delivered');
      expect(again).toMatchObject({ receiverReference: 'MOTT-000001' });
      expect(r.stored()).toHaveLength(1);
    }
  });

  it('does not trust a server whose certificate is not from the pinned CA', async () => {
    const r = await receiver();
    const outcome = await adapter(r.casesUrl, { caFile: files.otherCa }).deliver(
      deliveryItemFrom(makeDraft()),
      signal(),
    );
    expect(outcome.kind).toBe('retry');
    expect((outcome as { reason: string }).reason).toMatch(/TLS failed/);
    expect(r.stored()).toHaveLength(0);
  });

  it('retries when the receiver demands a client certificate the kiosk lacks', async () => {
    const r = await receiver([], { mtls: true });
    const outcome = await adapter(r.casesUrl).deliver(deliveryItemFrom(makeDraft()), signal());
    expect(outcome.kind).toBe('retry');
    expect(r.stored()).toHaveLength(0);
  });

  const cases: Array<[string, ReceiverFault, (o: DeliveryOutcome) => void, number]> = [
    [
      '500 → retry',
      { kind: 'status', status: 500 },
      (o) => expect(o).toMatchObject({ kind: 'retry', offline: false, reason: 'receiver answered 500' }),
      0,
    ],
    [
      '503 with Retry-After → retry no sooner',
      { kind: 'status', status: 503, retryAfter: '120' },
      (o) => expect(o).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 }),
      0,
    ],
    ['429 → retry', { kind: 'status', status: 429 }, (o) => expect(o.kind).toBe('retry'), 0],
    [
      '400 → dead letter with the status',
      { kind: 'status', status: 400 },
      (o) => expect(o).toEqual({ kind: 'rejected', reason: 'receiver refused the case: HTTP 400 (injected_fault)' }),
      0,
    ],
    ['422 → dead letter', { kind: 'status', status: 422 }, (o) => expect(o.kind).toBe('rejected'), 0],
    [
      'hang → timeout → retry',
      { kind: 'hang' },
      (o) => expect(o).toMatchObject({ kind: 'retry', reason: 'no answer within 800 ms' }),
      0,
    ],
    ['reset → retry', { kind: 'reset' }, (o) => expect(o).toMatchObject({ kind: 'retry', offline: false }), 0],
    [
      'garbage 200 → retry, not delivered',
      { kind: 'garbage' },
      (o) => expect(o).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/not a JSON receipt/) as unknown }),
      0,
    ],
    [
      '200 text/html (captive portal) → retry',
      { kind: 'wrong_content_type' },
      (o) => expect(o).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/text\/html/) as unknown }),
      0,
    ],
    ['slow answer → delivered', { kind: 'slow', delayMs: 300 }, (o) => expect(o.kind).toBe('delivered'), 1],
    ['ack lost after storing → retry', { kind: 'ack_lost' }, (o) => expect(o.kind).toBe('retry'), 1],
  ];
  for (const [name, fault, check, storedCount] of cases) {
    it(`maps a receiver fault: ${name}`, async () => {
      const r = await receiver([{ ...fault, times: 1 }]);
      const a = adapter(r.casesUrl, { timeoutMs: 800 });
      const item = deliveryItemFrom(makeDraft());
      check(await a.deliver(item, signal()));
      expect(r.stored()).toHaveLength(storedCount);
      // the fault is spent: the next attempt of the same case gets through, stored exactly once
      expect((await a.deliver(item, signal())).kind).toBe('delivered');
      expect(r.stored()).toHaveLength(1);
    });
  }

  it('a refused connection means the target is offline; the probe says so too', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const a = adapter(`https://127.0.0.1:${port}/cases`);
    expect(await a.deliver(deliveryItemFrom(makeDraft()), signal())).toMatchObject({ kind: 'retry', offline: true });
    expect(await a.probe(signal())).toBe(false);
    const r = await receiver();
    expect(await adapter(r.casesUrl).probe(signal())).toBe(true);
  });

  it('stops an attempt at once when the worker aborts it', async () => {
    const r = await receiver([{ kind: 'hang' }]);
    const a = adapter(r.casesUrl, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = a.deliver(deliveryItemFrom(makeDraft()), controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/stopped/) as unknown });
  });

  it('refuses to start with a client certificate it cannot open (wrong passphrase), naming it', () => {
    const wrong = path.join(work.dir, 'wrong-pass.txt');
    writeFileSync(wrong, 'not-the-passphrase');
    expect(() =>
      createHttpsAdapter(
        {
          type: 'https',
          format: 'envelope',
          url: 'https://127.0.0.1:1/cases',
          clientPfxFile: files.pfx,
          passphraseFile: wrong,
          timeoutMs: 1000,
        },
        { logger: silentLogger() },
      ),
    ).toThrow(/kiosk\.p12 cannot be opened.*wrong passphrase/);
  });

  it('refuses to start with a CA file that is missing, naming it', () => {
    expect(() =>
      createHttpsAdapter(
        {
          type: 'https',
          format: 'envelope',
          url: 'https://127.0.0.1:1/cases',
          caFile: '/nonexistent/ca.pem',
          timeoutMs: 1000,
        },
        { logger: silentLogger() },
      ),
    ).toThrow(/CA file \/nonexistent\/ca\.pem/);
  });
});

describe('reading an HTTP answer', () => {
  const json = 'application/json';
  it('204 and empty 2xx are delivered without a receiver reference', () => {
    expect(classifyHttpAnswer({ status: 204, contentType: undefined, body: Buffer.alloc(0) })).toEqual({
      kind: 'delivered',
      receiverReference: null,
      duplicate: false,
    });
    expect(classifyHttpAnswer({ status: 201, contentType: json, body: Buffer.alloc(0) }).kind).toBe('delivered');
  });
  it('a JSON object without receiverReference is delivered; a JSON array or string is not a receipt', () => {
    expect(classifyHttpAnswer({ status: 200, contentType: json, body: Buffer.from('{}') })).toMatchObject({
      kind: 'delivered',
      receiverReference: null,
    });
    expect(classifyHttpAnswer({ status: 200, contentType: json, body: Buffer.from('[1]') }).kind).toBe('retry');
    expect(
      classifyHttpAnswer({
        status: 200,
        contentType: 'application/problem+json',
        body: Buffer.from('{"receiverReference":"A-1"}'),
      }),
    ).toMatchObject({ receiverReference: 'A-1' });
  });
  it('409 is already delivered, keeping the receiver reference when given', () => {
    expect(
      classifyHttpAnswer({ status: 409, contentType: json, body: Buffer.from('{"receiverReference":"MOTT-9"}') }),
    ).toEqual({
      kind: 'delivered',
      receiverReference: 'MOTT-9',
      duplicate: true,
    });
    expect(classifyHttpAnswer({ status: 409, contentType: 'text/plain', body: Buffer.from('dup') })).toMatchObject({
      kind: 'delivered',
      receiverReference: null,
    });
  });
  it('redirects are not followed but retried; an HTTP-date Retry-After is honoured', () => {
    expect(classifyHttpAnswer({ status: 302, contentType: 'text/html', body: Buffer.alloc(0) }).kind).toBe('retry');
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(
      classifyHttpAnswer({
        status: 503,
        contentType: json,
        body: Buffer.alloc(0),
        retryAfter: 'Sat, 01 Mar 2025 10:01:00 GMT',
        now,
      }),
    ).toMatchObject({ retryAfterMs: 60_000 });
  });
  it('a receiver error text never becomes the reason, only a short error code', () => {
    const o = classifyHttpAnswer({
      status: 400,
      contentType: json,
      body: Buffer.from('{"error":"Astrid Lindqvist 19811218-9876 is invalid"}'),
    });
    expect(o).toEqual({ kind: 'rejected', reason: 'receiver refused the case: HTTP 400' });
  });
});
