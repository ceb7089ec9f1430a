import { defineStore } from 'pinia';
import { ref } from 'vue';
import { SPEECH_RATES, SPEECH_VOLUMES } from '../../../contract';

/**
 * Speech mode for this visitor (docs/speech.md): on or off, how fast and how loud. Part of the visit:
 * the reset turns speech off and puts speed and volume back (core stops the voice at the same moment).
 * `startRate` is the kiosk's configured words per minute; the visitor steps from there.
 */
export const useSpeechStore = defineStore('speech', () => {
  const on = ref(false);
  const rateStep = ref<number | null>(null);
  const volumeStep = ref(SPEECH_VOLUMES.indexOf(100));

  function turnOn(startRate: number): void {
    if (rateStep.value === null) rateStep.value = closest(SPEECH_RATES, startRate);
    on.value = true;
  }

  function turnOff(): void {
    on.value = false;
  }

  function rate(): number {
    return SPEECH_RATES[rateStep.value ?? closest(SPEECH_RATES, 175)] as number;
  }

  function volume(): number {
    return SPEECH_VOLUMES[volumeStep.value] as number;
  }

  /** One step faster (+1) or slower (−1); false at the end of the scale. */
  function stepRate(by: 1 | -1): boolean {
    const now = rateStep.value ?? closest(SPEECH_RATES, 175);
    const next = Math.min(SPEECH_RATES.length - 1, Math.max(0, now + by));
    rateStep.value = next;
    return next !== now;
  }

  function stepVolume(by: 1 | -1): boolean {
    const now = volumeStep.value;
    volumeStep.value = Math.min(SPEECH_VOLUMES.length - 1, Math.max(0, now + by));
    return volumeStep.value !== now;
  }

  return { on, rateStep, volumeStep, turnOn, turnOff, rate, volume, stepRate, stepVolume };
});

function closest(steps: readonly number[], value: number): number {
  let best = 0;
  for (const [i, s] of steps.entries()) if (Math.abs(s - value) < Math.abs((steps[best] as number) - value)) best = i;
  return best;
}
