/**
 * espeak-ng, driven as a program: the kiosk's offline voice on Linux and Windows alike. The text goes
 * in on stdin — never on the command line, where any user of the machine could read it in the process
 * list — and the sound goes straight to the sound card (`speak`) or comes back as a WAV in memory
 * (`synthesize`): no sound file is ever written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CommandNotStarted, runProcess } from '../printing/process-runner';

export interface Voice {
  /** espeak-ng's language code ("sv", "en-us", "ar"): what `-v` takes. */
  language: string;
  /** Its name ("Swedish"). */
  name: string;
}

export interface SpeakOptions {
  voice: string;
  /** Words per minute. */
  rate: number;
  /** espeak-ng's amplitude, 100 normal. */
  volume: number;
}

/** A sentence being spoken; `stop()` ends it at once. */
export interface Speaking {
  /** Settles when the sentence has been said, was stopped, or could not be said (the error). */
  done: Promise<void>;
  stop(): void;
}

export interface SpeechEngine {
  /** The program's name and version ("eSpeak NG text-to-speech: 1.51 …"), or an error. */
  version(): Promise<string>;
  voices(): Promise<Voice[]>;
  speak(text: string, options: SpeakOptions): Speaking;
  /** The utterance as a WAV file in memory (tests, and the health check's proof of a voice). */
  synthesize(text: string, options: SpeakOptions): Promise<Buffer>;
}

const LIST_TIMEOUT_MS = 10_000;
const SYNTH_TIMEOUT_MS = 60_000;

function args(options: SpeakOptions): string[] {
  return [
    '-v',
    options.voice,
    '-s',
    String(Math.round(options.rate)),
    '-a',
    String(Math.round(options.volume)),
    '-b',
    '1', // the text is UTF-8
    '--stdin',
  ];
}

/** `espeak-ng --voices`: "Pty Language Age/Gender VoiceName File Other Languages" and a line a voice. */
export function parseVoices(listing: string): Voice[] {
  const voices: Voice[] = [];
  for (const line of listing.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || !cols[1]) continue;
    voices.push({ language: cols[1], name: (cols[3] ?? '').replace(/_/g, ' ') });
  }
  return voices;
}

export function createEspeakEngine(command: string): SpeechEngine {
  function start(options: SpeakOptions, stdout: 'ignore' | 'pipe'): ChildProcess {
    const child = spawn(command, stdout === 'pipe' ? [...args(options), '--stdout'] : args(options), {
      stdio: ['pipe', stdout, 'ignore'],
      windowsHide: true,
      shell: false,
    });
    // a program that exits before it has read the text must not crash the kiosk with EPIPE
    child.stdin?.on('error', () => undefined);
    return child;
  }

  return {
    async version() {
      const r = await runProcess(command, ['--version'], { timeoutMs: LIST_TIMEOUT_MS });
      if (r.code !== 0) throw new Error(`${command} --version exited with ${r.code ?? r.signal}`);
      return r.stdout.trim().split('\n')[0] ?? command;
    },
    async voices() {
      const r = await runProcess(command, ['--voices'], { timeoutMs: LIST_TIMEOUT_MS });
      if (r.code !== 0) throw new Error(`${command} --voices exited with ${r.code ?? r.signal}`);
      return parseVoices(r.stdout);
    },
    speak(text, options) {
      let child: ChildProcess | null = null;
      const done = new Promise<void>((resolve, reject) => {
        try {
          child = start(options, 'ignore');
        } catch (err) {
          reject(new CommandNotStarted(command, (err as NodeJS.ErrnoException).code ?? 'error'));
          return;
        }
        child.once('error', (err: NodeJS.ErrnoException) =>
          reject(new CommandNotStarted(command, err.code ?? 'error')),
        );
        child.once('close', (code, signal) => {
          if (code === 0 || signal === 'SIGTERM') resolve();
          else reject(new Error(`${command} exited with ${code ?? signal}`));
        });
        child.stdin?.end(text, 'utf8');
      });
      return {
        done,
        stop() {
          const c = child as ChildProcess | null;
          if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
        },
      };
    },
    synthesize(text, options) {
      return new Promise<Buffer>((resolve, reject) => {
        const child = start(options, 'pipe');
        const chunks: Buffer[] = [];
        const timer = setTimeout(() => child.kill('SIGKILL'), SYNTH_TIMEOUT_MS);
        child.stdout?.on('data', (c: Buffer) => chunks.push(c));
        child.once('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new CommandNotStarted(command, err.code ?? 'error'));
        });
        child.once('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve(Buffer.concat(chunks));
          else reject(new Error(`${command} exited with ${code ?? signal}`));
        });
        child.stdin?.end(text, 'utf8');
      });
    },
  };
}
