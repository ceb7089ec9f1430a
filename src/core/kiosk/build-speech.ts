/**
 * The speech service (docs/speech.md): espeak-ng per the config, its utterances sent to the screen as
 * `speech.utterance`, and silence at the end of every visit.
 */
import { createEspeakEngine, type SpeechEngine } from '../speech/espeak';
import { createSpeechService, type SpeechService } from '../speech/speech-service';
import type { KioskContext } from './kiosk-context';

export function buildSpeech(ctx: KioskContext, engine?: SpeechEngine): SpeechService {
  const settings = ctx.config.accessibility.speech;
  const speech = createSpeechService({
    settings,
    engine: engine ?? createEspeakEngine(settings.command),
    emit: (utterance) => ctx.emit('speech.utterance', utterance),
    logger: ctx.logger,
  });
  ctx.visit.onReset('speech', () => speech.stop());
  ctx.closers.push(() => speech.stop());
  return speech;
}
