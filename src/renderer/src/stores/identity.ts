import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** Who is signed in with BankID during this visit: the given name only (core keeps the rest). */
export const useIdentityStore = defineStore('identity', () => {
  const givenName = ref<string | null>(null);
  const signedIn = computed(() => givenName.value !== null);

  function signIn(name: string): void {
    givenName.value = name;
  }

  function forget(): void {
    givenName.value = null;
  }

  return { givenName, signedIn, signIn, forget };
});
