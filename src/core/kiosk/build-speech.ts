/**
 * The speech service (docs/speech.md): espeak-ng per the config, its utterances sent to the screen as
 * `speech.utterance`, and silence at the end of every visit; and the headset watcher, whose plugs and
 * unplugs go to the screen as `speech.headset` (the screen turns speech on).
 */
import { createEspeakEngine, type SpeechEngine } from '../speech/espeak';
import { createHeadsetWatcher, headsetAdapterFor, type HeadsetAdapter, type HeadsetWatcher } from '../speech/headset';
import { createSpeechService, type SpeechService } from '../speech/speech-service';
import type { KioskContext } from './kiosk-context';

export type KioskSpeech = SpeechService & { headset: HeadsetWatcher };

export function buildSpeech(
  ctx: KioskContext,
  parts: { engine?: SpeechEngine; headset?: HeadsetAdapter | null } = {},
): KioskSpeech {
  const settings = ctx.config.accessibility.speech;
  const speech = createSpeechService({
    settings,
    engine: parts.engine ?? createEspeakEngine(settings.command),
    emit: (utterance) => ctx.emit('speech.utterance', utterance),
    logger: ctx.logger,
  });
  ctx.visit.onReset('speech', () => speech.stop());
  ctx.closers.push(() => speech.stop());
  const adapter =
    parts.headset !== undefined
      ? parts.headset
      : settings.enabled
        ? headsetAdapterFor(settings.headset, process.platform)
        : null;
  const headset = createHeadsetWatcher(adapter, ctx.logger);
  headset.onChange((plugged) => ctx.emit('speech.headset', { plugged }));
  ctx.closers.push(() => headset.stop());
  return { ...speech, headset };
}
