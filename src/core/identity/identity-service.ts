/**
 * The identity capability of core: BankID login and signing for the visitor at the kiosk, and the
 * register lookup after login. It implements the `identity.*` contract methods (login, cancel,
 * current, logout), sends the `identity.*` events, and gives the submission service
 * `startSignWithHash(summary, documentHash)`: the renderer never says what is signed, core builds the
 * case document and its summary from the answers (`submission.startSign`).
 *
 * - One order at a time; starting a new one cancels the old.
 * - After a completed login the person is looked up in the register. A protection marking switches
 *   the visit to the paper route and nothing of the person is kept; otherwise the visit is signed in
 *   and the register record is kept here (for prefill) until the visit ends.
 * - The visit's reset cancels the running order at BankID and drops everything held.
 * - Only the given name crosses to the renderer; personnummer and address never do.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmitterOf, HandlersOf } from '../../contract/define';
import { KioskFailure, errorMessage } from '../../contract/errors';
import type { identityEvents, identityMethods, RfaKey, SignSummary } from '../../contract/namespaces/identity';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';
import type { Visit } from '../session/visit';
import { createBankIdProvider, type BankIdEvidence } from './bankid/bankid-provider';
import {
  BankIdClient,
  loadBankIdCredentials,
  type BankIdApi,
  type BankIdCredentials,
  type CompletionData,
} from './bankid/client';
import type { Clock } from './order-signals';
import { buildSignText, documentHash as hashDocument, summaryDocument } from './bankid/sign-text';
import type { IdentityConfig } from './config';
import type { EidKind, EidMethod, EidOrder, EidOutcome, EidProvider, EidStatus, EidUser } from './eid-provider';
import { FrejaClient, loadFrejaCredentials, type FrejaApi, type FrejaCredentials } from './freja/client';
import type { FrejaEvidence } from './freja/freja-order';
import { createFrejaProvider } from './freja/freja-provider';
import { signingCertificates } from './freja/jws';
import { HttpsRegister, loadRegisterCredentials } from './register/https-register';
import { forDisplay, isProtected, type DisplayPerson } from './register/person-display';
import { RegisterError, type PersonRegister, type RegisterPerson } from './register/person-register';

export interface IdentityConnections {
  /** The BankID endpoint and certificates in memory (the simulator's, handed over by the composition root). */
  bankid?: BankIdCredentials & { url: string };
  /** The Freja endpoint, certificates and Freja's JWS signing certificates (PEM) in memory (the simulator's). */
  freja?: FrejaCredentials & { url: string; signingCertPems: string[] };
  /** The register endpoint (the simulator's). */
  register?: { url: string; ca?: string | Buffer; pfx?: Buffer; passphrase?: string };
}

export interface IdentityServiceOptions {
  config: IdentityConfig;
  logger: Logger;
  visit: Visit;
  emit: EmitterOf<typeof identityEvents>;
  /** In-memory endpoints/certificates; take precedence over the files named in config. */
  connections?: IdentityConnections;
  /** Relative file paths in config are resolved from here (the config file's folder). */
  baseDir?: string;
  /** Values of the signed-in person that must be scrubbed from logs during the visit (address, children). */
  redactor?: Redactor;
  /** Plain text shown on the phone at login. */
  authText?: string;
  /** Plain text shown on the phone when the visitor tests their e-ID. */
  testText?: string;
  /** Timers for the order runner (tests). */
  clock?: Clock;
  /** The date written in the sign text. */
  now?: () => Date;
  /** Replace the HTTPS BankID client / register (tests of core logic). */
  bankIdApi?: BankIdApi;
  /** Replace the HTTPS Freja client (tests); `frejaSigningCertPems` then names the trusted JWS certificates. */
  frejaApi?: FrejaApi;
  frejaSigningCertPems?: string[];
  register?: PersonRegister;
  /** The e-IDs a flow restricts itself to (flow definition identificationMethods). */
  flowMethods?: (flowId: string) => readonly EidMethod[] | undefined;
}

export type LoginResult =
  | { status: 'signedIn'; protected: false }
  | { status: 'protected'; protected: true }
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

interface SignCompletionCommon {
  orderId: string;
  /** Who signed, as the e-ID vouches for it. */
  signer: EidUser;
  /** The simpleMarkdownV1 text the visitor saw on the phone. */
  signedText: string;
  /** base64 SHA-256 of the case document (userNonVisibleData). */
  documentHash: string;
  /** When core received the completion (ISO 8601). */
  completedAt: string;
}

export type SignCompletion = SignCompletionCommon &
  (
    | {
        method: 'bankid';
        /** BankID's completionData: user, device, bankIdIssueDate, signature, ocspResponse (keep with the case). */
        completionData: CompletionData;
      }
    | {
        method: 'freja';
        /** Freja's verified result JWS and what it said (keep with the case). */
        freja: FrejaEvidence;
      }
  );

type Evidence = BankIdEvidence | FrejaEvidence;

export type SignResult =
  | { status: 'complete'; signature: SignCompletion }
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

/** "Testa din e-legitimation": whether the e-ID works, and what it says about itself. Nothing of the person. */
export type TestResult =
  | { status: 'works'; method: EidMethod; issuedOn?: string; registrationLevel?: FrejaEvidence['registrationLevel'] }
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

export interface StartedOrder<R> {
  orderId: string;
  /** Settles when the order ends; never rejects. */
  outcome: Promise<R>;
}

export interface IdentityService {
  readonly handlers: HandlersOf<typeof identityMethods>;
  /** A login with this e-ID (default: the first the kiosk offers). */
  startLogin(method?: EidMethod): StartedOrder<LoginResult>;
  /**
   * "Testa din e-legitimation": a login that only says whether the e-ID works. No register lookup, no
   * one signed in, nothing kept, no personal data logged.
   */
  startTest(method?: EidMethod): StartedOrder<TestResult>;
  /** The e-IDs offered, in config order, restricted to `allowed` when a flow restricts them. */
  methods(allowed?: readonly EidMethod[]): EidMethod[];
  /** The e-ID the signed-in person used (null when no one is signed in). */
  signedInWith(): EidMethod | null;
  /**
   * Sign by the signed-in person. `documentBytes` are the case document (its SHA-256 goes in
   * userNonVisibleData); null signs the summary itself. Throws KioskFailure when no one is signed in.
   */
  startSign(summary: SignSummary, documentBytes: Uint8Array | null): StartedOrder<SignResult>;
  /** As startSign, with the document hash (base64 SHA-256) already computed. */
  startSignWithHash(summary: SignSummary, documentHash: string): StartedOrder<SignResult>;
  /** Cancels the running order (if any). Never throws. */
  cancel(): Promise<void>;
  /** The register record of the signed-in person (null when not signed in, not found or protected). */
  getRegisterPerson(): RegisterPerson | null;
  /** The same, reduced to what may be shown (no protected children, no protected address). */
  getDisplayPerson(): DisplayPerson | null;
  /** Configuration problems that make identification impossible (for the out-of-order screen). */
  problems(): string[];
  close(): Promise<void>;
}

const LOGO_MAX_BYTES = 200_000;
const DEFAULT_AUTH_TEXT = 'Inloggning i kommunens självbetjäningskiosk';
const DEFAULT_TEST_TEXT = 'Test av din e-legitimation i kommunens självbetjäningskiosk. Inget sparas.';

export function createIdentityService(options: IdentityServiceOptions): IdentityService {
  const { config, logger, visit, emit } = options;
  const log = logger.child({ area: 'identity' });
  const problems: string[] = [];
  const now = options.now ?? (() => new Date());

  const providers = new Map<EidMethod, EidProvider<Evidence>>();
  for (const method of config.methods) {
    const provider = method === 'bankid' ? openBankId() : openFreja();
    if (provider) providers.set(method, provider);
  }
  const register = options.register ? { api: options.register, close: () => undefined } : openRegister();
  const logos = loadLogos();

  /**
   * The running order. `live` false: it was replaced or the visit ended, so it sends no events.
   * `cancelled`: a completion arriving now (e.g. during the register lookup) is discarded.
   */
  let current: {
    orderId: string;
    kind: EidKind;
    order: EidOrder<Evidence>;
    live: boolean;
    cancelled: boolean;
  } | null = null;
  let registerPerson: RegisterPerson | null = null;
  let loginMethod: EidMethod | null = null;

  function resolveFile(file: string): string {
    return options.baseDir ? path.resolve(options.baseDir, file) : file;
  }

  function openBankId(): EidProvider<Evidence> | null {
    const b = config.bankid;
    const provider = (api: BankIdApi, close: () => void): EidProvider<Evidence> =>
      createBankIdProvider({ api, logger: log, config: b, clock: options.clock, close });
    if (options.bankIdApi) return provider(options.bankIdApi, () => undefined);
    try {
      if (options.connections?.bankid) {
        const c = new BankIdClient({ ...options.connections.bankid, timeoutMs: b.requestTimeoutMs, logger: log });
        return provider(c, () => c.close());
      }
      if (b.url && b.pfxFile && b.passphraseFile && b.caFile) {
        const creds = loadBankIdCredentials({
          pfxFile: resolveFile(b.pfxFile),
          passphraseFile: resolveFile(b.passphraseFile),
          caFile: resolveFile(b.caFile),
        });
        const c = new BankIdClient({ ...creds, url: b.url, timeoutMs: b.requestTimeoutMs, logger: log });
        return provider(c, () => c.close());
      }
      problems.push(
        b.mode === 'simulator'
          ? 'BankID: simulator mode, but no simulator connection was handed to the identity service'
          : 'BankID: url, pfxFile, passphraseFile and caFile are required',
      );
    } catch (err) {
      problems.push(`BankID: ${errorMessage(err)}`);
    }
    log.error({ problem: problems.at(-1) }, 'BankID cannot be used');
    return null;
  }

  function openFreja(): EidProvider<Evidence> | null {
    const f = config.freja;
    const provider = (api: FrejaApi, pems: string[], close: () => void): EidProvider<Evidence> =>
      createFrejaProvider({
        api,
        logger: log,
        certificates: signingCertificates(pems),
        loginLevel: f.loginLevel,
        signLevel: f.signLevel,
        qrCode: f.qrCode,
        pollIntervalMs: f.pollIntervalMs,
        signExpiryMs: f.signExpiryMinutes * 60_000,
        ...(options.clock ? { clock: options.clock } : {}),
        close,
      });
    try {
      if (options.frejaApi) return provider(options.frejaApi, options.frejaSigningCertPems ?? [], () => undefined);
      const conn = options.connections?.freja;
      if (conn) {
        const c = new FrejaClient({ ...conn, timeoutMs: f.requestTimeoutMs, logger: log });
        return provider(c, conn.signingCertPems, () => c.close());
      }
      if (f.url && f.pfxFile && f.passphraseFile && f.caFile && f.signingCertFiles.length > 0) {
        const creds = loadFrejaCredentials({
          pfxFile: resolveFile(f.pfxFile),
          passphraseFile: resolveFile(f.passphraseFile),
          caFile: resolveFile(f.caFile),
        });
        const pems = f.signingCertFiles.map((file) => {
          try {
            return readFileSync(resolveFile(file), 'utf8');
          } catch (err) {
            const code = (err as { code?: string }).code ?? 'unknown';
            throw new Error(`Freja signing certificate could not be read from ${file} (${code})`, { cause: err });
          }
        });
        const c = new FrejaClient({ ...creds, url: f.url, timeoutMs: f.requestTimeoutMs, logger: log });
        return provider(c, pems, () => c.close());
      }
      problems.push(
        f.mode === 'simulator'
          ? 'Freja: simulator mode, but no simulator connection was handed to the identity service'
          : 'Freja: url, pfxFile, passphraseFile, caFile and signingCertFiles are required',
      );
    } catch (err) {
      problems.push(`Freja: ${err instanceof Error ? err.message : String(err)}`);
    }
    log.error({ problem: problems.at(-1) }, 'Freja eID+ cannot be used');
    return null;
  }

  /** The providers' logos the municipality configured, as data: URLs; an unusable file only costs the logo. */
  function loadLogos(): Map<EidMethod, string> {
    const out = new Map<EidMethod, string>();
    for (const method of config.methods) {
      const file = config.logos[method];
      if (!file) continue;
      try {
        const bytes = readFileSync(resolveFile(file));
        if (bytes.length > LOGO_MAX_BYTES) throw new Error(`larger than ${LOGO_MAX_BYTES / 1000} kB`);
        const type = /\.svg$/i.test(file) ? 'image/svg+xml' : 'image/png';
        out.set(method, `data:${type};base64,${bytes.toString('base64')}`);
      } catch (err) {
        log.warn({ method, file, err: err instanceof Error ? err.message : String(err) }, 'e-ID logo not used');
      }
    }
    return out;
  }

  function openRegister(): { api: PersonRegister; close: () => void } | null {
    const r = config.register;
    try {
      const conn = options.connections?.register;
      if (conn) {
        const reg = new HttpsRegister({ ...conn, timeoutMs: r.timeoutMs, logger: log });
        return { api: reg, close: () => reg.close() };
      }
      if (r.url) {
        const creds = loadRegisterCredentials({
          caFile: r.caFile && resolveFile(r.caFile),
          clientPfxFile: r.clientPfxFile && resolveFile(r.clientPfxFile),
          passphraseFile: r.passphraseFile && resolveFile(r.passphraseFile),
        });
        const reg = new HttpsRegister({ ...creds, url: r.url, timeoutMs: r.timeoutMs, logger: log });
        return { api: reg, close: () => reg.close() };
      }
      problems.push(
        r.mode === 'simulator'
          ? 'Register: simulator mode, but no simulator connection was handed to the identity service'
          : 'Register: url is required',
      );
    } catch (err) {
      problems.push(`Register: ${errorMessage(err)}`);
    }
    log.error({ problem: problems.at(-1) }, 'the person register cannot be used');
    return null;
  }

  function requireProvider(method: EidMethod): EidProvider<Evidence> {
    if (visit.state.paperRoute)
      throw new KioskFailure('forbidden', 'e-ID is not used on the paper route', { reason: 'paper_route' });
    if (!config.methods.includes(method))
      throw new KioskFailure('invalid_input', `the e-ID ${method} is not offered on this kiosk`, {
        reason: 'method_not_offered',
      });
    const provider = providers.get(method);
    if (!provider)
      throw new KioskFailure('unavailable', `${method} is not configured`, { reason: 'bankid_unavailable' });
    return provider;
  }

  function requireUsable(method: EidMethod): { provider: EidProvider<Evidence>; registerApi: PersonRegister } {
    const provider = requireProvider(method);
    if (!register)
      throw new KioskFailure('unavailable', 'the register is not configured', { reason: 'bankid_unavailable' });
    return { provider, registerApi: register.api };
  }

  async function cancelCurrent(silent: boolean): Promise<void> {
    const c = current;
    current = null;
    if (!c) return;
    c.cancelled = true;
    if (silent) c.live = false;
    await c.order.cancel({ silent });
  }

  /** Starts one order; `onComplete` turns the e-ID's completion into the caller's result. */
  function startOrder<R>(
    method: EidMethod,
    kind: EidKind,
    begin: (hooks: { onQr: (qr: string | null) => void; onStatus: (s: EidStatus) => void }) => EidOrder<Evidence>,
    onComplete: (orderId: string, user: EidUser, evidence: Evidence, wanted: () => boolean) => Promise<R>,
  ): StartedOrder<R | Exclude<EidOutcome<Evidence>, { status: 'complete' }>> {
    const previous = current;
    if (previous) {
      previous.live = false;
      previous.cancelled = true;
    }
    const orderId = randomUUID();
    const generation = visit.id;
    const entry = { orderId, kind, order: null as unknown as EidOrder<Evidence>, live: true, cancelled: false };
    const alive = (): boolean => visit.id === generation && entry.live;
    /** The completion still counts: same visit, not replaced, not cancelled. */
    const wanted = (): boolean => alive() && !entry.cancelled;
    const order = begin({
      onQr: (qr) => {
        if (alive()) emit('identity.qr', { orderId, qr, method });
      },
      onStatus: (s: EidStatus) => {
        // completion is announced by onComplete, after the register lookup / signer check
        if (s.state === 'complete') return;
        if (alive()) emit('identity.status', { orderId, ...s });
      },
    });
    entry.order = order;
    current = entry;
    const outcome = (async () => {
      if (previous) await previous.order.cancel({ silent: true });
      const result = await order.run();
      if (result.status !== 'complete') {
        if (current?.orderId === orderId) current = null;
        return result;
      }
      if (!wanted()) {
        log.info({ kind, method }, 'e-ID order completed after the visit ended; discarded');
        return { status: 'cancelled' as const };
      }
      try {
        return await onComplete(orderId, result.user, result.evidence, wanted);
      } finally {
        if (current?.orderId === orderId) current = null;
      }
    })();
    return { orderId, outcome };
  }

  function failAfterComplete(
    orderId: string,
    rfa: RfaKey,
    retryable: boolean,
    code: string,
    wanted: () => boolean,
  ): { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string } {
    if (wanted()) emit('identity.status', { orderId, state: 'failed', rfa, retryable });
    return { status: 'failed', rfa, retryable, code };
  }

  function startLogin(method: EidMethod = config.methods[0] ?? 'bankid'): StartedOrder<LoginResult> {
    const { provider, registerApi } = requireUsable(method);
    if (visit.state.person)
      throw new KioskFailure('conflict', 'a person is already signed in', { reason: 'already_signed_in' });
    const authText = options.authText ?? DEFAULT_AUTH_TEXT;
    return startOrder<LoginResult>(
      method,
      'auth',
      (hooks) => provider.startAuth(hooks, authText),
      async (orderId, user, _evidence, wanted) => {
        let person: RegisterPerson | null;
        try {
          person = await registerApi.lookup(user.personalNumber);
        } catch (err) {
          const e = err instanceof RegisterError ? { kind: err.kind, httpStatus: err.httpStatus } : { err };
          log.warn(e, 'register lookup after login failed; the visitor is not signed in');
          return failAfterComplete(orderId, 'registerUnavailable', true, 'registerUnavailable', wanted);
        }
        if (!wanted()) {
          log.info({ kind: 'auth' }, 'login finished after it was cancelled or the visit ended; discarded');
          return { status: 'cancelled' };
        }
        if (person && isProtected(person)) {
          // nothing of a protected person is kept: no sign-in, no register record, no address
          visit.state.paperRoute = { reason: 'register_protected' };
          registerPerson = null;
          // no log line: it would date the visit of a person who is hiding (the paper route is counted per day)
          emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
          emit('identity.completed', { orderId, kind: 'auth', givenName: user.givenName, protected: true });
          return { status: 'protected', protected: true };
        }
        visit.signIn({
          personalNumber: user.personalNumber,
          name: user.name,
          givenName: user.givenName,
          surname: user.surname,
        });
        loginMethod = method;
        registerPerson = person;
        if (person && options.redactor) {
          options.redactor.remember(
            person.name,
            person.address?.street,
            person.address?.city,
            ...person.children.flatMap((c) => [c.personalNumber, c.name]),
          );
        }
        log.info(
          { kind: 'auth', method, inRegister: person !== null, children: person?.children.length ?? 0 },
          'visitor signed in',
        );
        emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
        emit('identity.completed', { orderId, kind: 'auth', givenName: user.givenName, protected: false });
        return { status: 'signedIn', protected: false };
      },
    );
  }

  function startTest(method: EidMethod = config.methods[0] ?? 'bankid'): StartedOrder<TestResult> {
    const provider = requireProvider(method);
    return startOrder<TestResult>(
      method,
      'auth',
      (hooks) => provider.startAuth(hooks, options.testText ?? DEFAULT_TEST_TEXT),
      async (orderId, user, evidence) => {
        // nothing of the person is kept or looked up: only what the e-ID says about itself goes on
        const eid =
          evidence.method === 'bankid'
            ? {
                method,
                ...(/^\d{4}-\d{2}-\d{2}$/.test(evidence.completionData.bankIdIssueDate)
                  ? { issuedOn: evidence.completionData.bankIdIssueDate }
                  : {}),
              }
            : { method, registrationLevel: evidence.registrationLevel };
        log.info({ kind: 'test', method }, 'e-ID test: works');
        emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
        emit('identity.completed', { orderId, kind: 'test', givenName: user.givenName, protected: false, eid });
        return { status: 'works', ...eid };
      },
    );
  }

  function startSignWithHash(summary: SignSummary, docHash: string): StartedOrder<SignResult> {
    const signer = visit.state.person;
    if (!signer) throw new KioskFailure('forbidden', 'signing needs a signed-in person', { reason: 'not_signed_in' });
    // the visitor signs with the e-ID they signed in with
    const method = loginMethod ?? config.methods[0] ?? 'bankid';
    const { provider } = requireUsable(method);
    if (!/^[A-Za-z0-9+/]{43}=$/.test(docHash))
      throw new KioskFailure('invalid_input', 'documentHash must be base64 of a SHA-256 digest');
    const signedText = buildSignText(summary, now());
    return startOrder<SignResult>(
      method,
      'sign',
      (hooks) =>
        provider.startSign(hooks, {
          signedText,
          title: summary.service,
          documentHash: docHash,
          personalNumber: signer.personalNumber,
        }),
      async (orderId, user, evidence, wanted) => {
        if (
          user.personalNumber !== signer.personalNumber ||
          visit.state.person?.personalNumber !== signer.personalNumber
        ) {
          log.error({ kind: 'sign', method }, 'signature by another person than the signed-in one; rejected');
          return failAfterComplete(orderId, 'rfa22', true, 'signerMismatch', wanted);
        }
        emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
        emit('identity.completed', { orderId, kind: 'sign', givenName: user.givenName, protected: false });
        log.info({ kind: 'sign', method }, 'case signed');
        const common = {
          orderId,
          signer: user,
          signedText,
          documentHash: docHash,
          completedAt: new Date().toISOString(),
        };
        return {
          status: 'complete',
          signature:
            evidence.method === 'bankid'
              ? { ...common, method: 'bankid', completionData: evidence.completionData }
              : { ...common, method: 'freja', freja: evidence },
        };
      },
    );
  }

  function startSign(summary: SignSummary, documentBytes: Uint8Array | null): StartedOrder<SignResult> {
    return startSignWithHash(summary, hashDocument(documentBytes ?? summaryDocument(summary, now())));
  }

  function methods(allowed?: readonly EidMethod[]): EidMethod[] {
    return config.methods.filter((m) => !allowed || allowed.includes(m));
  }

  visit.onReset('identity', async () => {
    registerPerson = null;
    loginMethod = null;
    await cancelCurrent(true);
  });

  const handlers: HandlersOf<typeof identityMethods> = {
    'identity.startLogin': async ({ method }) => ({ orderId: startLogin(method).orderId }),
    'identity.startTest': async ({ method }) => ({ orderId: startTest(method).orderId }),
    'identity.methods': async ({ flowId }) => ({
      methods: methods(flowId ? options.flowMethods?.(flowId) : undefined).map((id) => ({
        id,
        logo: logos.get(id) ?? null,
      })),
    }),
    'identity.cancel': async () => {
      await cancelCurrent(false);
      return {};
    },
    'identity.current': async () => ({
      signedIn: visit.state.person !== null,
      ...(visit.state.person ? { givenName: visit.state.person.givenName } : {}),
      paperRoute: visit.state.paperRoute?.reason ?? null,
    }),
    'identity.logout': async () => {
      await cancelCurrent(true);
      visit.state.person = null;
      registerPerson = null;
      loginMethod = null;
      log.info('visitor signed out');
      return {};
    },
  };

  return {
    handlers,
    startLogin,
    startTest,
    methods,
    signedInWith: () => (visit.state.person ? loginMethod : null),
    startSign,
    startSignWithHash,
    cancel: () => cancelCurrent(false),
    getRegisterPerson: () => registerPerson,
    getDisplayPerson: () => (registerPerson ? forDisplay(registerPerson) : null),
    problems: () => [...problems],
    async close() {
      await cancelCurrent(true);
      for (const p of providers.values()) p.close();
      register?.close();
    },
  };
}
