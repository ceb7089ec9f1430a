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
import path from 'node:path';
import type { EmitterOf, HandlersOf } from '../../contract/define';
import { KioskFailure, errorMessage } from '../../contract/errors';
import type { identityEvents, identityMethods, RfaKey, SignSummary } from '../../contract/namespaces/identity';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';
import type { Visit } from '../session/visit';
import {
  BankIdClient,
  loadBankIdCredentials,
  type BankIdApi,
  type BankIdCredentials,
  type CompletionData,
  type OrderRequest,
} from './bankid/client';
import { OrderRunner, type Clock, type OrderKind, type OrderOutcome, type OrderStatus } from './bankid/order-runner';
import { buildSignText, documentHash as hashDocument, summaryDocument, toBase64 } from './bankid/sign-text';
import type { IdentityConfig } from './config';
import { HttpsRegister, loadRegisterCredentials } from './register/https-register';
import { forDisplay, isProtected, type DisplayPerson } from './register/person-display';
import { RegisterError, type PersonRegister, type RegisterPerson } from './register/person-register';

export interface IdentityConnections {
  /** The BankID endpoint and certificates in memory (the simulator's, handed over by the composition root). */
  bankid?: BankIdCredentials & { url: string };
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
  /** Timers for the order runner (tests). */
  clock?: Clock;
  /** The date written in the sign text. */
  now?: () => Date;
  /** Replace the HTTPS BankID client / register (tests of core logic). */
  bankIdApi?: BankIdApi;
  register?: PersonRegister;
}

export type LoginResult =
  | { status: 'signedIn'; protected: false }
  | { status: 'protected'; protected: true }
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

export interface SignCompletion {
  orderId: string;
  /** BankID's completionData: user, device, bankIdIssueDate, signature, ocspResponse (keep with the case). */
  completionData: CompletionData;
  /** The simpleMarkdownV1 text the visitor saw on the phone. */
  signedText: string;
  /** base64 SHA-256 of the case document (userNonVisibleData). */
  documentHash: string;
  /** When core received the completion (ISO 8601). */
  completedAt: string;
}

export type SignResult =
  | { status: 'complete'; signature: SignCompletion }
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

export interface StartedOrder<R> {
  orderId: string;
  /** Settles when the order ends; never rejects. */
  outcome: Promise<R>;
}

export interface IdentityService {
  readonly handlers: HandlersOf<typeof identityMethods>;
  startLogin(): StartedOrder<LoginResult>;
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

const DEFAULT_AUTH_TEXT = 'Inloggning i kommunens självbetjäningskiosk';

export function createIdentityService(options: IdentityServiceOptions): IdentityService {
  const { config, logger, visit, emit } = options;
  const log = logger.child({ area: 'identity' });
  const problems: string[] = [];
  const now = options.now ?? (() => new Date());

  const bankid = options.bankIdApi ? { api: options.bankIdApi, close: () => undefined } : openBankId();
  const register = options.register ? { api: options.register, close: () => undefined } : openRegister();

  /**
   * The running order. `live` false: it was replaced or the visit ended, so it sends no events.
   * `cancelled`: a completion arriving now (e.g. during the register lookup) is discarded.
   */
  let current: { orderId: string; kind: OrderKind; runner: OrderRunner; live: boolean; cancelled: boolean } | null =
    null;
  let registerPerson: RegisterPerson | null = null;

  function resolveFile(file: string): string {
    return options.baseDir ? path.resolve(options.baseDir, file) : file;
  }

  function openBankId(): { api: BankIdApi; close: () => void } | null {
    const b = config.bankid;
    try {
      if (options.connections?.bankid) {
        const c = new BankIdClient({ ...options.connections.bankid, timeoutMs: b.requestTimeoutMs, logger: log });
        return { api: c, close: () => c.close() };
      }
      if (b.url && b.pfxFile && b.passphraseFile && b.caFile) {
        const creds = loadBankIdCredentials({
          pfxFile: resolveFile(b.pfxFile),
          passphraseFile: resolveFile(b.passphraseFile),
          caFile: resolveFile(b.caFile),
        });
        const c = new BankIdClient({ ...creds, url: b.url, timeoutMs: b.requestTimeoutMs, logger: log });
        return { api: c, close: () => c.close() };
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

  function requireUsable(): { api: BankIdApi; registerApi: PersonRegister } {
    if (visit.state.paperRoute)
      throw new KioskFailure('forbidden', 'BankID is not used on the paper route', { reason: 'paper_route' });
    if (!bankid || !register)
      throw new KioskFailure('unavailable', 'BankID or the register is not configured', {
        reason: 'bankid_unavailable',
      });
    return { api: bankid.api, registerApi: register.api };
  }

  async function cancelCurrent(silent: boolean): Promise<void> {
    const c = current;
    current = null;
    if (!c) return;
    c.cancelled = true;
    if (silent) c.live = false;
    await c.runner.cancel({ silent });
  }

  /** Starts one order; `onComplete` turns BankID's completion into the caller's result. */
  function startOrder<R>(
    kind: OrderKind,
    api: BankIdApi,
    request: OrderRequest,
    onComplete: (orderId: string, data: CompletionData, wanted: () => boolean) => Promise<R>,
  ): StartedOrder<R | Exclude<OrderOutcome, { status: 'complete' }>> {
    const previous = current;
    if (previous) {
      previous.live = false;
      previous.cancelled = true;
    }
    const orderId = randomUUID();
    const generation = visit.id;
    const entry = { orderId, kind, runner: null as unknown as OrderRunner, live: true, cancelled: false };
    const alive = (): boolean => visit.id === generation && entry.live;
    /** The completion still counts: same visit, not replaced, not cancelled. */
    const wanted = (): boolean => alive() && !entry.cancelled;
    const runner = new OrderRunner({
      api,
      logger: log,
      kind,
      request,
      clock: options.clock,
      autoRestarts: config.bankid.autoRestarts,
      collectIntervalMs: config.bankid.collectIntervalMs,
      onQr: (qr) => {
        if (alive()) emit('identity.qr', { orderId, qr });
      },
      onStatus: (s: OrderStatus) => {
        // completion is announced by onComplete, after the register lookup / signer check
        if (s.state === 'complete') return;
        if (alive()) emit('identity.status', { orderId, ...s });
      },
    });
    entry.runner = runner;
    current = entry;
    const outcome = (async () => {
      if (previous) await previous.runner.cancel({ silent: true });
      const result = await runner.run();
      if (result.status !== 'complete') {
        if (current?.orderId === orderId) current = null;
        return result;
      }
      if (!wanted()) {
        log.info({ kind }, 'BankID order completed after the visit ended; discarded');
        return { status: 'cancelled' as const };
      }
      try {
        return await onComplete(orderId, result.completionData, wanted);
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

  function startLogin(): StartedOrder<LoginResult> {
    const { api, registerApi } = requireUsable();
    if (visit.state.person)
      throw new KioskFailure('conflict', 'a person is already signed in', { reason: 'already_signed_in' });
    const request: OrderRequest = {
      endUserIp: config.bankid.endUserIp,
      userVisibleData: toBase64(options.authText ?? DEFAULT_AUTH_TEXT),
      ...(config.bankid.certificatePolicies
        ? { requirement: { certificatePolicies: config.bankid.certificatePolicies } }
        : {}),
    };
    return startOrder<LoginResult>('auth', api, request, async (orderId, data, wanted) => {
      let person: RegisterPerson | null;
      try {
        person = await registerApi.lookup(data.user.personalNumber);
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
        emit('identity.completed', { orderId, kind: 'auth', givenName: data.user.givenName, protected: true });
        return { status: 'protected', protected: true };
      }
      visit.signIn({
        personalNumber: data.user.personalNumber,
        name: data.user.name,
        givenName: data.user.givenName,
        surname: data.user.surname,
      });
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
        { kind: 'auth', inRegister: person !== null, children: person?.children.length ?? 0 },
        'visitor signed in',
      );
      emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
      emit('identity.completed', { orderId, kind: 'auth', givenName: data.user.givenName, protected: false });
      return { status: 'signedIn', protected: false };
    });
  }

  function startSignWithHash(summary: SignSummary, docHash: string): StartedOrder<SignResult> {
    const { api } = requireUsable();
    const signer = visit.state.person;
    if (!signer) throw new KioskFailure('forbidden', 'signing needs a signed-in person', { reason: 'not_signed_in' });
    if (!/^[A-Za-z0-9+/]{43}=$/.test(docHash))
      throw new KioskFailure('invalid_input', 'documentHash must be base64 of a SHA-256 digest');
    const signedText = buildSignText(summary, now());
    const request: OrderRequest = {
      endUserIp: config.bankid.endUserIp,
      requirement: {
        personalNumber: signer.personalNumber,
        ...(config.bankid.certificatePolicies ? { certificatePolicies: config.bankid.certificatePolicies } : {}),
      },
      userVisibleData: toBase64(signedText),
      userVisibleDataFormat: 'simpleMarkdownV1',
      userNonVisibleData: docHash,
    };
    return startOrder<SignResult>('sign', api, request, async (orderId, data, wanted) => {
      if (
        data.user.personalNumber !== signer.personalNumber ||
        visit.state.person?.personalNumber !== signer.personalNumber
      ) {
        log.error({ kind: 'sign' }, 'BankID signature by another person than the signed-in one; rejected');
        return failAfterComplete(orderId, 'rfa22', true, 'signerMismatch', wanted);
      }
      emit('identity.status', { orderId, state: 'complete', rfa: 'complete', retryable: false });
      emit('identity.completed', { orderId, kind: 'sign', givenName: data.user.givenName, protected: false });
      log.info({ kind: 'sign' }, 'case signed');
      return {
        status: 'complete',
        signature: {
          orderId,
          completionData: data,
          signedText,
          documentHash: docHash,
          completedAt: new Date().toISOString(),
        },
      };
    });
  }

  function startSign(summary: SignSummary, documentBytes: Uint8Array | null): StartedOrder<SignResult> {
    return startSignWithHash(summary, hashDocument(documentBytes ?? summaryDocument(summary, now())));
  }

  visit.onReset('identity', async () => {
    registerPerson = null;
    await cancelCurrent(true);
  });

  const handlers: HandlersOf<typeof identityMethods> = {
    'identity.startLogin': async () => ({ orderId: startLogin().orderId }),
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
      log.info('visitor signed out');
      return {};
    },
  };

  return {
    handlers,
    startLogin,
    startSign,
    startSignWithHash,
    cancel: () => cancelCurrent(false),
    getRegisterPerson: () => registerPerson,
    getDisplayPerson: () => (registerPerson ? forDisplay(registerPerson) : null),
    problems: () => [...problems],
    async close() {
      await cancelCurrent(true);
      bankid?.close();
      register?.close();
    },
  };
}
