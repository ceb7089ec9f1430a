/**
 * A BankID API that answers from a script, for driving the order runner with the fake clock.
 * (The runner is also tested against the real simulator; this one makes cadence and rare
 * failures deterministic and instant.)
 */
import {
  BankIdError,
  type BankIdApi,
  type CollectResponse,
  type OrderRequest,
  type OrderResponse,
} from '../../../../../src/core/identity/bankid/client';

type Answer<T> = T | BankIdError;

export const completion = {
  user: { personalNumber: '199001012385', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' },
  device: { ipAddress: '127.0.0.1', uhi: 'abc' },
  bankIdIssueDate: '2023-03-14',
  signature: 'PHNpZy8+',
  ocspResponse: 'b2NzcA==',
};

export class ScriptedApi implements BankIdApi {
  readonly started: OrderResponse[] = [];
  readonly requests: Array<{ kind: 'auth' | 'sign'; request: OrderRequest }> = [];
  readonly collected: Array<{ orderRef: string; at: number }> = [];
  readonly cancelled: string[] = [];
  /** Answers to start calls, in order; when empty, a fresh order. */
  startAnswers: Array<BankIdError | { delay: Promise<void> }> = [];
  /** Collect answers per order number (0-based), shifted per call; the last one repeats. */
  collectScript: Array<Array<Answer<Omit<CollectResponse, 'orderRef'>>>> = [];
  defaultCollect: Array<Answer<Omit<CollectResponse, 'orderRef'>>> = [
    { status: 'pending', hintCode: 'outstandingTransaction' },
  ];
  cancelError: BankIdError | null = null;

  constructor(private readonly now: () => number = () => 0) {}

  auth(request: OrderRequest): Promise<OrderResponse> {
    return this.start('auth', request);
  }

  sign(request: OrderRequest): Promise<OrderResponse> {
    return this.start('sign', request);
  }

  private async start(kind: 'auth' | 'sign', request: OrderRequest): Promise<OrderResponse> {
    this.requests.push({ kind, request });
    const answer = this.startAnswers.shift();
    if (answer instanceof BankIdError) throw answer;
    if (answer) await answer.delay;
    const n = this.started.length;
    const order = {
      orderRef: `order-${n}`,
      autoStartToken: `auto-${n}`,
      qrStartToken: `token-${n}`,
      qrStartSecret: `secret-${n}`,
    };
    this.started.push(order);
    return order;
  }

  async collect(orderRef: string): Promise<CollectResponse> {
    this.collected.push({ orderRef, at: this.now() });
    const n = Number(orderRef.split('-')[1]);
    const script = this.collectScript[n] ?? this.defaultCollect;
    const answer = script.length > 1 ? script.shift()! : script[0]!;
    if (answer instanceof BankIdError) throw answer;
    return { orderRef, ...answer };
  }

  async cancel(orderRef: string): Promise<void> {
    this.cancelled.push(orderRef);
    if (this.cancelError) throw this.cancelError;
  }
}
