import { onBeforeUnmount, ref } from 'vue';
import type { z } from 'zod';
import type { KioskError, Result } from '../../../contract';
import type { identityEvents, RfaKey } from '../../../contract/namespaces/identity';
import { kiosk } from '../kiosk-api';

export type OrderPhase = 'idle' | 'starting' | 'pending' | 'failed' | 'complete' | 'cancelled' | 'startFailed';
/** `identity.completed`: the given name only, and whether the register reports protected data. */
export type IdentityCompleted = z.output<(typeof identityEvents)['identity.completed']>;

/** Events that arrive before the start call has told us our order id (core sends the first QR at once). */
const MAX_EARLY_EVENTS = 20;

/**
 * One BankID order (login or signing) as the sign-in and sign screens show it: the animated QR from
 * `identity.qr` (null once the phone has scanned it), the message key from `identity.status`, and
 * `identity.completed`. Events of other orders are ignored; the order is cancelled if the visitor
 * leaves the screen while it runs.
 */
export function useBankIdOrder(opts: {
  start: () => Promise<Result<{ orderId: string }>>;
  onCompleted: (payload: IdentityCompleted) => void;
}) {
  const phase = ref<OrderPhase>('idle');
  const orderId = ref<string | null>(null);
  const qr = ref<string | null>(null);
  const rfa = ref<RfaKey | null>(null);
  const retryable = ref(true);
  const startError = ref<KioskError | null>(null);
  let early: Array<{ orderId: string; apply: () => void }> = [];
  let awaitingStart = false;

  function route(id: string, apply: () => void): void {
    if (orderId.value === id) apply();
    else if (awaitingStart && early.length < MAX_EARLY_EVENTS) early.push({ orderId: id, apply });
  }

  const off = [
    kiosk().on('identity.qr', (e) =>
      route(e.orderId, () => {
        if (phase.value === 'pending') qr.value = e.qr;
      }),
    ),
    kiosk().on('identity.status', (e) =>
      route(e.orderId, () => {
        if (phase.value !== 'pending') return;
        rfa.value = e.rfa;
        if (e.state === 'failed') {
          phase.value = 'failed';
          retryable.value = e.retryable;
          qr.value = null;
        }
      }),
    ),
    kiosk().on('identity.completed', (e) =>
      route(e.orderId, () => {
        if (phase.value !== 'pending') return;
        phase.value = 'complete';
        qr.value = null;
        rfa.value = 'complete';
        opts.onCompleted(e);
      }),
    ),
  ];

  async function start(): Promise<void> {
    phase.value = 'starting';
    orderId.value = null;
    qr.value = null;
    rfa.value = null;
    startError.value = null;
    retryable.value = true;
    early = [];
    awaitingStart = true;
    const res = await opts.start();
    awaitingStart = false;
    if (phase.value !== 'starting') return; // cancelled or left meanwhile
    if (!res.ok) {
      phase.value = 'startFailed';
      startError.value = res.error;
      early = [];
      return;
    }
    orderId.value = res.value.orderId;
    phase.value = 'pending';
    rfa.value = 'rfa1';
    const mine = early.filter((e) => e.orderId === res.value.orderId);
    early = [];
    for (const e of mine) e.apply();
  }

  async function cancel(): Promise<void> {
    const running = phase.value === 'pending' || phase.value === 'starting';
    phase.value = 'cancelled';
    qr.value = null;
    if (running) await kiosk().identity.cancel({});
  }

  onBeforeUnmount(() => {
    for (const f of off) f();
    if (phase.value === 'pending' || phase.value === 'starting') {
      phase.value = 'cancelled';
      void kiosk().identity.cancel({});
    }
  });

  return { phase, orderId, qr, rfa, retryable, startError, start, cancel };
}
