// @vitest-environment happy-dom
/**
 * The next visitor finds nothing of the last one: answers, sign-in, paper route, screen, display
 * settings and language are back to the start, core was told, and browser storage is empty.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetLocalState, resetVisit } from '../../../../../src/renderer/src/composables/useVisitReset';
import { useDisplayStore } from '../../../../../src/renderer/src/stores/display';
import { useIdentityStore } from '../../../../../src/renderer/src/stores/identity';
import { useJourneyStore } from '../../../../../src/renderer/src/stores/journey';
import { useKioskStore } from '../../../../../src/renderer/src/stores/kiosk';
import { useNavigationStore } from '../../../../../src/renderer/src/stores/navigation';
import { usePaperStore } from '../../../../../src/renderer/src/stores/paper';
import { sampleFlow } from '../../../contract/flows/sample-flow';
import { freshPinia, installBridge, removeBridge } from '../../support';
import { kioskInfo } from '../../kiosk-info';

function visitInProgress(): void {
  const kiosk = useKioskStore();
  kiosk.info = kioskInfo();
  kiosk.setLanguage('en');
  const journey = useJourneyStore();
  journey.open(sampleFlow());
  journey.setAnswers({ boende: 'yes', beskrivning: 'Min granne bygger utan lov' });
  useIdentityStore().signIn('Anna');
  usePaperStore().printed = true;
  useNavigationStore().go('catalogue');
  useNavigationStore().go('intro');
  useDisplayStore().setTextSize(200);
  useDisplayStore().toggleHighContrast();
  sessionStorage.setItem('draft', 'Min granne');
  localStorage.setItem('draft', 'Min granne');
}

function expectNothingLeft(): void {
  const journey = useJourneyStore();
  expect(journey.flow).toBeNull();
  expect(journey.answers).toEqual({});
  expect(useIdentityStore().givenName).toBeNull();
  expect(usePaperStore().printed).toBe(false);
  expect(useNavigationStore().screen).toBe('start');
  expect(useNavigationStore().history).toEqual([]);
  expect(useDisplayStore().textSize).toBe(100);
  expect(useDisplayStore().highContrast).toBe(false);
  expect(document.documentElement.hasAttribute('data-text-size')).toBe(false);
  expect(document.documentElement.classList.contains('high-contrast')).toBe(false);
  expect(useKioskStore().language).toBe('sv');
  expect(document.documentElement.lang).toBe('sv');
  expect(sessionStorage.length).toBe(0);
  expect(localStorage.length).toBe(0);
}

describe('the visit reset', () => {
  beforeEach(() => freshPinia());
  afterEach(() => removeBridge());

  it('drops the answers, sign-in, screen, display settings and language', async () => {
    const calls = installBridge({ 'session.reset': { reset: true } });
    visitInProgress();
    await resetVisit('finished');
    expectNothingLeft();
    expect(calls).toEqual([{ method: 'session.reset', params: { reason: 'finished' } }]);
  });

  it('keeps what the kiosk is (its config) across the reset', async () => {
    installBridge({ 'session.reset': { reset: true } });
    visitInProgress();
    await resetVisit('inactivity');
    expect(useKioskStore().info?.municipality.name).toBe('Provkommun');
  });

  it('clears the screen even when core cannot be reached', async () => {
    installBridge({});
    visitInProgress();
    await resetVisit('inactivity');
    expectNothingLeft();
  });

  it('asks core once when reset twice at the same time', async () => {
    const calls = installBridge({ 'session.reset': { reset: true } });
    visitInProgress();
    await Promise.all([resetVisit('inactivity'), resetVisit('inactivity')]);
    expect(calls.filter((c) => c.method === 'session.reset')).toHaveLength(1);
    expectNothingLeft();
  });

  it('core announcing a reset clears the renderer the same way', () => {
    visitInProgress();
    resetLocalState();
    expectNothingLeft();
  });
});
