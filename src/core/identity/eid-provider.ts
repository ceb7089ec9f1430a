/**
 * What the identity service needs from an e-ID (Mobile BankID, Freja eID+): start a login or a
 * signature, QR frames for the screen, status messages while it runs, the outcome, and cancel.
 * Each provider keeps its own protocol (BankID's orders and hintCodes, Freja's transactions and
 * JWS results) behind this; the identity service does what is common — one order at a time, the
 * register lookup after login, the signer check, the visit's reset.
 */
import type { RfaKey } from '../../contract/namespaces/identity';

/** The e-IDs the kiosk can offer (config `identity.methods`). */
export const eidMethods = ['bankid', 'freja'] as const;
export type EidMethod = (typeof eidMethods)[number];

export type EidKind = 'auth' | 'sign';

/** Who completed the order, as the provider vouches for it. */
export interface EidUser {
  /** 12 digits. */
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
}

export interface EidStatus {
  state: 'pending' | 'failed' | 'complete';
  rfa: RfaKey;
  retryable: boolean;
}

export type EidOutcome<E> =
  | { status: 'complete'; user: EidUser; evidence: E }
  /** `code` is the provider's status or error code (or ours); never personal data. */
  | { status: 'failed'; rfa: RfaKey; retryable: boolean; code: string }
  | { status: 'cancelled' };

/** One running login or signature. */
export interface EidOrder<E> {
  /** Starts (once); settles with the outcome and never rejects. */
  run(): Promise<EidOutcome<E>>;
  /** Stops it and cancels it at the provider; `silent` sends no further events. Never throws. */
  cancel(options?: { silent?: boolean }): Promise<void>;
}

export interface EidHooks {
  /** A QR string to draw; null hides it (the phone has the order). */
  onQr: (qr: string | null) => void;
  onStatus: (status: EidStatus) => void;
}

export interface EidSignRequest {
  /** The readable text shown in the app (simpleMarkdownV1, as BankID shows it). */
  signedText: string;
  /** Title of the signature (the e-service). */
  title: string;
  /** base64 SHA-256 of the case document. */
  documentHash: string;
  /** The signed-in person: only they may sign. */
  personalNumber: string;
}

/** An e-ID provider. `E` is what it gives as proof (BankID's completionData, Freja's JWS). */
export interface EidProvider<E = unknown> {
  readonly method: EidMethod;
  startAuth(hooks: EidHooks, authText: string): EidOrder<E>;
  startSign(hooks: EidHooks, request: EidSignRequest): EidOrder<E>;
  close(): void;
}
