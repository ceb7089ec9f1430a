import type { PiniaPluginContext } from 'pinia';

/**
 * Gives every store, setup stores included, a working `$reset()` that puts back the state it had when
 * it was created. The visit reset calls it on every store the visit owns (visit-stores.ts).
 */
export function resettableStores({ store }: PiniaPluginContext): void {
  const initial = structuredClone(JSON.parse(JSON.stringify(store.$state)) as Record<string, unknown>);
  store.$reset = () => {
    store.$patch((state: Record<string, unknown>) => {
      for (const key of Object.keys(state)) {
        if (!(key in initial)) delete state[key];
      }
      Object.assign(state, structuredClone(initial));
    });
  };
}
