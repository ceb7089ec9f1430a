/**
 * The kiosk's voice, for real: espeak-ng renders utterances in Swedish, English and Arabic, sox
 * measures that there is speech of plausible length in each; the speech service sends every utterance
 * as an event, cuts off what is being said, falls silent at the end of a visit, and never logs a word.
 * Runs in test:integration (whole programs: espeak-ng, sox).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Utterance } from '../../../../src/contract';
import { createEspeakEngine, parseVoices } from '../../../../src/core/speech/espeak';
import { createSpeechService } from '../../../../src/core/speech/speech-service';
import { captureLogger } from '../identity/support/log-capture';

const VOICES = { sv: 'sv', en: 'en-gb', ar: 'ar' } as const;
const engine = createEspeakEngine('espeak-ng');
const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-speech-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** sox's `stat` of a WAV file (written to stderr): its length in seconds and its RMS amplitude. */
function stat(file: string): { seconds: number; rms: number } {
  let text = '';
  try {
    text = execFileSync('sh', ['-c', 'sox "$1" -n stat 2>&1', 'sh', file], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`sox could not read ${file}`, { cause: err });
  }
  const num = (label: string) => Number(new RegExp(`${label}:\\s+([-0-9.]+)`).exec(text)?.[1] ?? NaN);
  return { seconds: num('Length \\(seconds\\)'), rms: num('RMS\\s+amplitude') };
}

describe('espeak-ng voices', () => {
  it('finds a voice for Swedish, English and Arabic, as the health check reports them', async () => {
    const voices = await engine.voices();
    for (const v of Object.values(VOICES)) expect(voices.map((x) => x.language)).toContain(v);
    const log = captureLogger();
    const speech = createSpeechService({
      settings: { enabled: true, command: 'espeak-ng', voices: VOICES },
      engine,
      emit: () => undefined,
      logger: log.logger,
    });
    const check = await speech.check(['sv', 'en', 'ar']);
    expect(check).toMatchObject({ id: 'speech', ok: true, severity: 'ok' });
    expect(check.reason).toMatch(/eSpeak NG.*sv: sv \(Swedish\), en: en-gb \(English.*\), ar: ar \(Arabic\)/);
  });

  it('a missing program or voice fails the health check with what to do', async () => {
    const log = captureLogger();
    const missing = createSpeechService({
      settings: { enabled: true, command: 'espeak-ng-not-installed', voices: VOICES },
      engine: createEspeakEngine('espeak-ng-not-installed'),
      emit: () => undefined,
      logger: log.logger,
    });
    expect(await missing.check(['sv'])).toMatchObject({ ok: false, severity: 'fail', key: 'speech_engine_missing' });
    const noVoice = createSpeechService({
      settings: { enabled: true, command: 'espeak-ng', voices: { ...VOICES, ar: 'xx-nowhere' } },
      engine,
      emit: () => undefined,
      logger: log.logger,
    });
    const check = await noVoice.check(['sv', 'ar']);
    expect(check).toMatchObject({ ok: false, key: 'speech_voice_missing' });
    expect(check.reason).toContain('no voice for ar (voice "xx-nowhere")');
  });

  it('reads the listing of `espeak-ng --voices`', () => {
    expect(
      parseVoices(
        ' Pty Language       Age/Gender VoiceName          File                 Other Languages\n 5  sv              --/M      Swedish            gmq/sv\n 2  en-gb           --/M      English_(Great_Britain) gmw/en (en 2)\n',
      ),
    ).toEqual([
      { language: 'sv', name: 'Swedish' },
      { language: 'en-gb', name: 'English (Great Britain)' },
    ]);
  });
});

describe('espeak-ng renders speech in every language (measured with sox)', () => {
  const cases = [
    {
      language: 'sv',
      voice: VOICES.sv,
      text: 'Välkommen till Testby kommun. Ditt personnummer är nitton nittio, noll ett, noll ett, tjugotre åttiofem.',
    },
    {
      language: 'en',
      voice: VOICES.en,
      text: 'Welcome to Testby municipality. Press five on the keypad to hear this screen again.',
    },
    {
      language: 'ar',
      voice: VOICES.ar,
      text: 'مرحبا بك في بلدية تستبي. اضغط على المفتاح خمسة لسماع هذه الشاشة مرة أخرى.',
    },
  ] as const;
  for (const c of cases) {
    it(`${c.language}: a sentence is seconds of sound, not silence and not a click`, async () => {
      const wav = await engine.synthesize(c.text, { voice: c.voice, rate: 175, volume: 100 });
      expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
      const file = path.join(dir, `${c.language}.wav`);
      writeFileSync(file, wav);
      const { seconds, rms } = stat(file);
      // about 13-20 words at 175 words a minute: several seconds of speech
      expect(seconds).toBeGreaterThan(2.5);
      expect(seconds).toBeLessThan(20);
      expect(rms).toBeGreaterThan(0.02);
      rmSync(file);
    });
  }

  it('a faster rate gives shorter speech', async () => {
    const text = 'Kontrollera dina uppgifter innan du skickar in ärendet.';
    const slow = await engine.synthesize(text, { voice: 'sv', rate: 120, volume: 100 });
    const fast = await engine.synthesize(text, { voice: 'sv', rate: 300, volume: 100 });
    expect(fast.length).toBeLessThan(slow.length * 0.7);
  });
});

describe('the speech service', () => {
  it('sends each utterance as an event with its values in words, and never logs what is said', async () => {
    const heard: Utterance[] = [];
    const log = captureLogger();
    const speech = createSpeechService({
      settings: { enabled: true, command: 'espeak-ng', voices: VOICES },
      engine,
      emit: (u) => heard.push(u),
      logger: log.logger,
    });
    speech.say({ language: 'sv', text: 'Personnummer 19900101-2385', rate: 175, volume: 100 });
    speech.say({ language: 'sv', text: 'Fel: Fyll i det här fältet.', queue: true, rate: 175, volume: 100 });
    speech.say({ language: 'en', text: 'Your reference is K7-4F9Q-2', rate: 210, volume: 70 });
    speech.stop();
    expect(heard).toEqual([
      {
        language: 'sv',
        text: 'Personnummer nitton nittio, noll ett, noll ett, tjugotre åttiofem',
        queued: false,
        rate: 175,
        volume: 100,
      },
      { language: 'sv', text: 'Fel: Fyll i det här fältet.', queued: true, rate: 175, volume: 100 },
      { language: 'en', text: 'Your reference is K seven, four F nine Q, two', queued: false, rate: 210, volume: 70 },
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(log.text()).not.toMatch(/nitton|2385|Personnummer|K7|reference/);
  });

  it('a program that cannot be started is logged once, without the words', async () => {
    const log = captureLogger();
    const speech = createSpeechService({
      settings: { enabled: true, command: 'espeak-ng-not-installed', voices: VOICES },
      engine: createEspeakEngine('espeak-ng-not-installed'),
      emit: () => undefined,
      logger: log.logger,
    });
    speech.say({ language: 'sv', text: 'Anna Andersson', rate: 175, volume: 100 });
    speech.say({ language: 'sv', text: 'Anna Andersson', queue: true, rate: 175, volume: 100 });
    await expect.poll(() => log.lines().length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(log.lines()).toHaveLength(1);
    expect(log.text()).toContain('speech could not be played');
    expect(log.text()).not.toContain('Anna');
  });

  it('is silent when speech mode is turned off in the config', () => {
    const heard: Utterance[] = [];
    const speech = createSpeechService({
      settings: { enabled: false, command: 'espeak-ng', voices: VOICES },
      engine,
      emit: (u) => heard.push(u),
      logger: captureLogger().logger,
    });
    speech.say({ language: 'sv', text: 'Hej', rate: 175, volume: 100 });
    expect(heard).toEqual([]);
  });
});
