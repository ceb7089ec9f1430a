// @vitest-environment happy-dom
/** The banner's "Inloggad som Anna": the given name only, gone after logging out or the reset. */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetLocalState } from '../../../../../src/renderer/src/composables/useVisitReset';
import { useIdentityStore } from '../../../../../src/renderer/src/stores/identity';
import { freshPinia } from '../../support';

describe('the identity store', () => {
  beforeEach(() => freshPinia());

  it('signs in with a given name and forgets it', () => {
    const identity = useIdentityStore();
    expect(identity.signedIn).toBe(false);
    identity.signIn('Anna');
    expect(identity.signedIn).toBe(true);
    expect(identity.givenName).toBe('Anna');
    identity.forget();
    expect(identity.signedIn).toBe(false);
    expect(identity.givenName).toBeNull();
  });

  it('the next visitor is not signed in as the last one', () => {
    useIdentityStore().signIn('Anna');
    resetLocalState();
    expect(useIdentityStore().signedIn).toBe(false);
  });
});
