/** The simulator's phone side and page over HTTPS, as a person or an end-to-end test uses it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankIdClient } from '../../../src/core/identity/bankid/client';
import { qrString } from '../../../src/core/identity/bankid/qr-code';
import { startBankIdSimulator, type BankIdSimulator } from '../../../src/simulators/bankid/simulator';
import { postJson, request } from './support/https-json';

let sim: BankIdSimulator;
let client: BankIdClient;

beforeAll(async () => {
  sim = await startBankIdSimulator({ timings: { stepMs: 20 } });
  client = new BankIdClient({ url: sim.url, pfx: sim.clientPfx, passphrase: sim.passphrase, ca: sim.caCertPem });
});
afterAll(async () => {
  client.close();
  await sim.close();
});

const scan = (body: unknown) => postJson(sim.scanUrl, body, { ca: sim.caCertPem });

describe('BankID simulator phone side', () => {
  it('serves the manual page, its script and the test persons without a client certificate', async () => {
    const page = await request(sim.pageUrl, { ca: sim.caCertPem });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<textarea id="qr"');
    expect((await request(`${sim.origin}/sim/app.js`, { ca: sim.caCertPem })).text).toContain("fetch('/sim/scan'");
    const persons = await request(`${sim.origin}/sim/persons`, { ca: sim.caCertPem });
    expect(persons.json).toContainEqual(
      expect.objectContaining({ personalNumber: '198504129803', name: 'Erik Eriksson' }),
    );
    const root = await request(`${sim.origin}/`, { ca: sim.caCertPem });
    expect([root.status, root.headers.location]).toEqual([302, '/sim/']);
  });

  it('a dry run checks a frame without touching the order', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    const qr = qrString(order.qrStartToken, order.qrStartSecret, 0);
    const dry = await scan({ qr, dryRun: true });
    expect(dry.json).toMatchObject({ ok: true, dryRun: true, scenario: 'success' });
    expect(await client.collect(order.orderRef)).toMatchObject({ hintCode: 'outstandingTransaction' });
    expect((await scan({ qr })).status).toBe(200);
    expect((await scan({ qr })).json).toMatchObject({ error: 'alreadyScanned' });
  });

  it('rejects what a phone would reject', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    const frame = (t: number) => qrString(order.qrStartToken, order.qrStartSecret, t);
    expect((await scan({ qr: 'https://example.se' })).json).toMatchObject({ error: 'invalidQr' });
    expect((await scan({ qr: frame(5) })).json).toMatchObject({ error: 'qrFromTheFuture' });
    expect((await scan({ qr: frame(0), personalNumber: '190001010000' })).json).toMatchObject({
      error: 'unknownPerson',
    });
    expect((await scan({ qr: frame(0), scenario: 'dance' })).json).toMatchObject({ error: 'invalidScenario' });
    expect((await scan({ nothing: true })).status).toBe(400);
    expect((await request(sim.scanUrl, { ca: sim.caCertPem })).status).toBe(405);
    expect(
      (await postJson(sim.scanUrl, { qr: frame(0) }, { ca: sim.caCertPem, contentType: 'text/plain' })).status,
    ).toBe(415);
    await client.cancel(order.orderRef);
    expect((await scan({ qr: frame(0) })).json).toMatchObject({ error: 'orderNotActive' });
  });

  it('run-wide settings can be changed over HTTP (for end-to-end tests in another process)', async () => {
    const set = await postJson(
      `${sim.origin}/sim/control`,
      { scenario: 'userCancel', service: 'maintenance', calls: 1, secondOrderPolicy: 'cancelFirst' },
      { ca: sim.caCertPem },
    );
    expect(set.json).toEqual({
      scenario: 'userCancel',
      service: 'maintenance',
      serviceCalls: 1,
      secondOrderPolicy: 'cancelFirst',
    });
    expect((await postJson(`${sim.origin}/sim/control`, { service: 'sleepy' }, { ca: sim.caCertPem })).status).toBe(
      400,
    );
    const order = await client.auth({ endUserIp: '127.0.0.1' }); // the one maintenance answer is retried quietly
    expect(sim.scan(qrString(order.qrStartToken, order.qrStartSecret, 0))).toMatchObject({
      ok: true,
      scenario: 'userCancel',
    });
    const reset = await postJson(
      `${sim.origin}/sim/control`,
      { scenario: null, service: 'normal', secondOrderPolicy: 'alreadyInProgress' },
      { ca: sim.caCertPem },
    );
    expect(reset.json).toMatchObject({ scenario: null, service: 'normal' });
    expect((await request(`${sim.origin}/sim/control`, { ca: sim.caCertPem })).json).toMatchObject({ scenario: null });
  });

  it('lists orders without their secrets', async () => {
    const order = await client.auth({ endUserIp: '127.0.0.1' });
    const list = await request(`${sim.origin}/sim/orders`, { ca: sim.caCertPem });
    expect(list.text).toContain(order.orderRef);
    expect(list.text).not.toContain(order.qrStartSecret);
    await client.cancel(order.orderRef);
  });

  it('an unknown page is 404', async () => {
    expect((await request(`${sim.origin}/sim/nothing`, { ca: sim.caCertPem })).status).toBe(404);
    expect((await request(`${sim.origin}/other`, { ca: sim.caCertPem })).json).toMatchObject({ errorCode: 'notFound' });
  });
});
