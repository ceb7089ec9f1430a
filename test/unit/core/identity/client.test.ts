/**
 * The RP API client against the real BankID simulator (HTTPS, mutual TLS): every scenario and every
 * error code the client must handle.
 */
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BankIdClient,
  BankIdError,
  loadBankIdCredentials,
  type CollectResponse,
} from '../../../../src/core/identity/bankid/client';
import { checkTlsMaterial } from '../../../../src/core/identity/mtls-json-request';
import { qrString } from '../../../../src/core/identity/bankid/qr-code';
import { startBankIdSimulator, type BankIdSimulator } from '../../../../src/simulators/bankid/simulator';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { request } from '../../../unit/simulators/support/https-json';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ANNA = '199001012385';
const ERIK = '198504129803';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

let pki: TestPki;
let sim: BankIdSimulator;
let client: BankIdClient;

function newClient(overrides: Partial<ConstructorParameters<typeof BankIdClient>[0]> = {}): BankIdClient {
  return new BankIdClient({
    url: sim.url,
    pfx: sim.clientPfx,
    passphrase: sim.passphrase,
    ca: sim.caCertPem,
    maintenanceRetryDelayMs: 10,
    ...overrides,
  });
}

async function caught(p: Promise<unknown>): Promise<BankIdError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BankIdError);
    return err as BankIdError;
  }
  throw new Error('expected a BankIdError');
}

/** Collects until the order leaves pending (bounded). */
async function collectUntilDone(orderRef: string, c = client): Promise<CollectResponse> {
  for (let i = 0; i < 100; i += 1) {
    const r = await c.collect(orderRef);
    if (r.status !== 'pending') return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('order did not finish');
}

beforeAll(async () => {
  pki = createTestPki({ name: 'BankID simulator', clientName: 'Kommunkiosk test RP' });
  sim = await startBankIdSimulator({ pki, timings: { stepMs: 30 } });
  client = newClient();
});

afterAll(async () => {
  client.close();
  await sim.close();
});

afterEach(() => {
  sim.setScenario(null);
  sim.setService('normal');
  sim.setSecondOrderPolicy('alreadyInProgress');
});

describe('BankID client against the simulator: orders', () => {
  it('auth → scan → started/userSign → complete with completionData shaped as BankID', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    expect(Object.keys(order).sort()).toEqual(['autoStartToken', 'orderRef', 'qrStartSecret', 'qrStartToken']);
    expect(await client.collect(order.orderRef)).toEqual({
      orderRef: order.orderRef,
      status: 'pending',
      hintCode: 'outstandingTransaction',
    });
    expect(sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0)).ok).toBe(true);
    expect((await client.collect(order.orderRef)).hintCode).toBe('started');
    const done = await collectUntilDone(order.orderRef);
    expect(done.status).toBe('complete');
    const data = done.completionData!;
    expect(data.user).toEqual({
      personalNumber: ANNA,
      name: 'Anna Andersson',
      givenName: 'Anna',
      surname: 'Andersson',
    });
    expect(data.device.ipAddress).toBe('127.0.0.1');
    expect(data.bankIdIssueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Buffer.from(data.signature, 'base64').toString('utf8')).toContain('TEST DATA');
    expect(Buffer.from(data.ocspResponse, 'base64').toString('utf8')).toContain('TEST DATA');
  });

  it('sign carries userVisibleData (markdown) and userNonVisibleData into the signature', async () => {
    const order = await client.sign({
      endUserIp: '127.0.0.1',
      requirement: { personalNumber: ERIK },
      userVisibleData: b64('# Ansökan\n+ *Namn:* Erik'),
      userVisibleDataFormat: 'simpleMarkdownV1',
      userNonVisibleData: 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
    });
    expect(sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0)).ok).toBe(true);
    const done = await collectUntilDone(order.orderRef);
    expect(done.completionData?.user.personalNumber).toBe(ERIK);
    const xml = Buffer.from(done.completionData!.signature, 'base64').toString('utf8');
    expect(xml).toContain(`format="simpleMarkdownV1">${b64('# Ansökan\n+ *Namn:* Erik')}</usrVisibleData>`);
    expect(xml).toContain('<usrNonVisibleData>ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=</usrNonVisibleData>');
  });

  it.each([
    ['userCancel', 'userCancel'],
    ['certificateErr', 'certificateErr'],
    ['expiredTransaction', 'expiredTransaction'],
    ['startFailed', 'startFailed'],
  ] as const)('phone scenario %s fails the order with hintCode %s', async (scenario, hintCode) => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    expect(sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0), { scenario }).ok).toBe(true);
    expect(await collectUntilDone(order.orderRef)).toEqual({ orderRef: order.orderRef, status: 'failed', hintCode });
  });

  it("a test person's own scenario applies (Gustav: blocked BankID)", async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0), { personalNumber: '196907049917' });
    expect((await collectUntilDone(order.orderRef)).hintCode).toBe('certificateErr');
  });

  it('startFailed for the whole run fails every order unscanned', async () => {
    sim.setScenario('startFailed');
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    expect(await client.collect(order.orderRef)).toMatchObject({ status: 'failed', hintCode: 'startFailed' });
  });

  it('mrtd requirement adds the userMrtd step and stepUp to completionData', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1', requirement: { mrtd: true } });
    sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0));
    const seen = new Set<string>();
    let last: CollectResponse | undefined;
    for (let i = 0; i < 100; i += 1) {
      last = await client.collect(order.orderRef);
      if (last.hintCode) seen.add(last.hintCode);
      if (last.status !== 'pending') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen.has('userMrtd')).toBe(true);
    expect(last?.completionData?.stepUp).toEqual({ mrtd: true });
  });

  it('cancel ends the order; collecting it afterwards is invalidParameters', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    await client.cancel(order.orderRef);
    expect(sim.order(order.orderRef)).toMatchObject({ cancelledByRp: true, status: 'failed' });
    const err = await caught(client.collect(order.orderRef));
    expect(err).toMatchObject({ kind: 'api', errorCode: 'invalidParameters', httpStatus: 400 });
    expect((await caught(client.cancel(order.orderRef))).errorCode).toBe('invalidParameters');
  });

  it('collecting a finished order a second time is invalidParameters', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0), { scenario: 'userCancel' });
    await collectUntilDone(order.orderRef);
    expect(await caught(client.collect(order.orderRef))).toMatchObject({
      errorCode: 'invalidParameters',
      httpStatus: 400,
    });
  });

  it('collecting an order that finished too long ago is invalidParameters', async () => {
    const short = await startBankIdSimulator({ pki, timings: { scanWindowMs: 20, failedRetentionMs: 30 } });
    const c = new BankIdClient({
      url: short.url,
      pfx: short.clientPfx,
      passphrase: short.passphrase,
      ca: short.caCertPem,
    });
    try {
      const order = await c.auth({ endUserIp: '127.0.0.1' });
      await new Promise((r) => setTimeout(r, 120));
      expect(await caught(c.collect(order.orderRef))).toMatchObject({ errorCode: 'invalidParameters' });
    } finally {
      c.close();
      await short.close();
    }
  });

  it('an unknown orderRef is invalidParameters', async () => {
    expect(await caught(client.collect('00000000-0000-0000-0000-000000000000'))).toMatchObject({
      errorCode: 'invalidParameters',
      httpStatus: 400,
    });
  });
});

describe('BankID client against the simulator: second order for the same person', () => {
  it('alreadyInProgress: the new order is refused and the running one is cancelled', async () => {
    const first = await client.sign({
      endUserIp: '127.0.0.1',
      requirement: { personalNumber: ERIK },
      userVisibleData: b64('Första'),
    });
    const err = await caught(
      client.sign({ endUserIp: '127.0.0.1', requirement: { personalNumber: ERIK }, userVisibleData: b64('Andra') }),
    );
    expect(err).toMatchObject({ errorCode: 'alreadyInProgress', httpStatus: 400 });
    expect(await client.collect(first.orderRef)).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
  });

  it('cancelFirst: the new order runs and the first one reports cancelled', async () => {
    sim.setSecondOrderPolicy('cancelFirst');
    const first = await client.sign({
      endUserIp: '127.0.0.1',
      requirement: { personalNumber: ERIK },
      userVisibleData: b64('Första'),
    });
    const second = await client.sign({
      endUserIp: '127.0.0.1',
      requirement: { personalNumber: ERIK },
      userVisibleData: b64('Andra'),
    });
    expect(await client.collect(first.orderRef)).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    expect(await client.collect(second.orderRef)).toMatchObject({ status: 'pending' });
    await client.cancel(second.orderRef);
  });

  it('a scan by a person who has another order running cancels that one', async () => {
    const first = await client.auth({ endUserIp: '127.0.0.1' });
    sim.scan(qrString(first.qrStartToken, first.qrStartSecret, 0), {
      personalNumber: ANNA,
      scenario: 'expiredTransaction',
    });
    const second = await client.auth({ endUserIp: '127.0.0.1' });
    sim.scan(qrString(second.qrStartToken, second.qrStartSecret, 0), { personalNumber: ANNA });
    expect(await client.collect(first.orderRef)).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    expect((await collectUntilDone(second.orderRef)).status).toBe('complete');
  });
});

describe('BankID client against the simulator: request validation (400 invalidParameters)', () => {
  it.each([
    ['a bad endUserIp', { endUserIp: 'kiosk' }],
    ['v6-removed top-level personalNumber', { endUserIp: '127.0.0.1', personalNumber: ANNA }],
    ['v6-removed requirement.allowFingerprint', { endUserIp: '127.0.0.1', requirement: { allowFingerprint: true } }],
    [
      'an invalid requirement.personalNumber',
      { endUserIp: '127.0.0.1', requirement: { personalNumber: '199001012384' } },
    ],
    ['userVisibleData that is not base64', { endUserIp: '127.0.0.1', userVisibleData: 'not base64!' }],
    [
      'userVisibleData over 1 500 characters on auth',
      { endUserIp: '127.0.0.1', userVisibleData: b64('x'.repeat(1200)) },
    ],
    [
      'an unknown userVisibleDataFormat',
      { endUserIp: '127.0.0.1', userVisibleData: b64('x'), userVisibleDataFormat: 'html' },
    ],
  ])('refuses %s', async (_what, body) => {
    const err = await caught(client.auth(body as never));
    expect(err).toMatchObject({ kind: 'api', errorCode: 'invalidParameters', httpStatus: 400 });
    expect(err.details).toBeTruthy();
    // BankID's details may echo what was sent: the message never carries them
    expect(err.message).toBe('BankID auth failed: HTTP 400 invalidParameters');
  });

  it('refuses sign without userVisibleData', async () => {
    await expect(client.sign({ endUserIp: '127.0.0.1' })).rejects.toThrow('needs userVisibleData');
    const raw = await request(`${sim.url}sign`, {
      method: 'POST',
      body: JSON.stringify({ endUserIp: '127.0.0.1' }),
      headers: { 'Content-Type': 'application/json' },
      ca: sim.caCertPem,
      pfx: sim.clientPfx,
      passphrase: sim.passphrase,
    });
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject({ errorCode: 'invalidParameters' });
  });

  it('refuses invalid simpleMarkdownV1 and says where', async () => {
    const err = await caught(
      client.sign({
        endUserIp: '127.0.0.1',
        userVisibleData: b64('# Rubrik\n+ *ej stängd'),
        userVisibleDataFormat: 'simpleMarkdownV1',
      }),
    );
    expect(err.errorCode).toBe('invalidParameters');
    expect(err.details).toMatch(/line 2, column 3/);
  });
});

describe('BankID client against the simulator: HTTP error codes', () => {
  const rp = (p: string): string => `${sim.url}${p}`;
  const withCert = (): { ca: string; pfx: Buffer; passphrase: string } => ({
    ca: sim.caCertPem,
    pfx: sim.clientPfx,
    passphrase: sim.passphrase,
  });

  it('415 unsupportedMediaType for a charset parameter or another type', async () => {
    for (const type of ['application/json; charset=utf-8', 'text/plain']) {
      const res = await request(rp('auth'), {
        method: 'POST',
        body: '{"endUserIp":"127.0.0.1"}',
        headers: { 'Content-Type': type },
        ...withCert(),
      });
      expect(res.status).toBe(415);
      expect(res.json).toMatchObject({ errorCode: 'unsupportedMediaType' });
      expect(res.headers['content-type']).toBe('application/json');
    }
  });

  it('405 methodNotAllowed for GET', async () => {
    const res = await request(rp('collect'), { method: 'GET', ...withCert() });
    expect(res.status).toBe(405);
    expect(res.json).toMatchObject({ errorCode: 'methodNotAllowed' });
    expect(res.headers.allow).toBe('POST');
  });

  it('404 notFound for an unknown method or version', async () => {
    for (const p of [rp('nosuch'), `${sim.origin}/rp/v5.1/auth`]) {
      const res = await request(p, {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
        ...withCert(),
      });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ errorCode: 'notFound' });
    }
    const c = newClient({ url: `${sim.origin}/rp/v0.0/` });
    expect(await caught(c.collect('x'))).toMatchObject({ errorCode: 'notFound', httpStatus: 404 });
    c.close();
  });

  it('401 unauthorized without the RP client certificate', async () => {
    const res = await request(rp('auth'), {
      method: 'POST',
      body: '{"endUserIp":"127.0.0.1"}',
      headers: { 'Content-Type': 'application/json' },
      ca: sim.caCertPem,
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ errorCode: 'unauthorized' });
  });

  it('401 unauthorized with a client certificate from another CA; the client reports it as not retryable', async () => {
    const stranger = createTestPki({ name: 'Someone else', clientName: 'stranger' });
    const c = newClient({ pfx: stranger.clientPfx, passphrase: stranger.passphrase });
    expect(await caught(c.auth({ endUserIp: '127.0.0.1' }))).toMatchObject({
      errorCode: 'unauthorized',
      httpStatus: 401,
    });
    c.close();
  });

  it('408 requestTimeout when the body does not arrive in time', async () => {
    const slowBody = await startBankIdSimulator({ pki, requestBodyTimeoutMs: 100 });
    try {
      const port = new URL(slowBody.origin).port;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect(
          {
            host: '127.0.0.1',
            port: Number(port),
            ca: slowBody.caCertPem,
            pfx: slowBody.clientPfx,
            passphrase: slowBody.passphrase,
          },
          () => {
            socket.write(
              'POST /rp/v6.0/auth HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"endUserIp"',
            );
          },
        );
        let data = '';
        socket.on('data', (d: Buffer) => (data += d.toString('utf8')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('"errorCode":"requestTimeout"');
    } finally {
      await slowBody.close();
    }
  });

  it('503 maintenance is retried quietly and then succeeds', async () => {
    sim.setService('maintenance', 2);
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    expect(order.orderRef).toBeTruthy();
    await client.cancel(order.orderRef);
  });

  it('503 maintenance that lasts is reported after the retries', async () => {
    sim.setService('maintenance');
    const err = await caught(client.auth({ endUserIp: '127.0.0.1' }));
    expect(err).toMatchObject({ errorCode: 'maintenance', httpStatus: 503 });
  });

  it('500 internalError is reported, not retried', async () => {
    sim.setService('internalError', 1);
    expect(await caught(client.auth({ endUserIp: '127.0.0.1' }))).toMatchObject({
      errorCode: 'internalError',
      httpStatus: 500,
    });
    // the next call is served normally: nothing was retried behind our back
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    await client.cancel(order.orderRef);
  });

  it('429 tooManyRequests carries how long to wait', async () => {
    sim.setService('tooManyRequests', 1);
    const err = await caught(client.collect('x'));
    expect(err).toMatchObject({ errorCode: 'tooManyRequests', httpStatus: 429, retryAfterMs: 1000 });
  });

  it("a slow BankID runs into the client's timeout", async () => {
    const slow = await startBankIdSimulator({ pki, service: 'slow', slowMs: 400 });
    const c = new BankIdClient({
      url: slow.url,
      pfx: slow.clientPfx,
      passphrase: slow.passphrase,
      ca: slow.caCertPem,
      timeoutMs: 100,
    });
    try {
      expect(await caught(c.auth({ endUserIp: '127.0.0.1' }))).toMatchObject({
        kind: 'timeout',
        errorCode: 'timeout',
        httpStatus: null,
      });
    } finally {
      c.close();
      await slow.close();
    }
  });

  it('a server outside the pinned CA is refused (tlsError)', async () => {
    const other = createTestPki({ name: 'Not BankID', clientName: 'x' });
    const c = newClient({ ca: other.caCertPem });
    expect(await caught(c.auth({ endUserIp: '127.0.0.1' }))).toMatchObject({ kind: 'network', errorCode: 'tlsError' });
    c.close();
  });

  it('nothing listening is a networkError', async () => {
    const gone = await startBankIdSimulator({ pki });
    const url = gone.url;
    await gone.close();
    const c = newClient({ url });
    expect(await caught(c.auth({ endUserIp: '127.0.0.1' }))).toMatchObject({
      kind: 'network',
      errorCode: 'networkError',
    });
    c.close();
  });
});

describe('BankID client configuration', () => {
  it('reads the certificate, passphrase (without the trailing newline) and CA from files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bankid-creds-'));
    writeFileSync(path.join(dir, 'rp.p12'), pki.clientPfx);
    writeFileSync(path.join(dir, 'pass.txt'), `${pki.passphrase}\n`);
    writeFileSync(path.join(dir, 'ca.pem'), pki.caCertPem);
    const creds = loadBankIdCredentials({
      pfxFile: path.join(dir, 'rp.p12'),
      passphraseFile: path.join(dir, 'pass.txt'),
      caFile: path.join(dir, 'ca.pem'),
    });
    expect(creds.passphrase).toBe(pki.passphrase);
    expect(() => checkTlsMaterial('x', creds)).not.toThrow();
    expect(() =>
      loadBankIdCredentials({ pfxFile: path.join(dir, 'missing.p12'), passphraseFile: 'x', caFile: 'y' }),
    ).toThrow(/pfxFile\) could not be read .*ENOENT/);
  });

  it('a wrong passphrase is a clear configuration error at construction', () => {
    expect(() => newClient({ passphrase: 'wrong' })).toThrow(/passphrase is wrong/);
  });

  it('refuses a non-https URL', () => {
    expect(() => newClient({ url: 'http://127.0.0.1:1/rp/v6.0/' })).toThrow(/https/);
  });
});
