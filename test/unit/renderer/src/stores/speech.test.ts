// @vitest-environment happy-dom
/**
 * Speech mode's own state: on for this visitor, speed and volume in steps from the kiosk's setting,
 * and nothing of it left for the next visitor. A long screen is said in pieces the contract accepts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SPEECH_RATES, SPEECH_VOLUMES, speechRequestSchema } from '../../../../../src/contract';
import { sentencesUpTo } from '../../../../../src/renderer/src/composables/useSpeechMode';
import { resetLocalState } from '../../../../../src/renderer/src/composables/useVisitReset';
import { useKioskStore } from '../../../../../src/renderer/src/stores/kiosk';
import { useSpeechStore } from '../../../../../src/renderer/src/stores/speech';
import { kioskInfo } from '../../kiosk-info';
import { freshPinia } from '../../support';

describe('speech mode', () => {
  beforeEach(() => {
    freshPinia();
    useKioskStore().info = kioskInfo();
  });

  it('starts at the configured speed, steps faster and slower within the scale', () => {
    const speech = useSpeechStore();
    speech.turnOn(180);
    expect(speech.on).toBe(true);
    expect(speech.rate()).toBe(175);
    expect(speech.volume()).toBe(100);
    for (let i = 0; i < 10; i++) speech.stepRate(1);
    expect(speech.rate()).toBe(SPEECH_RATES[SPEECH_RATES.length - 1]);
    expect(speech.stepRate(1)).toBe(false);
    for (let i = 0; i < 10; i++) speech.stepVolume(-1);
    expect(speech.volume()).toBe(SPEECH_VOLUMES[0]);
  });

  it('is off again, at its first speed and volume, for the next visitor', () => {
    const speech = useSpeechStore();
    speech.turnOn(250);
    speech.stepVolume(1);
    resetLocalState();
    expect(speech.on).toBe(false);
    expect(speech.volume()).toBe(100);
    speech.turnOn(175);
    expect(speech.rate()).toBe(175);
  });

  it('says a long screen in pieces cut at sentence ends, each one the contract accepts', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Mening nummer ${i} om ditt ärende.`).join(' ');
    const pieces = sentencesUpTo(long, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join(' ')).toBe(long);
    for (const text of pieces) {
      expect(text).toMatch(/\.$/);
      expect(speechRequestSchema.safeParse({ language: 'sv', text, rate: 175, volume: 100 }).success).toBe(true);
    }
    expect(sentencesUpTo('Kort.', 3000)).toEqual(['Kort.']);
  });
});
