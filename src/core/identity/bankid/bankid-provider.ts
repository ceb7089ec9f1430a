/**
 * Mobile BankID as an e-ID provider of the identity service: the auth and sign requests BankID's RP
 * API v6.0 wants, each run by an OrderRunner (animated QR, collect, automatic restarts).
 */
import type { Logger } from '../../log/logger';
import type { BankIdConfig } from '../config';
import type { EidHooks, EidOrder, EidOutcome, EidProvider, EidSignRequest } from '../eid-provider';
import type { BankIdApi, CompletionData, OrderRequest } from './client';
import type { Clock } from '../order-signals';
import { OrderRunner, type OrderKind } from './order-runner';
import { toBase64 } from './sign-text';

export interface BankIdEvidence {
  method: 'bankid';
  completionData: CompletionData;
}

function order(
  api: BankIdApi,
  logger: Logger,
  config: BankIdConfig,
  clock: Clock | undefined,
  kind: OrderKind,
  request: OrderRequest,
  hooks: EidHooks,
): EidOrder<BankIdEvidence> {
  const runner = new OrderRunner({
    api,
    logger,
    kind,
    request,
    clock,
    autoRestarts: config.autoRestarts,
    collectIntervalMs: config.collectIntervalMs,
    onQr: hooks.onQr,
    onStatus: hooks.onStatus,
  });
  return {
    async run(): Promise<EidOutcome<BankIdEvidence>> {
      const r = await runner.run();
      if (r.status !== 'complete') return r;
      const { personalNumber, name, givenName, surname } = r.completionData.user;
      return {
        status: 'complete',
        user: { personalNumber, name, givenName, surname },
        evidence: { method: 'bankid', completionData: r.completionData },
      };
    },
    cancel: (options) => runner.cancel(options),
  };
}

export function createBankIdProvider(o: {
  api: BankIdApi;
  logger: Logger;
  config: BankIdConfig;
  clock?: Clock;
  close?: () => void;
}): EidProvider<BankIdEvidence> {
  const policies = o.config.certificatePolicies;
  return {
    method: 'bankid',
    startAuth: (hooks, authText) =>
      order(
        o.api,
        o.logger,
        o.config,
        o.clock,
        'auth',
        {
          endUserIp: o.config.endUserIp,
          userVisibleData: toBase64(authText),
          ...(policies ? { requirement: { certificatePolicies: policies } } : {}),
        },
        hooks,
      ),
    startSign: (hooks, r: EidSignRequest) =>
      order(
        o.api,
        o.logger,
        o.config,
        o.clock,
        'sign',
        {
          endUserIp: o.config.endUserIp,
          requirement: { personalNumber: r.personalNumber, ...(policies ? { certificatePolicies: policies } : {}) },
          userVisibleData: toBase64(r.signedText),
          userVisibleDataFormat: 'simpleMarkdownV1',
          userNonVisibleData: r.documentHash,
        },
        hooks,
      ),
    close: () => o.close?.(),
  };
}
