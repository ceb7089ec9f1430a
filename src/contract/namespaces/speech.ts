import { z } from 'zod';
import { method } from '../define';
import { languageSchema } from './app';

/** Words per minute the visitor can choose between (the keypad's + and − step through them). */
export const SPEECH_RATES = [120, 150, 175, 210, 250, 300] as const;
/** Loudness steps (espeak-ng's amplitude, 100 its normal), stepped by the keypad's * and /. */
export const SPEECH_VOLUMES = [40, 70, 100, 140, 180] as const;

/**
 * What the speech service is told to say. `text` is what the screen shows (a heading, a control and
 * its state, an error); core puts personnummer, dates, references, amounts and phone numbers into
 * words before it is spoken. `queue: false` (the default) stops what is being said first — the visitor
 * moved on — `true` says it after (an error that appeared, a time warning).
 */
export const speechRequestSchema = z
  .object({
    language: languageSchema,
    text: z.string().min(1).max(4000),
    queue: z.boolean().optional(),
    rate: z.number().int().min(80).max(450),
    volume: z.number().int().min(10).max(200),
  })
  .strict();
export type SpeechRequest = z.infer<typeof speechRequestSchema>;

/** One utterance as it is spoken: every word the visitor hears passes here, in this order. */
export const utteranceSchema = z.object({
  language: languageSchema,
  /** The words spoken (values already put into words). */
  text: z.string(),
  queued: z.boolean(),
  rate: z.number().int(),
  volume: z.number().int(),
});
export type Utterance = z.infer<typeof utteranceSchema>;

export const speechMethods = {
  /** Say this (speech mode is on). Answers at once; the utterance goes out as `speech.utterance`. */
  'speech.say': method(speechRequestSchema, z.object({})),
  /** Stop speaking and forget what was queued (speech mode turned off). */
  'speech.stop': method(z.object({}).strict(), z.object({})),
  /**
   * Is a headset plugged in now, as the sound server reports it (null: the kiosk cannot tell — no
   * watcher on this platform, turned off, or the sound server not answering). Asked by a new visit's
   * start screen: a headset still in turns speech on for the next visitor too.
   */
  'speech.headset': method(z.object({}).strict(), z.object({ plugged: z.boolean().nullable() })),
} as const;

export const speechEvents = {
  /** An utterance the kiosk speaks now (or next, when queued). */
  'speech.utterance': utteranceSchema,
  /** A headset was plugged in (`true`) or pulled out, as the sound server reports it (docs/speech.md). */
  'speech.headset': z.object({ plugged: z.boolean() }),
} as const;
