/**
 * Freja eID+ as an e-ID provider of the identity service: builds initAuthentication and
 * initSignature requests from config (INFERRED + QR, registration level, attributes to return)
 * and runs each as a FrejaOrder.
 */
import type { Logger } from '../../log/logger';
import type { Clock } from '../order-signals';
import type { EidHooks, EidOrder, EidProvider, EidSignRequest } from '../eid-provider';
import type { FrejaApi, FrejaAttribute, RegistrationLevel } from './client';
import { FrejaOrder, type FrejaEvidence } from './freja-order';
import type { SigningCertificate } from './jws';

export interface FrejaProviderOptions {
  api: FrejaApi;
  logger: Logger;
  certificates: ReadonlyMap<string, SigningCertificate>;
  loginLevel: RegistrationLevel;
  signLevel: RegistrationLevel;
  qrCode: 'dynamic' | 'static';
  pollIntervalMs: number;
  /** How long a signature may wait for the visitor (Freja: 2 min – 30 days). */
  signExpiryMs: number;
  clock?: Clock;
  now?: () => number;
  close?: () => void;
}

const ATTRIBUTES: Array<{ attribute: FrejaAttribute }> = [
  { attribute: 'BASIC_USER_INFO' },
  { attribute: 'SSN' },
  { attribute: 'REGISTRATION_LEVEL' },
];

/** Freja's limit on a signature's title. */
const TITLE_MAX = 128;

export function createFrejaProvider(o: FrejaProviderOptions): EidProvider<FrejaEvidence> {
  const common = { api: o.api, logger: o.logger, certificates: () => o.certificates, pollIntervalMs: o.pollIntervalMs };
  return {
    method: 'freja',
    startAuth(hooks: EidHooks): EidOrder<FrejaEvidence> {
      return new FrejaOrder({
        ...common,
        kind: 'auth',
        hooks,
        ...(o.clock ? { clock: o.clock } : {}),
        request: {
          userInfoType: 'INFERRED',
          userInfo: 'N/A',
          minRegistrationLevel: o.loginLevel,
          attributesToReturn: ATTRIBUTES,
          ...(o.qrCode === 'dynamic' ? { useDynamicQrCode: true } : {}),
        },
      });
    },
    startSign(hooks: EidHooks, r: EidSignRequest): EidOrder<FrejaEvidence> {
      const chars = [...r.title];
      const title = chars.length <= TITLE_MAX ? r.title : `${chars.slice(0, TITLE_MAX - 1).join('')}…`;
      return new FrejaOrder({
        ...common,
        kind: 'sign',
        hooks,
        personalNumber: r.personalNumber,
        ...(o.clock ? { clock: o.clock } : {}),
        // the signature waits no longer than the visitor stands at the kiosk
        maxOrderMs: Math.min(o.signExpiryMs + 30_000, 150_000),
        request: {
          userInfoType: 'INFERRED',
          userInfo: 'N/A',
          minRegistrationLevel: o.signLevel,
          title,
          dataToSignType: 'EXTENDED_UTF8_TEXT',
          dataToSign: { text: Buffer.from(r.signedText, 'utf8').toString('base64'), binaryData: r.documentHash },
          signatureType: 'EXTENDED',
          expiry: (o.now ?? Date.now)() + o.signExpiryMs,
          attributesToReturn: ATTRIBUTES,
          ...(o.qrCode === 'dynamic' ? { useDynamicQrCode: true } : {}),
        },
      });
    },
    close: () => o.close?.(),
  };
}
