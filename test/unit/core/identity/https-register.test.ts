import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDisplay, isProtected, visibleChildren } from '../../../../src/core/identity/register/person-display';
import { HttpsRegister, loadRegisterCredentials } from '../../../../src/core/identity/register/https-register';
import { RegisterError } from '../../../../src/core/identity/register/person-register';
import { startRegisterSimulator, type RegisterSimulator } from '../../../../src/simulators/register/simulator';
import { createTestPki } from '../../../../src/simulators/test-pki';

const ANNA = '199001012385';
const ERIK = '198504129803';
const SARA = '197708159897';
const KARL = '198802299845';
const NILS = '199203179867';

let sim: RegisterSimulator;
let register: HttpsRegister;

async function caught(p: Promise<unknown>): Promise<RegisterError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RegisterError);
    return err as RegisterError;
  }
  throw new Error('expected a RegisterError');
}

beforeAll(async () => {
  sim = await startRegisterSimulator();
  register = new HttpsRegister({ url: sim.url, ca: sim.caCertPem!, pfx: sim.clientPfx!, passphrase: sim.passphrase! });
});
afterAll(async () => {
  register.close();
  await sim.close();
});

describe('HTTPS register adapter against the register simulator (mutual TLS)', () => {
  it('finds an ordinary adult with name and address', async () => {
    expect(await register.lookup(ANNA)).toEqual({
      personalNumber: ANNA,
      givenName: 'Anna',
      surname: 'Andersson',
      name: 'Anna Andersson',
      address: { street: 'Provgatan 1', postalCode: '123 45', city: 'Exempelstad' },
      protection: 'none',
      children: [],
    });
  });

  it('a person the register does not know is null', async () => {
    expect(await register.lookup(NILS)).toBeNull();
  });

  it('reports children with their own markings; protected children are filtered for display', async () => {
    const erik = (await register.lookup(ERIK))!;
    expect(erik.children.map((c) => [c.givenName, c.protected])).toEqual([
      ['Lisa', false],
      ['Olle', true],
    ]);
    const visible = visibleChildren(erik);
    expect(visible.children.map((c) => c.givenName)).toEqual(['Lisa']);
    expect(visible.hiddenChildren).toBe(1);
    const shown = forDisplay(erik);
    expect(shown.children).toEqual([
      { personalNumber: '201506079811', givenName: 'Lisa', name: 'Lisa Eriksson', birthDate: '2015-06-07' },
    ]);
    expect(shown.hiddenChildren).toBe(1);
    expect(JSON.stringify(shown)).not.toContain('Olle');
    expect(shown.address).toEqual(erik.address);
  });

  it('reports skyddad folkbokföring and sekretessmarkering; display never carries their address', async () => {
    const sara = (await register.lookup(SARA))!;
    const karl = (await register.lookup(KARL))!;
    expect([sara.protection, karl.protection]).toEqual(['skyddad_folkbokforing', 'sekretessmarkering']);
    expect(isProtected(sara) && isProtected(karl)).toBe(true);
    expect(karl.address).not.toBeNull();
    expect(forDisplay(karl).address).toBeNull();
    expect(forDisplay(sara).address).toBeNull();
  });

  it('reads its CA, client certificate and passphrase (without the trailing newline) from files; a missing file is named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'register-creds-'));
    try {
      writeFileSync(path.join(dir, 'ca.pem'), sim.caCertPem!);
      writeFileSync(path.join(dir, 'client.p12'), sim.clientPfx!);
      writeFileSync(path.join(dir, 'pass.txt'), `${sim.passphrase!}\r\n`);
      const files = {
        caFile: path.join(dir, 'ca.pem'),
        clientPfxFile: path.join(dir, 'client.p12'),
        passphraseFile: path.join(dir, 'pass.txt'),
      };
      const fromFiles = new HttpsRegister({ url: sim.url, ...loadRegisterCredentials(files) });
      try {
        expect((await fromFiles.lookup(ANNA))?.name).toBe('Anna Andersson');
      } finally {
        fromFiles.close();
      }
      expect(loadRegisterCredentials({ caFile: null, clientPfxFile: null, passphraseFile: null })).toEqual({});
      expect(() => loadRegisterCredentials({ ...files, clientPfxFile: path.join(dir, 'missing.p12') })).toThrow(
        /^register client certificate \(clientPfxFile\) could not be read from .*missing\.p12 \(ENOENT\)$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused without the client certificate', async () => {
    const noCert = new HttpsRegister({ url: sim.url, ca: sim.caCertPem! });
    expect(await caught(noCert.lookup(ANNA))).toMatchObject({ kind: 'rejected', httpStatus: 401 });
    noCert.close();
  });

  it('does not trust a server outside the configured CA', async () => {
    const other = createTestPki({ name: 'Other', clientName: 'x' });
    const wrongCa = new HttpsRegister({
      url: sim.url,
      ca: other.caCertPem,
      pfx: sim.clientPfx!,
      passphrase: sim.passphrase!,
    });
    expect(await caught(wrongCa.lookup(ANNA))).toMatchObject({ kind: 'unavailable' });
    wrongCa.close();
  });

  it('an unavailable register (503) is reported as unavailable', async () => {
    sim.setUnavailable(1);
    expect(await caught(register.lookup(ANNA))).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect((await register.lookup(ANNA))?.givenName).toBe('Anna');
  });

  it('a register that answers too slowly is unavailable', async () => {
    const slow = await startRegisterSimulator({ tls: false, delayMs: 300 });
    const r = new HttpsRegister({ url: slow.url, timeoutMs: 100 });
    expect(await caught(r.lookup(ANNA))).toMatchObject({ kind: 'unavailable', httpStatus: null });
    r.close();
    await slow.close();
  });

  it('refuses a malformed personnummer without asking', async () => {
    const before = sim.lookups();
    expect(await caught(register.lookup('19900101-2385'))).toMatchObject({ kind: 'rejected' });
    expect(sim.lookups()).toBe(before);
  });

  it('error messages carry no personal data', async () => {
    sim.setUnavailable(1);
    const err = await caught(register.lookup(ANNA));
    expect(err.message).not.toContain(ANNA);
  });
});

describe('register adapter: plain HTTP and protocol checks', () => {
  it('speaks plain HTTP to a loopback register', async () => {
    const plain = await startRegisterSimulator({ tls: false });
    const r = new HttpsRegister({ url: plain.url });
    expect((await r.lookup(ERIK))?.children).toHaveLength(2);
    r.close();
    await plain.close();
  });

  it('refuses plain HTTP to anything but loopback, and non-HTTP URLs', () => {
    expect(() => new HttpsRegister({ url: 'http://register.example.se/' })).toThrow(/https/);
    expect(() => new HttpsRegister({ url: 'ftp://127.0.0.1/' })).toThrow(/https/);
    expect(() => new HttpsRegister({ url: 'not a url' })).toThrow(/valid URL/);
  });

  it('an answer that does not follow the protocol (wrong person, bad shape) is invalidResponse', async () => {
    let body: unknown = {};
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const r = new HttpsRegister({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    try {
      body = {
        person: {
          personalNumber: ERIK,
          givenName: 'E',
          surname: 'E',
          name: 'E E',
          address: null,
          protection: 'none',
          children: [],
        },
      };
      expect(await caught(r.lookup(ANNA))).toMatchObject({ kind: 'invalidResponse' });
      body = { person: { personalNumber: ANNA, protection: 'maybe' } };
      expect(await caught(r.lookup(ANNA))).toMatchObject({ kind: 'invalidResponse' });
    } finally {
      r.close();
      await new Promise((res) => server.close(res));
    }
  });
});
