// @vitest-environment happy-dom
/** The paper route flag: once taken, the visit stays on it until the reset; the reset takes it away. */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetLocalState } from '../../../../../src/renderer/src/composables/useVisitReset';
import { usePaperRoute } from '../../../../../src/renderer/src/composables/usePaperRoute';
import { useIdentityStore } from '../../../../../src/renderer/src/stores/identity';
import { useJourneyStore } from '../../../../../src/renderer/src/stores/journey';
import { usePaperStore } from '../../../../../src/renderer/src/stores/paper';
import { sampleFlow } from '../../../contract/flows/sample-flow';
import { freshPinia, installBridge, removeBridge } from '../../support';

describe('the paper route of a visit', () => {
  beforeEach(() => freshPinia());

  it('is off at the start of a visit', () => {
    expect(usePaperStore().active).toBe(false);
    expect(usePaperStore().coreState).toBe('idle');
  });

  it('taking it forgets who was signed in and the register answers, and tells core', async () => {
    const calls = installBridge({ 'paper.start': {} });
    useIdentityStore().signIn('Anna');
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.applyPrefill({ answers: { namn: 'Anna Andersson' }, children: [] });
    usePaperRoute().open('protected_identity');
    expect(usePaperStore().active).toBe(true);
    expect(useIdentityStore().signedIn).toBe(false);
    expect(journey.answers).not.toHaveProperty('namn');
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toContainEqual({ method: 'paper.start', params: { reason: 'protected_identity' } });
    expect(usePaperStore().coreState).toBe('started');
    removeBridge();
  });

  it('core that cannot switch the visit is shown as failed, not as started', async () => {
    installBridge({});
    usePaperRoute().open('bankid_unavailable');
    await usePaperRoute().startInCore();
    expect(usePaperStore().coreState).toBe('failed');
    removeBridge();
  });

  it('a protected login wins over an earlier reason; the reset ends the route', () => {
    installBridge({ 'paper.start': {} });
    usePaperRoute().open('bankid_unavailable');
    usePaperRoute().open('register_protected');
    expect(usePaperStore().reason).toBe('register_protected');
    resetLocalState();
    expect(usePaperStore().active).toBe(false);
    expect(usePaperStore().printed).toBe(false);
    removeBridge();
  });
});
