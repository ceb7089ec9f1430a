// @vitest-environment happy-dom
/** What the journey keeps of a visitor's answers, and what it sends. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useJourneyStore } from '../../../../../src/renderer/src/stores/journey';
import { sampleFlow } from '../../../contract/flows/sample-flow';
import { freshPinia } from '../../support';

describe('the journey store', () => {
  beforeEach(() => freshPinia());

  it('opening an e-service starts on its first step with no answers from before', () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.setAnswers({ beskrivning: 'Förra tjänstens svar' });
    journey.open(sampleFlow());
    expect(journey.answers).toEqual({});
    expect(journey.currentStep?.id).toBe('start');
    expect(journey.stepNumber).toBe(1);
  });

  it('only the visible steps count: a step hidden by an answer is not in the way', () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.setAnswers({ roll: 'forare' });
    expect(journey.steps.map((s) => s.id)).toEqual(['start', 'uppgifter', 'slut']);
    journey.setAnswers({ roll: 'passagerare' });
    expect(journey.steps.map((s) => s.id)).toEqual(['start', 'uppgifter', 'val', 'slut']);
  });

  it('an answer to a field the visitor can no longer see is never sent', () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.setAnswers({ boende: 'yes', roll: 'forare', korkort: 'AB123' });
    expect(journey.answersToSend()).toMatchObject({ korkort: 'AB123' });
    journey.setAnswers({ boende: 'yes', roll: 'passagerare', korkort: 'AB123' });
    expect(journey.answersToSend()).not.toHaveProperty('korkort');
    expect(journey.answersToSend()).toMatchObject({ boende: 'yes', roll: 'passagerare' });
  });

  it("the register's answers fill in; a name the register gives cannot be changed", () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.setAnswers({ adress: { street: 'Egen väg 1', postalCode: '12345', city: 'Orten' } });
    journey.applyPrefill({
      answers: { namn: 'Anna Andersson', adress: { street: 'Registervägen 2', postalCode: '54321', city: 'Staden' } },
      children: [],
    });
    expect(journey.answers['namn']).toBe('Anna Andersson');
    expect(journey.lockedFields).toContain('namn');
    // what the visitor typed before is kept where it may be edited
    expect(journey.answers['adress']).toMatchObject({ street: 'Egen väg 1' });
  });

  it("logging out forgets what the register gave but keeps the visitor's own answers", () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    journey.setAnswers({ beskrivning: 'Min granne' });
    journey.applyPrefill({ answers: { namn: 'Anna Andersson' }, children: [] });
    journey.forgetPerson();
    expect(journey.answers).not.toHaveProperty('namn');
    expect(journey.answers['beskrivning']).toBe('Min granne');
    expect(journey.lockedFields).toEqual([]);
    expect(journey.prefilled).toBe(false);
  });

  it('finds the step of a problem core reported', () => {
    const journey = useJourneyStore();
    journey.open(sampleFlow());
    expect(journey.stepOfPath('adress.city')).toBe('uppgifter');
    expect(journey.stepOfPath('finns-inte')).toBeNull();
  });
});
