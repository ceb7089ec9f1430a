/** The register simulator's wire protocol, spoken raw (the adapter is tested in core). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegisterSimulator, type RegisterSimulator } from '../../../src/simulators/register/simulator';
import { postJson, request } from './support/https-json';

let sim: RegisterSimulator;
const auth = () => ({ ca: sim.caCertPem!, pfx: sim.clientPfx!, passphrase: sim.passphrase! });

beforeAll(async () => {
  sim = await startRegisterSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('register simulator protocol', () => {
  it('200 {person} for a known person, 404 not_found for an unknown one', async () => {
    const found = await postJson(sim.lookupUrl, { personalNumber: '198504129803' }, auth());
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      person: { givenName: 'Erik', protection: 'none', children: [{ protected: false }, { protected: true }] },
    });
    const missing = await postJson(sim.lookupUrl, { personalNumber: '199203179867' }, auth());
    expect([missing.status, missing.json]).toEqual([404, { error: 'not_found' }]);
  });

  it('refuses bad requests with the documented codes', async () => {
    expect((await postJson(sim.lookupUrl, { personalNumber: '1990' }, auth())).json).toMatchObject({
      error: 'invalid_request',
    });
    expect((await request(sim.lookupUrl, auth())).status).toBe(405);
    expect((await postJson(sim.lookupUrl, {}, { ...auth(), contentType: 'text/plain' })).status).toBe(415);
    expect((await postJson(`${sim.url}v1/other`, {}, auth())).status).toBe(404);
    expect((await postJson(sim.lookupUrl, { personalNumber: '198504129803' }, { ca: sim.caCertPem! })).status).toBe(
      401,
    );
  });

  it('answers 503 unavailable when told to', async () => {
    sim.setUnavailable(1);
    expect((await postJson(sim.lookupUrl, { personalNumber: '198504129803' }, auth())).json).toMatchObject({
      error: 'unavailable',
    });
  });
});
