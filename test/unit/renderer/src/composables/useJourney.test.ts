// @vitest-environment happy-dom
/**
 * The visitor's way through an e-service: Nästa and Tillbaka follow the visible steps (a step hidden
 * by an answer is skipped both ways), the review leads back to the last step, and the end of the
 * review goes to signing, printing (paper route) or sending.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../../../../src/contract/flows';
import { useJourney } from '../../../../../src/renderer/src/composables/useJourney';
import { usePaperRoute } from '../../../../../src/renderer/src/composables/usePaperRoute';
import { useIdentityStore } from '../../../../../src/renderer/src/stores/identity';
import { useJourneyStore } from '../../../../../src/renderer/src/stores/journey';
import { useNavigationStore } from '../../../../../src/renderer/src/stores/navigation';
import { sampleFlow } from '../../../contract/flows/sample-flow';
import { freshPinia, installBridge, removeBridge, type BridgeCall } from '../../support';

let calls: BridgeCall[];

function openFlow(definition: FlowDefinition = sampleFlow()): Promise<boolean> {
  const nav = useNavigationStore();
  nav.go('catalogue');
  return useJourney().openService(definition.id);
}

/** Where the visitor is: the screen, and the step on a step screen. */
function where(): string {
  const nav = useNavigationStore();
  return nav.screen === 'step' ? `step:${useJourneyStore().stepId}` : nav.screen;
}

describe('the journey through an e-service', () => {
  beforeEach(() => {
    freshPinia();
    calls = installBridge({
      'flows.get': sampleFlow(),
      'submission.prefill': { answers: { namn: 'Anna Andersson' }, children: [] },
      'identity.logout': {},
    });
  });
  afterEach(() => removeBridge());

  it('opens an e-service on its intro; "Börja" asks for BankID first when it is signed', async () => {
    expect(await openFlow()).toBe(true);
    expect(where()).toBe('intro');
    expect(await useJourney().begin()).toBe(true);
    expect(where()).toBe('login');
  });

  it('after sign-in: the register fills in, the first step shows, and Tillbaka leads to the intro', async () => {
    await openFlow();
    await useJourney().begin();
    useIdentityStore().signIn('Anna');
    expect(await useJourney().begin()).toBe(true);
    expect(useJourneyStore().answers['namn']).toBe('Anna Andersson');
    useJourney().afterLogin();
    expect(where()).toBe('step:start');
    useJourney().previous('start');
    expect(where()).toBe('intro');
  });

  it('a register that cannot answer keeps the visitor on the intro with the answers untouched', async () => {
    installBridge({ 'flows.get': sampleFlow() });
    await openFlow();
    useIdentityStore().signIn('Anna');
    expect(await useJourney().begin()).toBe(false);
    expect(where()).toBe('intro');
    expect(useJourneyStore().answers).toEqual({});
  });

  it('Nästa skips a step hidden by the answers, and Tillbaka skips it too', async () => {
    await openFlow();
    const journey = useJourneyStore();
    const moves = useJourney();
    moves.firstStep();
    journey.setAnswers({ boende: 'yes', roll: 'forare' });
    moves.next('start');
    expect(where()).toBe('step:uppgifter');
    moves.next('uppgifter');
    expect(where()).toBe('step:slut');
    moves.previous('slut');
    expect(where()).toBe('step:uppgifter');
  });

  it('Nästa shows a step once an answer makes it visible', async () => {
    await openFlow();
    useJourneyStore().setAnswers({ boende: 'yes', roll: 'passagerare' });
    useJourney().next('uppgifter');
    expect(where()).toBe('step:val');
  });

  it('after the last step comes the review; Tillbaka there leads to the last step', async () => {
    await openFlow();
    const moves = useJourney();
    moves.next('slut');
    expect(where()).toBe('review');
    moves.backFromReview();
    expect(where()).toBe('step:slut');
  });

  it('"Ändra" on the review: Nästa goes back to the review once the answers hold', async () => {
    const flow: FlowDefinition = {
      ...sampleFlow(),
      steps: [
        { id: 'a', title: { sv: 'A' }, fields: [{ id: 'x', type: 'text', label: { sv: 'X' } }] },
        { id: 'b', title: { sv: 'B' }, fields: [] },
      ],
    } as FlowDefinition;
    installBridge({ 'flows.get': flow });
    await openFlow(flow);
    const moves = useJourney();
    moves.toReview();
    moves.edit('a');
    expect(where()).toBe('step:a');
    moves.next('a');
    expect(where()).toBe('review');
  });

  it('from the review a signed e-service goes on to signing; one without signing is sent from there', async () => {
    await openFlow();
    useJourney().toReview();
    expect(useJourney().toSignOrPrint()).toBe(true);
    expect(where()).toBe('sign');

    const plain = { ...sampleFlow(), identification: 'none' } as FlowDefinition;
    installBridge({ 'flows.get': plain });
    await openFlow(plain);
    useJourney().toReview();
    expect(useJourney().toSignOrPrint()).toBe(false);
    expect(where()).toBe('review');
  });

  it('on the paper route the review leads to printing, never to signing', async () => {
    installBridge({ 'flows.get': sampleFlow(), 'paper.start': {} });
    await openFlow();
    usePaperRoute().open('protected_identity');
    await openFlow();
    expect(await useJourney().begin()).toBe(true);
    expect(where()).toBe('step:start');
    useJourney().toReview();
    expect(useJourney().toSignOrPrint()).toBe(true);
    expect(where()).toBe('paperPrint');
  });

  it('Tillbaka from the paper route never leads into BankID again', async () => {
    installBridge({ 'flows.get': sampleFlow(), 'paper.start': {} });
    await openFlow();
    await useJourney().begin();
    expect(where()).toBe('login');
    usePaperRoute().open('bankid_unavailable');
    expect(where()).toBe('paperRoute');
    usePaperRoute().back();
    expect(where()).toBe('intro');
  });

  it('"Logga ut": core forgets the person, the e-service and its answers go, back to the catalogue', async () => {
    await openFlow();
    useIdentityStore().signIn('Anna');
    await useJourney().begin();
    useJourneyStore().setAnswers({ beskrivning: 'Min granne' });
    await useJourney().logout();
    expect(calls.some((c) => c.method === 'identity.logout')).toBe(true);
    expect(useIdentityStore().signedIn).toBe(false);
    expect(useJourneyStore().flow).toBeNull();
    expect(useJourneyStore().answers).toEqual({});
    expect(where()).toBe('catalogue');
    useNavigationStore().back();
    expect(where()).toBe('start');
  });

  it('an e-service core cannot give keeps the visitor on the catalogue', async () => {
    installBridge({});
    expect(await openFlow()).toBe(false);
    expect(where()).toBe('catalogue');
  });
});
