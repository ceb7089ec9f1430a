/**
 * The Freja simulator's transactions: authentication and signature, their status machine, the QR a
 * phone scans (static or dynamic with HMAC and age checks) and the test persons' Freja accounts.
 *
 *   STARTED ──scan──▶ DELIVERED_TO_MOBILE ──(stepMs)──▶ APPROVED | REJECTED | CANCELED | EXPIRED
 *      │ RP cancel ▶ RP_CANCELED         lifetime over ▶ EXPIRED
 *
 * A person who scans while another of their transactions runs: both are cancelled (Freja allows one
 * active transaction per user) and the phone is told "already in progress". A person whose
 * registration level is below the transaction's minimum cannot approve it (the phone is refused).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { findTestPerson, defaultTestPerson, type TestPerson } from '../test-persons';

export const frejaStatuses = [
  'STARTED',
  'DELIVERED_TO_MOBILE',
  'CANCELED',
  'RP_CANCELED',
  'EXPIRED',
  'APPROVED',
  'REJECTED',
] as const;
export type FrejaStatus = (typeof frejaStatuses)[number];

/** What the person does in the app after scanning. */
export const frejaPhoneScenarios = ['approve', 'reject', 'cancel', 'expire'] as const;
export type FrejaPhoneScenario = (typeof frejaPhoneScenarios)[number];

export type RegistrationLevel = 'BASIC' | 'EXTENDED' | 'PLUS';
const LEVELS: RegistrationLevel[] = ['BASIC', 'EXTENDED', 'PLUS'];

/** Each test person's Freja account (level, and what their phone does unless told otherwise). */
export const frejaAccounts: Readonly<Record<string, { level: RegistrationLevel; scenario?: FrejaPhoneScenario }>> = {
  '199001012385': { level: 'PLUS' }, // Anna Andersson
  '198504129803': { level: 'PLUS' }, // Erik Eriksson
  '197708159897': { level: 'PLUS' }, // Sara Svensson (skyddad folkbokföring)
  '198802299845': { level: 'PLUS' }, // Karl Karlsson (sekretessmarkering)
  '199203179867': { level: 'EXTENDED' }, // Nils Nilsson: may log in, may not sign (PLUS)
  '196907049917': { level: 'BASIC' }, // Gustav Gustavsson: e-mail only, neither
  '199511119852': { level: 'PLUS', scenario: 'reject' }, // Ulla Persson says no in the app
};

export interface FrejaTimings {
  /** A login must be approved within this (Freja: 2 min). */
  authLifetimeMs: number;
  /** From scan to the person's answer. */
  stepMs: number;
  /** A dynamic QR frame is accepted this long after its second. */
  maxQrAgeMs: number;
  /** Results are kept this long after the transaction ended. */
  resultRetentionMs: number;
}

export interface Transaction {
  service: 'authentication' | 'sign';
  ref: string;
  qrCodeSecret: string | null;
  createdAt: number;
  expiresAt: number;
  status: FrejaStatus;
  minRegistrationLevel: RegistrationLevel;
  attributes: string[];
  /** sign: the text and binary data as sent (base64), title. */
  sign: { title: string; text: string; binaryData: string | null; signatureType: string } | null;
  person: TestPerson | null;
  scenario: FrejaPhoneScenario | null;
  endedAt: number | null;
  answerAt: number | null;
}

export type ScanResult =
  | { ok: true; ref: string; service: string; personalNumber: string; scenario: FrejaPhoneScenario; dryRun: boolean }
  | { ok: false; status: number; error: string; message: string };

const FINAL: ReadonlySet<FrejaStatus> = new Set(['CANCELED', 'RP_CANCELED', 'EXPIRED', 'APPROVED', 'REJECTED']);
const DYNAMIC_PREFIX = 'https://app.prod.frejaeid.com/freja?action=bindUserToTransaction&transactionReference=';

export class Transactions {
  private readonly byRef = new Map<string, Transaction>();

  constructor(
    private readonly timings: FrejaTimings,
    private readonly now: () => number,
  ) {}

  create(input: {
    service: Transaction['service'];
    minRegistrationLevel: RegistrationLevel;
    attributes: string[];
    dynamicQr: boolean;
    expiry: number | null;
    sign: Transaction['sign'];
  }): Transaction {
    this.sweep();
    const createdAt = this.now();
    const lifetime = input.expiry !== null ? Math.max(0, input.expiry - Date.now()) : this.timings.authLifetimeMs;
    const t: Transaction = {
      service: input.service,
      ref: `${randomUUID()}${randomBytes(8).toString('hex')}`,
      qrCodeSecret: input.dynamicQr ? randomBytes(24).toString('base64url') : null,
      createdAt,
      expiresAt: createdAt + lifetime,
      status: 'STARTED',
      minRegistrationLevel: input.minRegistrationLevel,
      attributes: input.attributes,
      sign: input.sign,
      person: null,
      scenario: null,
      endedAt: null,
      answerAt: null,
    };
    this.byRef.set(t.ref, t);
    return t;
  }

  /** The transaction as the RP sees it now; undefined = unknown (or its result is no longer kept). */
  get(service: Transaction['service'], ref: string): Transaction | undefined {
    this.sweep();
    const t = this.byRef.get(ref);
    if (!t || t.service !== service) return undefined;
    this.advance(t);
    return t;
  }

  cancel(service: Transaction['service'], ref: string): 'ok' | 'unknown' | 'final' {
    const t = this.get(service, ref);
    if (!t) return 'unknown';
    if (FINAL.has(t.status)) return 'final';
    this.end(t, 'RP_CANCELED');
    return 'ok';
  }

  all(): Transaction[] {
    this.sweep();
    for (const t of this.byRef.values()) this.advance(t);
    return [...this.byRef.values()];
  }

  scan(
    qr: string,
    options: { personalNumber?: string; scenario?: FrejaPhoneScenario; dryRun?: boolean },
    runScenario: FrejaPhoneScenario | null,
  ): ScanResult {
    const parsed = parseQr(qr);
    if (!parsed) return { ok: false, status: 400, error: 'invalidQr', message: 'Not a Freja eID+ QR code' };
    const t = this.byRef.get(parsed.ref);
    if (!t) return { ok: false, status: 404, error: 'unknownTransaction', message: 'No such transaction' };
    this.advance(t);
    if (parsed.kind === 'static' && t.qrCodeSecret !== null)
      return { ok: false, status: 400, error: 'dynamicQrExpected', message: 'This transaction uses a dynamic QR code' };
    if (parsed.kind === 'dynamic') {
      if (t.qrCodeSecret === null)
        return { ok: false, status: 400, error: 'staticQrExpected', message: 'This transaction uses a static QR code' };
      const expected = createHmac('sha256', Buffer.from(t.qrCodeSecret, 'utf8'))
        .update(String(parsed.timeWindow), 'ascii')
        .digest();
      const given = Buffer.from(parsed.hmac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, status: 400, error: 'invalidHmac', message: 'The QR code is not genuine' };
      const frameStart = t.createdAt + parsed.timeWindow * 1000;
      const age = this.now() - frameStart;
      if (age < -1000)
        return { ok: false, status: 400, error: 'qrFromTheFuture', message: 'The QR code is from the future' };
      if (age > 1000 + this.timings.maxQrAgeMs)
        return {
          ok: false,
          status: 400,
          error: 'qrTooOld',
          message: 'The QR code is too old; scan the one on the screen now',
        };
    }
    if (t.status !== 'STARTED')
      return { ok: false, status: 409, error: 'notScannable', message: `The transaction is ${t.status}` };
    const person = options.personalNumber ? findTestPerson(options.personalNumber) : defaultTestPerson;
    if (!person) return { ok: false, status: 404, error: 'unknownPerson', message: 'No such test person' };
    const account = frejaAccounts[person.personalNumber] ?? { level: 'EXTENDED' as const };
    if (LEVELS.indexOf(account.level) < LEVELS.indexOf(t.minRegistrationLevel))
      return {
        ok: false,
        status: 403,
        error: 'registrationLevelTooLow',
        message: `This Freja eID+ is ${account.level}; the transaction needs ${t.minRegistrationLevel}`,
      };
    const scenario = options.scenario ?? runScenario ?? account.scenario ?? 'approve';
    if (options.dryRun)
      return {
        ok: true,
        ref: t.ref,
        service: t.service,
        personalNumber: person.personalNumber,
        scenario,
        dryRun: true,
      };
    const other = [...this.byRef.values()].find(
      (o) => o !== t && o.person?.personalNumber === person.personalNumber && !FINAL.has(this.advance(o)),
    );
    if (other) {
      // one active transaction per user: a second one cancels both
      this.end(other, 'CANCELED');
      this.end(t, 'CANCELED');
      return {
        ok: false,
        status: 409,
        error: 'alreadyInProgress',
        message: 'A transaction for this person is already in progress; both were cancelled',
      };
    }
    t.person = person;
    t.scenario = scenario;
    t.status = 'DELIVERED_TO_MOBILE';
    t.answerAt = this.now() + this.timings.stepMs;
    return { ok: true, ref: t.ref, service: t.service, personalNumber: person.personalNumber, scenario, dryRun: false };
  }

  private advance(t: Transaction): FrejaStatus {
    if (FINAL.has(t.status)) return t.status;
    const now = this.now();
    if (t.status === 'DELIVERED_TO_MOBILE' && t.answerAt !== null && now >= t.answerAt) {
      const next: Record<FrejaPhoneScenario, FrejaStatus> = {
        approve: 'APPROVED',
        reject: 'REJECTED',
        cancel: 'CANCELED',
        expire: 'EXPIRED',
      };
      this.end(t, next[t.scenario ?? 'approve']);
      return t.status;
    }
    if (now >= t.expiresAt) this.end(t, 'EXPIRED');
    return t.status;
  }

  private end(t: Transaction, status: FrejaStatus): void {
    t.status = status;
    t.endedAt = this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [ref, t] of this.byRef) {
      if (t.endedAt !== null && now - t.endedAt > this.timings.resultRetentionMs) this.byRef.delete(ref);
    }
  }
}

/** A QR string the way the Freja app reads it. */
export function parseQr(
  qr: string,
): { kind: 'static'; ref: string } | { kind: 'dynamic'; ref: string; timeWindow: number; hmac: string } | null {
  const stat = /^frejaeid:\/\/bindUserToTransaction\?transactionReference=([^&\s]+)$/.exec(qr);
  if (stat?.[1]) return { kind: 'static', ref: decodeURIComponent(stat[1]) };
  if (!qr.startsWith(DYNAMIC_PREFIX)) return null;
  const m = /^(.+)\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(qr.slice(DYNAMIC_PREFIX.length));
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { kind: 'dynamic', ref: decodeURIComponent(m[1]), timeWindow: Number(m[2]), hmac: m[3] };
}

export function isFinal(status: FrejaStatus): boolean {
  return FINAL.has(status);
}
