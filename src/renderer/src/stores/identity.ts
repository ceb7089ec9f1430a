import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EidMethodId } from '../../../contract/namespaces/identity';

/** Who is signed in with BankID during this visit: the given name only (core keeps the rest). */
export const useIdentityStore = defineStore('identity', () => {
  const givenName = ref<string | null>(null);
  /** The e-ID the visitor signed in with (the signing uses the same). */
  const method = ref<EidMethodId>('bankid');
  const signedIn = computed(() => givenName.value !== null);

  function signIn(name: string, with_: EidMethodId = 'bankid'): void {
    givenName.value = name;
    method.value = with_;
  }

  function forget(): void {
    givenName.value = null;
    method.value = 'bankid';
  }

  return { givenName, method, signedIn, signIn, forget };
});
