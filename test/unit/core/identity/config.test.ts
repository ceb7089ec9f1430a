import { describe, expect, it } from 'vitest';
import { identityConfigSchema } from '../../../../src/core/identity/config';

describe('identity config', () => {
  it('an empty section works: both services default to the simulators', () => {
    const c = identityConfigSchema.parse({});
    expect(c.bankid).toMatchObject({
      mode: 'simulator',
      url: null,
      endUserIp: '127.0.0.1',
      autoRestarts: 3,
      collectIntervalMs: 2000,
    });
    expect(c.register).toMatchObject({ mode: 'simulator', url: null, caFile: null, clientPfxFile: null });
  });

  it('external BankID needs the URL and the three files', () => {
    const r = identityConfigSchema.safeParse({ bankid: { mode: 'external' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'bankid.caFile',
      'bankid.passphraseFile',
      'bankid.pfxFile',
      'bankid.url',
    ]);
  });

  it('accepts the BankID test environment', () => {
    const c = identityConfigSchema.parse({
      bankid: {
        mode: 'external',
        url: 'https://appapi2.test.bankid.com/rp/v6.0/',
        pfxFile: 'rp.p12',
        passphraseFile: 'rp.pass',
        caFile: 'test-ca.pem',
        endUserIp: '10.0.0.17',
        certificatePolicies: ['1.2.3.4.25'],
      },
      register: {
        mode: 'external',
        url: 'https://integration.example.se/kiosk-register/',
        caFile: 'ca.pem',
        clientPfxFile: 'client.p12',
        passphraseFile: 'client.pass',
      },
    });
    expect(c.bankid.endUserIp).toBe('10.0.0.17');
  });

  it('offers BankID alone by default, Freja eID+ when listed, with Freja levels EXTENDED (login) and PLUS (sign)', () => {
    expect(identityConfigSchema.parse({}).methods).toEqual(['bankid']);
    const c = identityConfigSchema.parse({ methods: ['freja', 'bankid'], freja: { loginLevel: 'PLUS' } });
    expect(c.methods).toEqual(['freja', 'bankid']);
    expect(c.freja).toMatchObject({
      mode: 'simulator',
      loginLevel: 'PLUS',
      signLevel: 'PLUS',
      qrCode: 'dynamic',
      pollIntervalMs: 3000,
    });
  });

  it.each([
    [{ bankid: { url: 'http://appapi2.bankid.com/rp/v6.0/' } }, 'bankid.url'],
    [{ bankid: { endUserIp: 'kiosk-7' } }, 'bankid.endUserIp'],
    [{ bankid: { autoRestarts: 50 } }, 'bankid.autoRestarts'],
    [{ bankid: { collectIntervalMs: 100 } }, 'bankid.collectIntervalMs'],
    [{ bankid: { certificatePolicies: ['mobile'] } }, 'bankid.certificatePolicies.0'],
    [{ bankid: { pfx: 'misspelt.p12' } }, 'bankid'],
    [{ register: { mode: 'external' } }, 'register.url'],
    [{ register: { url: 'https://x.example.se/', clientPfxFile: 'c.p12' } }, 'register.passphraseFile'],
    // an e-ID section the kiosk does not know is still refused (Freja is known since issue 17)
    [{ smartid: {} }, ''],
    [{ freja: { loginLevel: 'BASIC' } }, 'freja.loginLevel'],
    [{ freja: { signLevel: 'EXTENDED' } }, 'freja.signLevel'],
    [{ freja: { pollIntervalMs: 500 } }, 'freja.pollIntervalMs'],
    [{ freja: { url: 'http://services.test.frejaeid.com' } }, 'freja.url'],
    [
      {
        freja: {
          mode: 'external',
          url: 'https://services.test.frejaeid.com',
          pfxFile: 'f.p12',
          passphraseFile: 'p.txt',
          caFile: 'ca.pem',
        },
      },
      'freja.signingCertFiles',
    ],
    [{ methods: [] }, 'methods'],
    [{ methods: ['bankid', 'bankid'] }, 'methods'],
    [{ methods: ['smartid'] }, 'methods.0'],
    [{ logos: { freja: 'freja.gif' } }, 'logos.freja'],
  ])('refuses %j (at %s)', (input, path) => {
    const r = identityConfigSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
