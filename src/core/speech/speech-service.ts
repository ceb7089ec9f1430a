/**
 * The one speech service of the kiosk (docs/speech.md). Every word the visitor hears passes here: the
 * screen asks (`speech.say`), the service puts the values into words (spoken-values.ts), tells the
 * screen what it speaks (the `speech.utterance` event: tests assert the sequence of utterances per
 * screen from it) and has espeak-ng say it, one utterance after another; a new one that is not queued
 * cuts off what is being said. At the end of every visit it stops at once and forgets the queue.
 *
 * What is spoken is the visitor's own data (their name, their personnummer): it never reaches a log
 * line, an error message or a file. Only the fact that speech failed is logged, once per kind.
 */
import type { Language } from '../../contract/namespaces/app';
import type { HealthCheckResult } from '../../contract/namespaces/staff';
import type { SpeechRequest, Utterance } from '../../contract/namespaces/speech';
import { errorMessage } from '../../contract/errors';
import type { Logger } from '../log/logger';
import type { SpeechEngine, Speaking, Voice } from './espeak';
import { spokenText } from './spoken-values';

export interface SpeechSettings {
  enabled: boolean;
  command: string;
  /** espeak-ng voice per kiosk language. */
  voices: Record<Language, string>;
}

export interface SpeechService {
  say(request: SpeechRequest): void;
  stop(): void;
  /** The voices found for the kiosk's languages at the last check. */
  check(languages: readonly Language[]): Promise<HealthCheckResult>;
}

export function createSpeechService(options: {
  settings: SpeechSettings;
  engine: SpeechEngine;
  emit: (utterance: Utterance) => void;
  logger: Logger;
}): SpeechService {
  const { settings, engine, emit, logger } = options;
  const queue: Array<{ text: string; language: Language; rate: number; volume: number }> = [];
  let current: Speaking | null = null;
  let reported = false;

  function pump(): void {
    if (current) return;
    const next = queue.shift();
    if (!next) return;
    const speaking = engine.speak(next.text, {
      voice: settings.voices[next.language],
      rate: next.rate,
      volume: next.volume,
    });
    current = speaking;
    speaking.done
      .catch((err: unknown) => {
        // the fact only: never the words
        if (!reported) logger.warn({ reason: errorMessage(err) }, 'speech could not be played');
        reported = true;
      })
      .finally(() => {
        if (current === speaking) current = null;
        pump();
      });
  }

  function stop(): void {
    queue.length = 0;
    const speaking = current;
    current = null;
    speaking?.stop();
  }

  return {
    say(request) {
      if (!settings.enabled) return;
      const text = spokenText(request.text, request.language);
      const queued = request.queue ?? false;
      if (!queued) stop();
      queue.push({ text, language: request.language, rate: request.rate, volume: request.volume });
      emit({ language: request.language, text, queued, rate: request.rate, volume: request.volume });
      pump();
    },
    stop,
    async check(languages) {
      if (!settings.enabled)
        return {
          id: 'speech',
          ok: true,
          severity: 'ok',
          key: 'speech_off',
          reason: 'speech mode is turned off (accessibility.speech.enabled: false)',
        };
      let version: string;
      let voices: Voice[];
      try {
        [version, voices] = await Promise.all([engine.version(), engine.voices()]);
      } catch (err) {
        return {
          id: 'speech',
          ok: false,
          severity: 'fail',
          key: 'speech_engine_missing',
          reason: `${errorMessage(err)}: install espeak-ng (Debian: apt-get install espeak-ng) or set accessibility.speech.command to its path`,
        };
      }
      const found = languages.map((l) => ({ l, voice: voices.find((v) => v.language === settings.voices[l]) }));
      const missing = found.filter((f) => !f.voice).map((f) => `${f.l} (voice "${settings.voices[f.l]}")`);
      const list = found
        .filter((f) => f.voice)
        .map((f) => `${f.l}: ${f.voice!.language} (${f.voice!.name})`)
        .join(', ');
      if (missing.length > 0)
        return {
          id: 'speech',
          ok: false,
          severity: 'fail',
          key: 'speech_voice_missing',
          reason: `${version}: no voice for ${missing.join(', ')}; voices found: ${list || 'none'}. Install the espeak-ng voice data or change accessibility.speech.voices`,
        };
      return { id: 'speech', ok: true, severity: 'ok', key: 'ok', reason: `${version}; voices ${list}` };
    },
  };
}
