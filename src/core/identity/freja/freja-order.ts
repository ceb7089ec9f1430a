/**
 * Runs one Freja eID+ transaction (login or signature) for the visitor at the kiosk:
 *
 * - initAuthentication / initSignature with `userInfoType: INFERRED` (the visitor scans the QR; the
 *   kiosk does not know them in advance) and the registration level asked for;
 * - a QR to draw: dynamic (a new frame each second, HMAC with qrCodeSecret kept here) when Freja
 *   gave a qrCodeSecret, static otherwise; hidden once the app has the transaction;
 * - getOneResult no more often than the configured interval (≥ 1 s, Freja's limit; 3 s default);
 * - on APPROVED the JWS in `details` is verified against the configured Freja signing certificates
 *   chosen by `x5t`, and its payload must name this transaction, say APPROVED, carry a Swedish
 *   personnummer and name, and meet the registration level — otherwise the result is refused;
 * - `cancel()` stops and cancels at Freja; a failing cancel is logged and swallowed.
 */
import type { RfaKey } from '../../../contract/namespaces/identity';
import type { Logger } from '../../log/logger';
import { OrderSignals, systemClock, type Clock } from '../order-signals';
import type { EidHooks, EidKind, EidOrder, EidOutcome, EidUser } from '../eid-provider';
import {
  FrejaError,
  registrationLevels,
  type FrejaApi,
  type FrejaResult,
  type FrejaService,
  type InitAuthRequest,
  type InitResponse,
  type InitSignRequest,
  type RegistrationLevel,
} from './client';
import { FrejaJwsError, verifyFrejaJws, type SigningCertificate } from './jws';
import { dynamicFrejaQr, staticFrejaQr } from './qr-code';

/** What a Freja login or signature leaves as proof: the verified JWS and what it said. */
export interface FrejaEvidence {
  method: 'freja';
  /** Freja's compact JWS (`details`), verified. */
  jws: string;
  /** The x5t of the Freja certificate that signed it. */
  x5t: string;
  /** authRef or signRef. */
  ref: string;
  registrationLevel: RegistrationLevel;
  /** Freja's timestamp (ms since epoch) of the approval, when given. */
  timestamp: number | null;
}

export interface FrejaOrderOptions {
  api: FrejaApi;
  logger: Logger;
  kind: EidKind;
  request: InitAuthRequest | InitSignRequest;
  hooks: EidHooks;
  certificates: () => ReadonlyMap<string, SigningCertificate>;
  pollIntervalMs: number;
  /** The signer (sign only): the JWS must name this person. */
  personalNumber?: string;
  clock?: Clock;
  /** Upper bound of one transaction; Freja expires a login after 2 minutes. Default 150 s. */
  maxOrderMs?: number;
  maxPollErrors?: number;
}

const TRANSIENT = new Set(['networkError', 'timeout']);

/** Freja's error code → the message shown and whether "Försök igen" makes sense. */
export function statusForError(code: string, httpStatus: number | null = null): { rfa: RfaKey; retryable: boolean } {
  // Freja unavailable or overloaded, whatever the body says
  if (httpStatus !== null && (httpStatus >= 500 || httpStatus === 429)) return { rfa: 'rfa5', retryable: true };
  switch (code) {
    case '2000':
      return { rfa: 'frejaInProgress', retryable: true };
    case '1005':
      return { rfa: 'frejaBlocked', retryable: true };
    case '1004': // access denied: the RP certificate / agreement
    case '1008': // unknown relying party
    case 'tlsError':
    case 'http401':
    case 'http403':
      return { rfa: 'rfa22', retryable: false };
    case 'networkError':
    case 'timeout':
      return { rfa: 'rfa5', retryable: true };
    default:
      return /^http5\d\d$/.test(code) || code === 'http429'
        ? { rfa: 'rfa5', retryable: true }
        : { rfa: 'rfa22', retryable: true };
  }
}

export class FrejaOrder implements EidOrder<FrejaEvidence> {
  private readonly clock: Clock;
  private readonly signals: OrderSignals;
  private readonly service: FrejaService;
  private cancelled = false;
  private finished = false;
  private runPromise: Promise<EidOutcome<FrejaEvidence>> | null = null;
  private qrTimer: unknown = null;
  private qrVisible = false;

  constructor(private readonly options: FrejaOrderOptions) {
    this.clock = options.clock ?? systemClock;
    this.signals = new OrderSignals(options.hooks, options.logger, this.clock);
    this.service = options.kind === 'sign' ? 'sign' : 'authentication';
  }

  run(): Promise<EidOutcome<FrejaEvidence>> {
    this.runPromise ??= this.execute().catch((err: unknown) => {
      this.options.logger.error({ err }, 'Freja transaction failed unexpectedly');
      return this.fail('rfa22', false, 'internal');
    });
    return this.runPromise;
  }

  async cancel(options: { silent?: boolean } = {}): Promise<void> {
    if (options.silent) this.signals.silence();
    if (this.finished) return;
    this.cancelled = true;
    this.stopQr();
    this.signals.wakeUp();
    if (!this.runPromise) {
      this.finished = true;
      return;
    }
    await this.runPromise;
  }

  private async execute(): Promise<EidOutcome<FrejaEvidence>> {
    const { api, kind, logger } = this.options;
    let init: InitResponse;
    try {
      init =
        kind === 'sign'
          ? await api.initSignature(this.options.request as InitSignRequest)
          : await api.initAuthentication(this.options.request as InitAuthRequest);
    } catch (err) {
      if (this.cancelled) return this.cancelledOutcome();
      return this.failFromError(err, 'init');
    }
    const startedAt = this.clock.now();
    if (this.cancelled) {
      await this.cancelAtFreja(init.ref);
      return this.cancelledOutcome();
    }
    logger.info({ kind, qr: init.qrCodeSecret ? 'dynamic' : 'static' }, 'Freja transaction started');
    this.signals.status({ state: 'pending', rfa: 'frejaStart', retryable: false });
    this.startQr(init, startedAt);
    const outcome = await this.poll(init.ref, startedAt);
    this.stopQr();
    return outcome;
  }

  private async poll(ref: string, startedAt: number): Promise<EidOutcome<FrejaEvidence>> {
    const { api, logger } = this.options;
    const maxOrderMs = this.options.maxOrderMs ?? 150_000;
    const maxErrors = this.options.maxPollErrors ?? 3;
    // the config holds it at ≥ 1 s (Freja's limit); tests poll faster against the simulator
    const interval = this.options.pollIntervalMs;
    let errors = 0;
    for (;;) {
      await this.signals.pause(interval, this.cancelled);
      if (this.cancelled) {
        await this.cancelAtFreja(ref);
        return this.cancelledOutcome();
      }
      if (this.clock.now() - startedAt > maxOrderMs) {
        await this.cancelAtFreja(ref);
        logger.warn({ kind: this.options.kind }, 'Freja transaction outlived its time limit; cancelled');
        return this.fail('frejaExpired', true, 'EXPIRED');
      }
      let res: FrejaResult;
      try {
        res = await api.getOneResult(this.service, ref);
      } catch (err) {
        if (this.cancelled) {
          await this.cancelAtFreja(ref);
          return this.cancelledOutcome();
        }
        const code = err instanceof FrejaError ? err.code : 'internal';
        const status = err instanceof FrejaError ? err.httpStatus : null;
        const transient = TRANSIENT.has(code) || (status !== null && (status >= 500 || status === 429));
        if (transient && errors < maxErrors) {
          errors += 1;
          logger.warn({ code, attempt: errors }, 'Freja getOneResult failed; trying again');
          continue;
        }
        await this.cancelAtFreja(ref);
        return this.failFromError(err, 'getOneResult');
      }
      errors = 0;
      if (this.cancelled) {
        await this.cancelAtFreja(ref);
        return this.cancelledOutcome();
      }
      switch (res.status) {
        case 'STARTED':
          this.signals.status({ state: 'pending', rfa: 'frejaStart', retryable: false });
          continue;
        case 'DELIVERED_TO_MOBILE':
          this.hideQr();
          this.signals.status({ state: 'pending', rfa: 'frejaConfirm', retryable: false });
          continue;
        case 'APPROVED':
          return this.approved(ref, res.details);
        case 'CANCELED':
          logger.info({ kind: this.options.kind }, 'Freja transaction cancelled in the app');
          return this.fail('frejaCancelled', true, 'CANCELED');
        case 'RP_CANCELED':
          return this.fail('rfa6', true, 'RP_CANCELED');
        case 'EXPIRED':
          logger.info({ kind: this.options.kind }, 'Freja transaction expired');
          return this.fail('frejaExpired', true, 'EXPIRED');
        case 'REJECTED':
          logger.info({ kind: this.options.kind }, 'Freja transaction rejected in the app');
          return this.fail('frejaRejected', true, 'REJECTED');
      }
    }
  }

  /** Verifies the JWS and reads who approved; anything off is refused. */
  private approved(ref: string, details: string | null): EidOutcome<FrejaEvidence> {
    const { logger, kind } = this.options;
    if (!details) return this.refuse('missingDetails');
    let verified;
    try {
      verified = verifyFrejaJws(details, this.options.certificates());
    } catch (err) {
      const reason = err instanceof FrejaJwsError ? err.reason : 'malformed';
      logger.error({ kind, reason }, 'Freja result refused: its signature could not be verified');
      return this.fail('rfa22', false, `jws_${reason}`);
    }
    const p = verified.payload;
    const refField = kind === 'sign' ? p.signRef : p.authRef;
    if (refField !== ref) return this.refuse('wrongRef');
    if (p.status !== 'APPROVED') return this.refuse('notApproved');
    const level = p.minRegistrationLevel;
    const asked = this.options.request.minRegistrationLevel;
    if (
      typeof level !== 'string' ||
      !registrationLevels.includes(level as RegistrationLevel) ||
      registrationLevels.indexOf(level as RegistrationLevel) < registrationLevels.indexOf(asked)
    )
      return this.refuse('registrationLevel');
    const attrs = (p.requestedAttributes ?? {}) as {
      basicUserInfo?: { name?: unknown; surname?: unknown };
      ssn?: { ssn?: unknown; country?: unknown };
      registrationLevel?: unknown;
    };
    const ssn = attrs.ssn?.ssn;
    const given = attrs.basicUserInfo?.name;
    const surname = attrs.basicUserInfo?.surname;
    if (typeof ssn !== 'string' || !/^\d{12}$/.test(ssn) || attrs.ssn?.country !== 'SE') return this.refuse('noSsn');
    if (typeof given !== 'string' || typeof surname !== 'string' || !given.trim() || !surname.trim())
      return this.refuse('noName');
    if (kind === 'sign' && ssn !== this.options.personalNumber) return this.refuse('signerMismatch');
    const user: EidUser = {
      personalNumber: ssn,
      givenName: given.trim(),
      surname: surname.trim(),
      name: `${given.trim()} ${surname.trim()}`,
    };
    if (kind === 'sign') logger.info({ kind, signRef: ref }, 'Freja signature approved');
    this.finished = true;
    this.signals.status({ state: 'complete', rfa: 'complete', retryable: false });
    return {
      status: 'complete',
      user,
      evidence: {
        method: 'freja',
        jws: details,
        x5t: verified.x5t,
        ref,
        // the person's actual level when Freja returned it (REGISTRATION_LEVEL), else the minimum asked
        registrationLevel: registrationLevels.includes(attrs.registrationLevel as RegistrationLevel)
          ? (attrs.registrationLevel as RegistrationLevel)
          : (level as RegistrationLevel),
        timestamp: typeof p.timestamp === 'number' ? p.timestamp : null,
      },
    };
  }

  private refuse(code: string): EidOutcome<FrejaEvidence> {
    this.options.logger.error(
      { kind: this.options.kind, code },
      'Freja result refused: it does not fit the transaction',
    );
    return this.fail('rfa22', true, code);
  }

  private startQr(init: InitResponse, startedAt: number): void {
    const secret = init.qrCodeSecret;
    if (!secret) {
      this.qrVisible = true;
      this.signals.qr(staticFrejaQr(init.ref));
      return;
    }
    let last = -1;
    const tick = (): void => {
      if (this.cancelled || this.finished) return;
      const time = Math.max(last + 1, Math.floor((this.clock.now() - startedAt + 50) / 1000));
      last = time;
      this.qrVisible = true;
      this.signals.qr(dynamicFrejaQr(init.ref, secret, time));
      const next = startedAt + (time + 1) * 1000;
      this.qrTimer = this.clock.setTimeout(tick, Math.max(0, next - this.clock.now()));
    };
    tick();
  }

  private stopQr(): void {
    this.hideQr();
  }

  private hideQr(): void {
    if (this.qrTimer !== null) {
      this.clock.clearTimeout(this.qrTimer);
      this.qrTimer = null;
    }
    if (this.qrVisible) {
      this.qrVisible = false;
      this.signals.qr(null);
    }
  }

  private async cancelAtFreja(ref: string): Promise<void> {
    try {
      await this.options.api.cancel(this.service, ref);
      this.options.logger.info({ kind: this.options.kind }, 'Freja transaction cancelled');
    } catch (err) {
      const code = err instanceof FrejaError ? err.code : 'internal';
      this.options.logger.warn({ kind: this.options.kind, code }, 'Freja cancel failed; ignored');
    }
  }

  private cancelledOutcome(): EidOutcome<FrejaEvidence> {
    this.finished = true;
    this.stopQr();
    this.signals.status({ state: 'failed', rfa: 'rfa6', retryable: true });
    return { status: 'cancelled' };
  }

  private fail(rfa: RfaKey, retryable: boolean, code: string): EidOutcome<FrejaEvidence> {
    this.finished = true;
    this.stopQr();
    this.signals.status({ state: 'failed', rfa, retryable });
    return { status: 'failed', rfa, retryable, code };
  }

  private failFromError(err: unknown, during: string): EidOutcome<FrejaEvidence> {
    if (err instanceof FrejaError) {
      this.options.logger.warn({ during, code: err.code, httpStatus: err.httpStatus }, 'Freja call failed');
      const { rfa, retryable } = statusForError(err.code, err.httpStatus);
      return this.fail(rfa, retryable, err.code);
    }
    this.options.logger.error({ during, err }, 'Freja call failed unexpectedly');
    return this.fail('rfa22', true, 'internal');
  }
}
