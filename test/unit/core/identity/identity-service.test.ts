/**
 * The identity service end to end against the real BankID and register simulators: login, the
 * register lookup and its protection rules, signing by the signed-in person, cancel, logout and
 * the visit reset — and what the renderer is (and is not) told.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { identityEvents, identityMethods } from '../../../../src/contract/namespaces/identity';
import { identityConfigSchema, type IdentityConfig } from '../../../../src/core/identity/config';
import { createIdentityService, type IdentityService } from '../../../../src/core/identity/identity-service';
import type { Logger } from '../../../../src/core/log/logger';
import { Redactor } from '../../../../src/core/log/redaction';
import { Visit } from '../../../../src/core/session/visit';
import { startBankIdSimulator, type BankIdSimulator } from '../../../../src/simulators/bankid/simulator';
import { startRegisterSimulator, type RegisterSimulator } from '../../../../src/simulators/register/simulator';
import { postJson } from '../../simulators/support/https-json';
import { captureLogger } from './support/log-capture';

const ANNA = '199001012385';
const ERIK = '198504129803';
const SARA = '197708159897';
const KARL = '198802299845';
const NILS = '199203179867';

type Event = { event: string; payload: Record<string, unknown> };

let bankid: BankIdSimulator;
let register: RegisterSimulator;
const open: IdentityService[] = [];

beforeAll(async () => {
  bankid = await startBankIdSimulator({ timings: { stepMs: 20 } });
  register = await startRegisterSimulator();
});
afterAll(async () => {
  await bankid.close();
  await register.close();
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  bankid.setScenario(null);
});

function config(overrides: Partial<IdentityConfig['bankid']> = {}): IdentityConfig {
  const parsed = identityConfigSchema.parse({});
  // faster than production: tests collect every 40 ms
  return { ...parsed, bankid: { ...parsed.bankid, collectIntervalMs: 40, ...overrides } };
}

function setup(options: { config?: IdentityConfig; logger?: Logger; connections?: boolean } = {}) {
  const log = options.logger ? null : captureLogger();
  const logger = options.logger ?? log!.logger;
  const redactor = new Redactor();
  const visit = new Visit(logger, redactor);
  const events: Event[] = [];
  const service = createIdentityService({
    config: options.config ?? config(),
    logger,
    visit,
    redactor,
    emit: (event, payload) => {
      // every event the service sends must pass the contract's schema
      identityEvents[event].parse(payload);
      events.push({ event, payload: payload as Record<string, unknown> });
    },
    connections:
      options.connections === false
        ? undefined
        : {
            bankid: { url: bankid.url, pfx: bankid.clientPfx, passphrase: bankid.passphrase, ca: bankid.caCertPem },
            register: {
              url: register.url,
              ca: register.caCertPem!,
              pfx: register.clientPfx!,
              passphrase: register.passphrase!,
            },
          },
  });
  open.push(service);
  const firstQr = async (orderId: string): Promise<string> => {
    for (let i = 0; i < 500; i += 1) {
      const e = events.find((x) => x.event === 'identity.qr' && x.payload.orderId === orderId && x.payload.qr);
      if (e) return e.payload.qr as string;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no QR event');
  };
  const waitFor = async (predicate: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 5));
    if (!predicate()) throw new Error('condition not reached');
  };
  return { service, visit, events, firstQr, waitFor, log };
}

async function login(s: ReturnType<typeof setup>, personalNumber: string) {
  const started = s.service.startLogin();
  expect(bankid.scan(await s.firstQr(started.orderId), { personalNumber })).toMatchObject({ ok: true });
  return { orderId: started.orderId, result: await started.outcome };
}

describe('login', () => {
  it('signs in an ordinary adult; the renderer learns the given name and nothing else', async () => {
    const s = setup();
    const { orderId } = await s.service.handlers['identity.startLogin']({});
    expect(bankid.scan(await s.firstQr(orderId))).toMatchObject({ ok: true, personalNumber: ANNA });
    await s.waitFor(() => s.events.some((e) => e.event === 'identity.completed'));

    expect(s.events.find((e) => e.event === 'identity.completed')?.payload).toEqual({
      orderId,
      kind: 'auth',
      givenName: 'Anna',
      protected: false,
    });
    const statuses = s.events.filter((e) => e.event === 'identity.status').map((e) => e.payload.rfa);
    expect(statuses[0]).toBe('rfa1');
    expect(statuses.at(-1)).toBe('complete');
    expect(s.events.filter((e) => e.event === 'identity.qr').at(-1)?.payload.qr).toBeNull();
    const wire = JSON.stringify(s.events);
    expect(wire).not.toContain(ANNA);
    expect(wire).not.toContain('Andersson');
    expect(wire).not.toContain('Provgatan');

    const current = await s.service.handlers['identity.current']({});
    expect(identityMethods['identity.current'].output.parse(current)).toEqual({
      signedIn: true,
      givenName: 'Anna',
      paperRoute: null,
    });
    expect(s.visit.state.person).toEqual({
      personalNumber: ANNA,
      name: 'Anna Andersson',
      givenName: 'Anna',
      surname: 'Andersson',
    });
    expect(s.service.getRegisterPerson()?.address?.street).toBe('Provgatan 1');
  });

  it('keeps personal data out of the log', async () => {
    const s = setup();
    await login(s, ANNA);
    const text = s.log!.text();
    expect(text).toContain('visitor signed in');
    for (const secret of [ANNA, 'Anna', 'Andersson', 'Provgatan', '123 45']) expect(text).not.toContain(secret);
  });

  it.each([
    ['skyddad folkbokföring', SARA, 'Sara'],
    ['sekretessmarkering', KARL, 'Karl'],
  ])('a person with %s goes the paper route and nothing of them is kept', async (_what, pnr, givenName) => {
    const s = setup();
    const { orderId, result } = await login(s, pnr);
    expect(result).toEqual({ status: 'protected', protected: true });
    expect(s.visit.state.paperRoute).toEqual({ reason: 'register_protected' });
    expect(s.visit.state.person).toBeNull();
    expect(s.service.getRegisterPerson()).toBeNull();
    expect(s.service.getDisplayPerson()).toBeNull();
    expect(s.events.find((e) => e.event === 'identity.completed')?.payload).toEqual({
      orderId,
      kind: 'auth',
      givenName,
      protected: true,
    });
    expect(await s.service.handlers['identity.current']({})).toEqual({
      signedIn: false,
      paperRoute: 'register_protected',
    });
    // BankID is not offered again on the paper route
    await expect(s.service.handlers['identity.startLogin']({})).rejects.toMatchObject({
      code: 'forbidden',
      extra: { reason: 'paper_route' },
    });
  });

  it('a login by a person with protected identity leaves no line that dates it: no orderRef, no protection, no completion', async () => {
    const s = setup();
    await login(s, SARA);
    const lines = s.log!.lines();
    expect(lines.map((l) => l.msg)).not.toContain('BankID order complete');
    const text = s.log!.text();
    for (const trace of ['orderRef', 'protected', 'paper route', 'paper-route', SARA, 'Sara'])
      expect(text, trace).not.toContain(trace);
  });

  it('a person the register does not know is signed in without a register record', async () => {
    const s = setup();
    expect((await login(s, NILS)).result).toEqual({ status: 'signedIn', protected: false });
    expect(s.visit.state.person?.givenName).toBe('Nils');
    expect(s.service.getRegisterPerson()).toBeNull();
  });

  it('children with protected data are never handed out for display', async () => {
    const s = setup();
    await login(s, ERIK);
    const shown = s.service.getDisplayPerson()!;
    expect(shown.children.map((c) => c.givenName)).toEqual(['Lisa']);
    expect(shown.hiddenChildren).toBe(1);
  });

  it('when the register cannot be asked, the visitor is not signed in and is told so', async () => {
    const s = setup();
    register.setUnavailable(1);
    const { orderId, result } = await login(s, ANNA);
    expect(result).toEqual({
      status: 'failed',
      rfa: 'registerUnavailable',
      retryable: true,
      code: 'registerUnavailable',
    });
    expect(s.visit.state.person).toBeNull();
    expect(s.events.filter((e) => e.event === 'identity.status').at(-1)?.payload).toEqual({
      orderId,
      state: 'failed',
      rfa: 'registerUnavailable',
      retryable: true,
    });
    expect(s.events.some((e) => e.event === 'identity.completed')).toBe(false);
  });

  it('refuses a second login while someone is signed in', async () => {
    const s = setup();
    await login(s, ANNA);
    expect(() => s.service.startLogin()).toThrow(KioskFailure);
  });

  it('after automatic restarts on startFailed the visitor is offered "Försök igen"', async () => {
    const s = setup({ config: config({ autoRestarts: 1 }) });
    bankid.setScenario('startFailed');
    const started = s.service.startLogin();
    expect(await started.outcome).toEqual({ status: 'failed', rfa: 'rfa17b', retryable: true, code: 'startFailed' });
    expect(s.events.filter((e) => e.event === 'identity.status').at(-1)?.payload).toEqual({
      orderId: started.orderId,
      state: 'failed',
      rfa: 'rfa17b',
      retryable: true,
    });
  });

  it('starting a new login cancels the one still running at BankID', async () => {
    const s = setup();
    const first = s.service.startLogin();
    const qr1 = await s.firstQr(first.orderId);
    const second = s.service.startLogin();
    expect(await first.outcome).toEqual({ status: 'cancelled' });
    expect(bankid.scan(qr1)).toMatchObject({ ok: false, error: 'orderNotActive' });
    expect(bankid.scan(await s.firstQr(second.orderId))).toMatchObject({ ok: true });
    expect((await second.outcome).status).toBe('signedIn');
    // the replaced order sent nothing after it was replaced
    expect(
      s.events.some(
        (e) => e.payload.orderId === first.orderId && e.event === 'identity.status' && e.payload.state === 'failed',
      ),
    ).toBe(false);
  });
});

describe('cancel, logout and the visit reset', () => {
  it('"Avbryt" cancels the order at BankID and says so', async () => {
    const s = setup();
    const { orderId } = await s.service.handlers['identity.startLogin']({});
    const qr = await s.firstQr(orderId);
    expect(await s.service.handlers['identity.cancel']({})).toEqual({});
    expect(s.events.filter((e) => e.event === 'identity.status').at(-1)?.payload).toEqual({
      orderId,
      state: 'failed',
      rfa: 'rfa6',
      retryable: true,
    });
    expect(bankid.orders().find((o) => o.cancelledByRp && o.status === 'failed')).toBeDefined();
    expect(bankid.scan(qr)).toMatchObject({ ok: false, error: 'orderNotActive' });
  });

  it('cancel with nothing running is fine', async () => {
    const s = setup();
    expect(await s.service.handlers['identity.cancel']({})).toEqual({});
  });

  it('the inactivity reset during a pending order cancels it at BankID and forgets everything', async () => {
    const s = setup();
    await login(s, ERIK);
    const started = s.service.startSign(
      { service: 'Ansökan', items: [{ label: 'Barn', value: 'Lisa' }] },
      Buffer.from('case'),
    );
    const qr = await s.firstQr(started.orderId);
    const before = bankid.orders().filter((o) => o.cancelledByRp).length;
    const eventsBefore = s.events.length;
    await s.visit.reset('inactivity');
    expect(await started.outcome).toEqual({ status: 'cancelled' });
    expect(bankid.orders().filter((o) => o.cancelledByRp).length).toBe(before + 1);
    expect(bankid.scan(qr, { personalNumber: ERIK })).toMatchObject({ ok: false, error: 'orderNotActive' });
    expect(s.events.length).toBe(eventsBefore);
    expect(s.service.getRegisterPerson()).toBeNull();
    expect(await s.service.handlers['identity.current']({})).toEqual({ signedIn: false, paperRoute: null });
  });

  it('"Avbryt" while the register is being asked discards the login', async () => {
    const slowRegister = await startRegisterSimulator({ tls: false, delayMs: 300 });
    try {
      const log = captureLogger();
      const visit = new Visit(log.logger, new Redactor());
      const events: Event[] = [];
      const service = createIdentityService({
        config: config(),
        logger: log.logger,
        visit,
        emit: (event, payload) => void events.push({ event, payload: payload as Record<string, unknown> }),
        connections: {
          bankid: { url: bankid.url, pfx: bankid.clientPfx, passphrase: bankid.passphrase, ca: bankid.caCertPem },
          register: { url: slowRegister.url },
        },
      });
      open.push(service);
      const started = service.startLogin();
      let qr: string | undefined;
      for (let i = 0; i < 500 && !qr; i += 1) {
        qr = events.find((e) => e.event === 'identity.qr' && e.payload.qr)?.payload.qr as string | undefined;
        await new Promise((r) => setTimeout(r, 5));
      }
      bankid.scan(qr!);
      for (let i = 0; i < 1000 && slowRegister.lookups() === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
      await service.handlers['identity.cancel']({});
      expect(await started.outcome).toEqual({ status: 'cancelled' });
      expect(visit.state.person).toBeNull();
      expect(events.some((e) => e.event === 'identity.completed')).toBe(false);
    } finally {
      await slowRegister.close();
    }
  });

  it('logout forgets the person and the register record', async () => {
    const s = setup();
    await login(s, ANNA);
    expect(await s.service.handlers['identity.logout']({})).toEqual({});
    expect(await s.service.handlers['identity.current']({})).toEqual({ signedIn: false, paperRoute: null });
    expect(s.service.getRegisterPerson()).toBeNull();
  });
});

describe('signing', () => {
  const summary = {
    service: 'Ansökan om parkeringstillstånd',
    items: [{ label: 'Registreringsnummer', value: 'ABC 123' }],
  };

  it('the signed-in person signs the case; completionData and the document hash come back for the case', async () => {
    const s = setup();
    await login(s, ANNA);
    const doc = Buffer.from('%PDF-1.7 the case document');
    const started = s.service.startSign(summary, doc);
    const qr = await s.firstQr(started.orderId);
    // nobody else can sign this person's case
    const other = await postJson(bankid.scanUrl, { qr, personalNumber: ERIK }, { ca: bankid.caCertPem });
    expect(other.status).toBe(403);
    expect(other.json).toMatchObject({ error: 'personalNumberMismatch' });
    expect(bankid.scan(qr)).toMatchObject({ ok: true, personalNumber: ANNA });
    const result = await started.outcome;
    if (result.status !== 'complete') throw new Error(`sign ended ${result.status}`);
    const hash = createHash('sha256').update(doc).digest('base64');
    expect(result.signature.documentHash).toBe(hash);
    if (result.signature.method !== 'bankid') throw new Error('a BankID signature was expected');
    expect(result.signature.completionData.user.personalNumber).toBe(ANNA);
    expect(result.signature.signedText).toMatch(
      /^# Ansökan om parkeringstillstånd\n\+ \*Registreringsnummer:\* ABC 123\n\nDatum: \d{4}-\d{2}-\d{2}$/,
    );
    const xml = Buffer.from(result.signature.completionData.signature, 'base64').toString('utf8');
    expect(xml).toContain(`<usrNonVisibleData>${hash}</usrNonVisibleData>`);
    expect(xml).toContain(Buffer.from(result.signature.signedText, 'utf8').toString('base64'));
    expect(s.events.find((e) => e.event === 'identity.completed' && e.payload.kind === 'sign')?.payload).toEqual({
      orderId: started.orderId,
      kind: 'sign',
      givenName: 'Anna',
      protected: false,
    });
  });

  it('core may start a sign with the document hash it computed', async () => {
    const s = setup();
    await login(s, ANNA);
    const documentHash = createHash('sha256').update('x').digest('base64');
    const { orderId } = s.service.startSignWithHash(summary, documentHash);
    expect(bankid.scan(await s.firstQr(orderId))).toMatchObject({ ok: true });
    await s.waitFor(() => s.events.some((e) => e.event === 'identity.completed' && e.payload.orderId === orderId));
  });

  it('signing needs a signed-in person', async () => {
    const s = setup();
    expect(() => s.service.startSign(summary, null)).toThrow(
      expect.objectContaining({ code: 'forbidden', extra: { reason: 'not_signed_in' } }),
    );
    expect(() => s.service.startSignWithHash(summary, createHash('sha256').digest('base64'))).toThrow(
      expect.objectContaining({ code: 'forbidden', extra: { reason: 'not_signed_in' } }),
    );
  });

  it('a visitor who cancels in the app sees RFA6', async () => {
    const s = setup();
    await login(s, ANNA);
    const started = s.service.startSign(summary, null);
    bankid.scan(await s.firstQr(started.orderId), { scenario: 'userCancel' });
    expect(await started.outcome).toEqual({ status: 'failed', rfa: 'rfa6', retryable: true, code: 'userCancel' });
  });
});

describe('configuration problems', () => {
  it('simulator mode without a simulator connection reports the problem and refuses to start', async () => {
    const s = setup({ connections: false });
    expect(s.service.problems()).toEqual([
      'BankID: simulator mode, but no simulator connection was handed to the identity service',
      'Register: simulator mode, but no simulator connection was handed to the identity service',
    ]);
    await expect(s.service.handlers['identity.startLogin']({})).rejects.toMatchObject({
      code: 'unavailable',
      extra: { reason: 'bankid_unavailable' },
    });
  });

  it('external mode with unreadable certificate files names the file', () => {
    const parsed = identityConfigSchema.parse({
      bankid: {
        mode: 'external',
        url: 'https://appapi2.test.bankid.com/rp/v6.0/',
        pfxFile: 'missing.p12',
        passphraseFile: 'pass.txt',
        caFile: 'ca.pem',
      },
      register: { mode: 'external', url: 'https://register.example.se/' },
    });
    const s = setup({ config: parsed, connections: false });
    expect(s.service.problems()[0]).toMatch(
      /^BankID: BankID client certificate \(pfxFile\) could not be read from missing\.p12 \(ENOENT\)/,
    );
  });
});
