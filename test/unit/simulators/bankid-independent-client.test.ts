/**
 * The independent-client test: the `bankid` package from npm (anyfin/bankid, BankIdClientV6), not
 * our code, pointed at the simulator with the simulator's RP certificate, passphrase and CA, works
 * unchanged: authenticate, scan via the phone endpoint, collect to complete; sign; cancel; errors.
 *
 * The package has no option for a custom host (it picks appapi2[.test].bankid.com from
 * `production`), so the test sets the base URL on its public axios instance, which is how one
 * points it at any other RP API v6.0 server.
 */
import { BankIdClientV6, BankIdError, type CollectResponseV6 } from 'bankid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBankIdSimulator, type BankIdSimulator } from '../../../src/simulators/bankid/simulator';
import { postJson } from './support/https-json';

let sim: BankIdSimulator;
let client: BankIdClientV6;

beforeAll(async () => {
  sim = await startBankIdSimulator({ timings: { stepMs: 30 } });
  client = new BankIdClientV6({
    production: false,
    pfx: sim.clientPfx,
    passphrase: sim.passphrase,
    ca: Buffer.from(sim.caCertPem),
    refreshInterval: 100,
  });
  client.axios.defaults.baseURL = sim.url;
});
afterAll(async () => {
  await sim.close();
});

async function scanLatest(
  qr: { nextQr: (ref: string, o: { maxCycles: number }) => AsyncGenerator<string> },
  orderRef: string,
  body: Record<string, unknown> = {},
) {
  const frame = (await qr.nextQr(orderRef, { maxCycles: 1 }).next()).value;
  expect(frame).toMatch(/^bankid\.[0-9a-f-]+\.\d+\.[0-9a-f]{64}$/);
  return postJson(sim.scanUrl, { qr: frame, ...body }, { ca: sim.caCertPem });
}

describe('the npm package `bankid` against the simulator', () => {
  it('authenticate → scan its QR on the phone side → awaitPendingCollect completes', async () => {
    const { orderRef, qr } = await client.authenticate({ endUserIp: '127.0.0.1' });
    expect(qr).toBeDefined();
    const scanned = await scanLatest(qr!, orderRef, { personalNumber: '198504129803' });
    expect(scanned.status).toBe(200);
    const done = (await client.awaitPendingCollect(orderRef)) as CollectResponseV6;
    expect(done.status).toBe('complete');
    expect(done.completionData?.user).toEqual({
      personalNumber: '198504129803',
      name: 'Erik Eriksson',
      givenName: 'Erik',
      surname: 'Eriksson',
    });
    expect(done.completionData?.bankIdIssueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('sign with simpleMarkdownV1 (the package base64-encodes the text)', async () => {
    const { orderRef, qr } = await client.sign({
      endUserIp: '127.0.0.1',
      userVisibleData: '# Ansökan\n+ *Namn:* Anna',
      userVisibleDataFormat: 'simpleMarkdownV1',
      userNonVisibleData: 'hash of the document',
    });
    expect((await scanLatest(qr!, orderRef)).status).toBe(200);
    const done = (await client.awaitPendingCollect(orderRef)) as CollectResponseV6;
    const xml = Buffer.from(done.completionData!.signature, 'base64').toString('utf8');
    expect(xml).toContain(Buffer.from('# Ansökan\n+ *Namn:* Anna').toString('base64'));
  });

  it('a user cancel comes back as a failed collect', async () => {
    const { orderRef, qr } = await client.authenticate({ endUserIp: '127.0.0.1' });
    await scanLatest(qr!, orderRef, { scenario: 'userCancel' });
    await expect(client.awaitPendingCollect(orderRef)).rejects.toMatchObject({
      status: 'failed',
      hintCode: 'userCancel',
    });
  });

  it('cancel answers {} and the package reads error bodies as BankIdError', async () => {
    const { orderRef } = await client.authenticate({ endUserIp: '127.0.0.1' });
    expect(await client.cancel({ orderRef })).toEqual({});
    const err = await client.collect({ orderRef }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BankIdError);
    expect(err).toMatchObject({ code: 'invalidParameters' });
  });
});
