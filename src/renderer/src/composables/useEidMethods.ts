import { onMounted, ref } from 'vue';
import type { EidMethodId } from '../../../contract/namespaces/identity';
import { kiosk } from '../kiosk-api';

/**
 * The e-IDs offered (config identity.methods, narrowed by the flow when one is given) and the one the
 * visitor chose: with one offered it is chosen at once, with more the screen shows the choice.
 */
export function useEidMethods(flowId: () => string | undefined) {
  const methods = ref<Array<{ id: EidMethodId; logo: string | null }> | null>(null);
  const chosen = ref<EidMethodId | null>(null);
  onMounted(async () => {
    const id = flowId();
    const res = await kiosk().identity.methods(id ? { flowId: id } : {});
    const list = res.ok && res.value.methods.length > 0 ? res.value.methods : [{ id: 'bankid' as const, logo: null }];
    methods.value = list;
    if (list.length === 1) chosen.value = list[0]?.id ?? 'bankid';
  });
  return { methods, chosen };
}
