/**
 * The Freja eID+ client and transaction runner against the real Freja simulator (mutual TLS, form
 * bodies, status machine, RS256 JWS by x5t): every status, error code, expiry, cancel, and results
 * the kiosk must refuse (unknown x5t, bad signature, wrong authRef).
 */
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EidOutcome, EidStatus } from '../../../../../src/core/identity/eid-provider';
import { FrejaClient, FrejaError, formBody } from '../../../../../src/core/identity/freja/client';
import type { FrejaEvidence } from '../../../../../src/core/identity/freja/freja-order';
import { createFrejaProvider } from '../../../../../src/core/identity/freja/freja-provider';
import { signingCertificates, verifyFrejaJws } from '../../../../../src/core/identity/freja/jws';
import { startFrejaSimulator, type FrejaSimulator } from '../../../../../src/simulators/freja/simulator';
import { createTestPki } from '../../../../../src/simulators/test-pki';
import { captureLogger } from '../support/log-capture';

const ANNA = '199001012385';
const NILS = '199203179867'; // EXTENDED: may log in, may not sign
const GUSTAV = '196907049917'; // BASIC
const ULLA = '199511119852'; // rejects in the app

let sim: FrejaSimulator;
let client: FrejaClient;

beforeAll(async () => {
  sim = await startFrejaSimulator({ timings: { stepMs: 150 } });
  client = new FrejaClient({ url: sim.url, pfx: sim.clientPfx, passphrase: sim.passphrase, ca: sim.caCertPem });
});
afterAll(async () => {
  client.close();
  await sim.close();
});
afterEach(() => {
  sim.setScenario(null);
  sim.setError(null);
  sim.setResultFault(null);
});

function provider(options: { certs?: string[]; loginLevel?: 'EXTENDED' | 'PLUS'; qrCode?: 'dynamic' | 'static' } = {}) {
  const log = captureLogger();
  const p = createFrejaProvider({
    api: client,
    logger: log.logger,
    certificates: signingCertificates(options.certs ?? [sim.signingCertPem]),
    loginLevel: options.loginLevel ?? 'EXTENDED',
    signLevel: 'PLUS',
    qrCode: options.qrCode ?? 'dynamic',
    pollIntervalMs: 40,
    signExpiryMs: 120_000,
  });
  return { p, log };
}

function hooks() {
  const qrs: Array<string | null> = [];
  const statuses: EidStatus[] = [];
  return {
    qrs,
    statuses,
    hooks: { onQr: (q: string | null) => void qrs.push(q), onStatus: (s: EidStatus) => void statuses.push(s) },
    async firstQr(): Promise<string> {
      for (let i = 0; i < 400; i += 1) {
        const q = qrs.find((x) => x !== null);
        if (q) return q;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('no QR');
    },
  };
}

async function loginAs(
  personalNumber: string,
  scenario?: 'approve' | 'reject' | 'cancel' | 'expire',
  options: Parameters<typeof provider>[0] = {},
): Promise<{ outcome: EidOutcome<FrejaEvidence>; h: ReturnType<typeof hooks> }> {
  const { p } = provider(options);
  const h = hooks();
  const order = p.startAuth(h.hooks, 'Inloggning');
  const running = order.run();
  const scan = sim.scan(await h.firstQr(), { personalNumber, ...(scenario ? { scenario } : {}) });
  expect(scan).toMatchObject({ ok: true });
  return { outcome: await running, h };
}

/** A raw POST to the simulator, with or without the client certificate. */
function raw(
  pathname: string,
  body: string,
  options: { contentType?: string; cert?: boolean } = {},
): Promise<{ status: number; json: { code?: number; message?: string } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(pathname, sim.origin),
      {
        method: 'POST',
        ca: sim.caCertPem,
        ...(options.cert === false ? {} : { pfx: sim.clientPfx, passphrase: sim.passphrase }),
        headers: { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const INFERRED = { userInfoType: 'INFERRED', userInfo: 'N/A', minRegistrationLevel: 'EXTENDED' };

describe('Freja RP API (client ↔ simulator)', () => {
  it('starts an authentication with a dynamic QR secret, or a static one, and reports STARTED', async () => {
    const dyn = await client.initAuthentication({
      ...INFERRED,
      attributesToReturn: [],
      useDynamicQrCode: true,
    } as never);
    expect(dyn.ref.length).toBeGreaterThan(10);
    expect(dyn.qrCodeSecret).toBeTruthy();
    const stat = await client.initAuthentication({ ...INFERRED, attributesToReturn: [] } as never);
    expect(stat.qrCodeSecret).toBeNull();
    expect(await client.getOneResult('authentication', dyn.ref)).toMatchObject({ status: 'STARTED', details: null });
    await client.cancel('authentication', dyn.ref);
    expect(await client.getOneResult('authentication', dyn.ref)).toMatchObject({ status: 'RP_CANCELED' });
    await client.cancel('authentication', stat.ref);
  });

  it('accepts the form body with either content type real clients send, and refuses other bodies with 1001', async () => {
    const body = formBody('initAuthRequest', { ...INFERRED, attributesToReturn: [] });
    const form = await raw('/authentication/1.0/initAuthentication', body);
    const json = await raw('/authentication/1.0/initAuthentication', body, { contentType: 'application/json' });
    expect(form.status).toBe(200);
    expect(json.status).toBe(200);
    expect(typeof form.json.authRef).toBe('string');
    const bad = await raw('/authentication/1.0/initAuthentication', 'initAuthRequest=%%%not-base64');
    expect(bad).toMatchObject({ status: 400, json: { code: 1001 } });
    const wrongField = await raw('/authentication/1.0/initAuthentication', formBody('initSignRequest', INFERRED));
    expect(wrongField).toMatchObject({ status: 400, json: { code: 1001 } });
    const text = await raw('/authentication/1.0/initAuthentication', body, { contentType: 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('requires the client certificate (1004) and is trusted only through the pinned CA', async () => {
    const noCert = await raw('/authentication/1.0/initAuthentication', formBody('initAuthRequest', INFERRED), {
      cert: false,
    });
    expect(noCert).toMatchObject({ status: 401, json: { code: 1004 } });
    const other = createTestPki({ name: 'Other', clientName: 'x' });
    const wrongCa = new FrejaClient({
      url: sim.url,
      pfx: sim.clientPfx,
      passphrase: sim.passphrase,
      ca: other.caCertPem,
    });
    await expect(wrongCa.initAuthentication({ ...INFERRED, attributesToReturn: [] } as never)).rejects.toMatchObject({
      code: 'tlsError',
    });
    wrongCa.close();
  });

  it('answers Freja error codes: 1002 invalid user info, 1012 user not found, 1100 invalid reference, 2000 in progress', async () => {
    const badInfo = await raw(
      '/authentication/1.0/initAuthentication',
      formBody('initAuthRequest', { ...INFERRED, userInfo: 'someone' }),
    );
    expect(badInfo.json.code).toBe(1002);
    const ssn = (pnr: string) => Buffer.from(JSON.stringify({ country: 'SE', ssn: pnr })).toString('base64');
    const unknown = await raw(
      '/authentication/1.0/initAuthentication',
      formBody('initAuthRequest', { userInfoType: 'SSN', userInfo: ssn('190001019999'), minRegistrationLevel: 'PLUS' }),
    );
    expect(unknown).toMatchObject({ status: 404, json: { code: 1012 } });
    const first = await raw(
      '/authentication/1.0/initAuthentication',
      formBody('initAuthRequest', { userInfoType: 'SSN', userInfo: ssn(ANNA), minRegistrationLevel: 'PLUS' }),
    );
    expect(first.status).toBe(200);
    const second = await raw(
      '/authentication/1.0/initAuthentication',
      formBody('initAuthRequest', { userInfoType: 'SSN', userInfo: ssn(ANNA), minRegistrationLevel: 'PLUS' }),
    );
    expect(second).toMatchObject({ status: 400, json: { code: 2000 } });
    // a second transaction for the user cancels both
    expect(await client.getOneResult('authentication', first.json.authRef as string)).toMatchObject({
      status: 'RP_CANCELED',
    });
    await expect(client.getOneResult('authentication', 'no-such-ref')).rejects.toMatchObject({
      code: '1100',
      httpStatus: 400,
    });
    await expect(client.getOneResult('sign', first.json.authRef as string)).rejects.toMatchObject({ code: '1100' });
  });

  it('checks a signature request like Freja (title ≤ 128, base64 data, expiry between 2 min and 30 days)', async () => {
    const base = {
      ...INFERRED,
      minRegistrationLevel: 'PLUS',
      title: 'Ansökan',
      dataToSignType: 'EXTENDED_UTF8_TEXT',
      dataToSign: { text: Buffer.from('hej').toString('base64'), binaryData: Buffer.alloc(32).toString('base64') },
      signatureType: 'EXTENDED',
    };
    expect((await raw('/sign/1.0/initSignature', formBody('initSignRequest', base))).status).toBe(200);
    for (const bad of [
      { ...base, title: 'x'.repeat(129) },
      { ...base, dataToSign: { text: 'not base64!' } },
      { ...base, expiry: Date.now() + 1000 },
      { ...base, expiry: Date.now() + 31 * 86_400_000 },
      { ...base, dataToSignType: 'SIMPLE_UTF8_TEXT' },
    ]) {
      expect(await raw('/sign/1.0/initSignature', formBody('initSignRequest', bad))).toMatchObject({
        status: 400,
        json: { code: 1001 },
      });
    }
  });
});

describe('a Freja login (INFERRED, QR) as the kiosk runs it', () => {
  it('shows a dynamic QR, hides it once the app has the transaction, and returns the verified person', async () => {
    const { outcome, h } = await loginAs(ANNA);
    expect(outcome).toMatchObject({
      status: 'complete',
      user: { personalNumber: ANNA, givenName: 'Anna', surname: 'Andersson', name: 'Anna Andersson' },
      evidence: { method: 'freja', x5t: sim.signingX5t, registrationLevel: 'PLUS' },
    });
    expect(h.qrs[0]).toMatch(
      /^https:\/\/app\.prod\.frejaeid\.com\/freja\?action=bindUserToTransaction&transactionReference=.+\.0\.[A-Za-z0-9_-]{43}$/,
    );
    expect(h.qrs.at(-1)).toBeNull();
    expect(h.statuses.map((s) => s.rfa)).toEqual(['frejaStart', 'frejaConfirm', 'complete']);
    // the JWS is kept and verifies on its own
    if (outcome.status !== 'complete') throw new Error('not complete');
    const v = verifyFrejaJws(outcome.evidence.jws, signingCertificates([sim.signingCertPem]));
    expect(v.payload).toMatchObject({ status: 'APPROVED', requestedAttributes: { ssn: { ssn: ANNA, country: 'SE' } } });
  });

  it('uses the static frejaeid:// code when configured', async () => {
    const { outcome, h } = await loginAs(ANNA, undefined, { qrCode: 'static' });
    expect(h.qrs[0]).toMatch(/^frejaeid:\/\/bindUserToTransaction\?transactionReference=/);
    expect(outcome.status).toBe('complete');
  });

  it.each([
    ['reject', 'frejaRejected', 'REJECTED'],
    ['cancel', 'frejaCancelled', 'CANCELED'],
    ['expire', 'frejaExpired', 'EXPIRED'],
  ] as const)('%s in the app → %s', async (scenario, rfa, code) => {
    const { outcome } = await loginAs(ANNA, scenario);
    expect(outcome).toEqual({ status: 'failed', rfa, retryable: true, code });
  });

  it('a test person who rejects by default (Ulla) is reported as rejected', async () => {
    expect((await loginAs(ULLA)).outcome).toMatchObject({ status: 'failed', rfa: 'frejaRejected' });
  });

  it('expires when nobody scans within the lifetime', async () => {
    const short = await startFrejaSimulator({ pki: sim.pki, timings: { authLifetimeMs: 150 } });
    const c = new FrejaClient({
      url: short.url,
      pfx: short.clientPfx,
      passphrase: short.passphrase,
      ca: short.caCertPem,
    });
    const p = createFrejaProvider({
      api: c,
      logger: captureLogger().logger,
      certificates: signingCertificates([short.signingCertPem]),
      loginLevel: 'EXTENDED',
      signLevel: 'PLUS',
      qrCode: 'dynamic',
      pollIntervalMs: 40,
      signExpiryMs: 120_000,
    });
    const outcome = await p.startAuth(hooks().hooks, 'x').run();
    expect(outcome).toMatchObject({ status: 'failed', rfa: 'frejaExpired', code: 'EXPIRED' });
    c.close();
    await short.close();
  });

  it('cancel (Avbryt, reset, leaving) cancels at Freja: RP_CANCELED, and the phone can no longer scan', async () => {
    const { p } = provider();
    const h = hooks();
    const order = p.startAuth(h.hooks, 'x');
    const running = order.run();
    const qr = await h.firstQr();
    await order.cancel();
    expect(await running).toEqual({ status: 'cancelled' });
    expect(sim.transactions().at(-1)?.status).toBe('RP_CANCELED');
    expect(sim.scan(qr, { personalNumber: ANNA })).toMatchObject({ ok: false, status: 409 });
  });

  it('a registration level below the minimum cannot approve; EXTENDED may log in but a PLUS login refuses it', async () => {
    expect((await loginAs(NILS)).outcome.status).toBe('complete');
    const { p } = provider({ loginLevel: 'PLUS' });
    const h = hooks();
    const order = p.startAuth(h.hooks, 'x');
    const running = order.run();
    expect(sim.scan(await h.firstQr(), { personalNumber: NILS })).toMatchObject({
      ok: false,
      status: 403,
      error: 'registrationLevelTooLow',
    });
    expect(sim.scan(await h.firstQr(), { personalNumber: GUSTAV })).toMatchObject({ ok: false, status: 403 });
    await order.cancel();
    await running;
  });

  it('a second transaction for the same person cancels both (already in progress)', async () => {
    const a = provider().p.startAuth(hooks().hooks, 'x');
    const h1 = hooks();
    const first = provider().p.startAuth(h1.hooks, 'x');
    const r1 = first.run();
    expect(sim.scan(await h1.firstQr(), { personalNumber: ANNA, scenario: 'expire' })).toMatchObject({ ok: true });
    const h2 = hooks();
    const second = provider().p.startAuth(h2.hooks, 'x');
    const r2 = second.run();
    expect(sim.scan(await h2.firstQr(), { personalNumber: ANNA })).toMatchObject({
      ok: false,
      status: 409,
      error: 'alreadyInProgress',
    });
    expect(await r2).toMatchObject({ status: 'failed', rfa: 'frejaCancelled' });
    expect(await r1).toMatchObject({ status: 'failed' });
    await a.cancel();
  });

  it('refuses the QR when the HMAC is wrong or the frame is too old', async () => {
    const h = hooks();
    const order = provider().p.startAuth(h.hooks, 'x');
    const running = order.run();
    const qr = await h.firstQr();
    const forged = qr.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43));
    expect(sim.scan(forged)).toMatchObject({ ok: false, error: 'invalidHmac' });
    await new Promise((r) => setTimeout(r, 3200));
    expect(sim.scan(qr)).toMatchObject({ ok: false, error: 'qrTooOld' });
    await order.cancel();
    await running;
  });

  it.each([
    ['unknownCertificate', 'jws_unknownCertificate', false],
    ['badSignature', 'jws_badSignature', false],
    ['wrongRef', 'wrongRef', true],
  ] as const)('refuses an approved result with %s', async (fault, code, retryable) => {
    sim.setResultFault(fault);
    const { outcome } = await loginAs(ANNA);
    expect(outcome).toEqual({ status: 'failed', rfa: 'rfa22', retryable, code });
  });

  it('refuses a result signed by a Freja certificate the kiosk does not hold (rotation: only the configured set)', async () => {
    const other = await startFrejaSimulator({ pki: sim.pki });
    const { outcome } = await loginAs(ANNA, undefined, { certs: [other.signingCertPem] });
    expect(outcome).toMatchObject({ status: 'failed', code: 'jws_unknownCertificate', retryable: false });
    // with both certificates configured (old and new), the result is accepted
    expect((await loginAs(ANNA, undefined, { certs: [other.signingCertPem, sim.signingCertPem] })).outcome.status).toBe(
      'complete',
    );
    await other.close();
  });

  it.each([
    [{ httpStatus: 400, code: 2000 }, 'frejaInProgress', true],
    [{ httpStatus: 403, code: 1005 }, 'frejaBlocked', true],
    [{ httpStatus: 403, code: 1004 }, 'rfa22', false],
    [{ httpStatus: 401, code: 1008 }, 'rfa22', false],
    [{ httpStatus: 400, code: 1001 }, 'rfa22', true],
    [{ httpStatus: 503, code: 1001 }, 'rfa5', true],
  ] as const)('an init answered %o → %s', async (error, rfa, retryable) => {
    sim.setError(error, 1);
    const outcome = await provider().p.startAuth(hooks().hooks, 'x').run();
    expect(outcome).toMatchObject({ status: 'failed', rfa, retryable, code: String(error.code) });
  });

  it('never writes the personnummer or a name to the log', async () => {
    const { p, log } = provider();
    const h = hooks();
    const running = p.startAuth(h.hooks, 'x').run();
    sim.scan(await h.firstQr(), { personalNumber: ANNA });
    await running;
    expect(log.text()).not.toContain(ANNA);
    expect(log.text()).not.toContain('Andersson');
  });
});

describe('a Freja signature', () => {
  const request = {
    signedText: '# Ansökan\n+ *Namn:* Anna',
    title: 'Ansökan om parkeringstillstånd',
    documentHash: Buffer.alloc(32, 7).toString('base64'),
    personalNumber: ANNA,
  };

  it('is signed with PLUS over the readable text and the document hash; the JWS is kept', async () => {
    const { p } = provider();
    const h = hooks();
    const running = p.startSign(h.hooks, request).run();
    expect(sim.scan(await h.firstQr(), { personalNumber: ANNA })).toMatchObject({ ok: true, service: 'sign' });
    const outcome = await running;
    expect(outcome).toMatchObject({ status: 'complete', evidence: { method: 'freja', registrationLevel: 'PLUS' } });
    if (outcome.status !== 'complete') throw new Error('not complete');
    const { payload } = verifyFrejaJws(outcome.evidence.jws, signingCertificates([sim.signingCertPem]));
    expect(payload).toMatchObject({ signRef: outcome.evidence.ref, status: 'APPROVED', minRegistrationLevel: 'PLUS' });
    const inner = (payload.signatureData as { userSignature: string }).userSignature.split('.')[1] ?? '';
    expect(JSON.parse(Buffer.from(inner, 'base64url').toString('utf8'))).toMatchObject({
      text: Buffer.from(request.signedText).toString('base64'),
      binaryData: request.documentHash,
    });
  });

  it('an EXTENDED account cannot sign (PLUS needed), and someone else than the signed-in person is refused', async () => {
    const { p } = provider();
    const h = hooks();
    const order = p.startSign(h.hooks, request);
    const running = order.run();
    expect(sim.scan(await h.firstQr(), { personalNumber: NILS })).toMatchObject({ ok: false, status: 403 });
    expect(sim.scan(await h.firstQr(), { personalNumber: '198504129803' })).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ status: 'failed', code: 'signerMismatch' });
  });

  it('a cancelled signature is cancelled at Freja (sign/1.0/cancel)', async () => {
    const { p } = provider();
    const h = hooks();
    const order = p.startSign(h.hooks, request);
    const running = order.run();
    await h.firstQr();
    await order.cancel({ silent: true });
    expect(await running).toEqual({ status: 'cancelled' });
    const last = sim
      .transactions()
      .filter((t) => t.service === 'sign')
      .at(-1);
    expect(last?.status).toBe('RP_CANCELED');
  });
});

describe('FrejaError', () => {
  it('names the call, status and code only', () => {
    expect(new FrejaError('authentication.init', 'api', '2000', 400).message).toBe(
      'Freja authentication.init failed: HTTP 400 2000',
    );
  });
});
