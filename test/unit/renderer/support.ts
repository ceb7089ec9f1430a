/**
 * A fresh Pinia for a renderer unit test, set up as the renderer's main.ts does it (with the reset
 * plugin, which Pinia applies only once the Pinia is installed in an app), plus a bridge stand-in
 * that records the calls a test lets through and answers them.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createApp } from 'vue';
import { resettableStores } from '../../../src/renderer/src/stores/reset-plugin';

export function freshPinia(): Pinia {
  const pinia = createPinia();
  pinia.use(resettableStores);
  createApp({}).use(pinia);
  setActivePinia(pinia);
  return pinia;
}

export interface BridgeCall {
  method: string;
  params: unknown;
}

/**
 * Puts `window.kiosk` in place: `answers['ns.method']` gives a method's value (`{ ok: true, value }`),
 * a missing one answers `{ ok: false }` with an error. Every call is recorded in order.
 */
export function installBridge(answers: Record<string, unknown> = {}): BridgeCall[] {
  const calls: BridgeCall[] = [];
  const namespace = (ns: string): unknown =>
    new Proxy(
      {},
      {
        get: (_t, method: string) => async (params: unknown) => {
          const name = `${ns}.${method}`;
          calls.push({ method: name, params });
          return Object.hasOwn(answers, name)
            ? { ok: true, value: answers[name] }
            : { ok: false, error: { code: 'unavailable', message: `${name} not answered in this test` } };
        },
      },
    );
  const bridge = new Proxy({ on: () => () => undefined } as Record<string, unknown>, {
    get: (t, ns: string) => (ns in t ? t[ns] : namespace(ns)),
  });
  (window as unknown as { kiosk?: unknown }).kiosk = bridge;
  return calls;
}

export function removeBridge(): void {
  delete (window as unknown as { kiosk?: unknown }).kiosk;
}
