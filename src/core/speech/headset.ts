/**
 * Is a headset plugged in? Speech mode turns on by itself when one is (docs/speech.md, "A headset"):
 * the European Accessibility Act's "allow for the use of personal headsets". A page cannot see a jack
 * (Chromium shows devices, not jacks, and not without a media permission), so core asks the sound
 * server, behind an adapter:
 *
 * - `pactl` (Linux: PulseAudio, or PipeWire through pipewire-pulse, which answers pactl the same way):
 *   `pactl subscribe` prints a line for every change ("Event 'change' on card #0"); after each batch
 *   the adapter reads `pactl --format=json list sinks` and sees a headset when a sink has a port of
 *   type Headphones/Headset (or named so: "analog-output-headphones") that is "available" — the jack
 *   sensed a plug — or the sink is a headset itself (`device.form_factor` headset/headphone: a USB or
 *   Bluetooth headset appears as a sink of its own).
 * - `none` (Windows, or a kiosk without a jack): never a headset. On Windows the same fact is the audio
 *   endpoint's state (IMMNotificationClient::OnDeviceStateChanged, DEVICE_STATE_ACTIVE on a
 *   headphone endpoint's jack, KSJACK_DESCRIPTION.IsConnected); that adapter is not built.
 *
 * The watcher never brings the kiosk down: pactl missing, refused by the sound server or crashing is
 * logged for IT (once per kind, never more often than the backoff) and tried again, 1 s doubling to
 * 5 minutes. The health check shows its state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { errorMessage } from '../../contract/errors';
import type { HealthCheckResult } from '../../contract/namespaces/staff';
import type { Logger } from '../log/logger';
import { CommandNotStarted, cLocaleEnv, firstLine, runProcess } from '../printing/process-runner';

export type HeadsetSetting = 'auto' | 'off';

/** What the watcher knows: `plugged` null until the sound server has answered once. */
export interface HeadsetState {
  adapter: string;
  status: 'off' | 'watching' | 'unavailable';
  plugged: boolean | null;
  /** For IT, when unavailable: why (English). */
  reason?: string;
}

export interface HeadsetAdapter {
  readonly name: string;
  /**
   * Starts watching: `plugged` is called with the current state first and then at every change;
   * `trouble` when the sound server cannot be read (the adapter goes on trying).
   */
  start(listener: { plugged(plugged: boolean): void; trouble(reason: string): void }): void;
  stop(): void;
}

/** The adapter that never sees a headset (Windows; `accessibility.speech.headset: off`). */
export function noHeadsetAdapter(): HeadsetAdapter {
  return { name: 'none', start: () => undefined, stop: () => undefined };
}

/** One sink of `pactl --format=json list sinks` (the fields read here). */
interface PactlSink {
  name?: string;
  properties?: Record<string, unknown>;
  ports?: Array<{ name?: string; type?: string; availability?: string }>;
}

const HEADSET_PORT_TYPES = new Set(['headphones', 'headset']);
const HEADSET_FORM_FACTORS = new Set(['headset', 'headphone', 'hands-free']);

/**
 * A headset is there: a sink's headphone/headset port is "available" (its jack sensed a plug), or the
 * sink is a headset itself. Throws on output that is not pactl's JSON list.
 */
export function headsetInSinks(json: string): boolean {
  const sinks = JSON.parse(json) as unknown;
  if (!Array.isArray(sinks)) throw new Error('pactl did not answer with a JSON list of sinks');
  return (sinks as PactlSink[]).some((sink) => {
    const form = sink.properties?.['device.form_factor'];
    if (typeof form === 'string' && HEADSET_FORM_FACTORS.has(form.toLowerCase())) return true;
    return (sink.ports ?? []).some(
      (p) =>
        p.availability === 'available' &&
        (HEADSET_PORT_TYPES.has((p.type ?? '').toLowerCase()) || /headphone|headset/i.test(p.name ?? '')),
    );
  });
}

/** A change that may move a jack or add a headset: cards, sinks and the server (a new default). */
const RELEVANT_EVENT = /^Event '(new|change|remove)' on (card|sink|server)\b/;

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;
/** A subscription that ran this long was healthy: the next failure starts the backoff again. */
const HEALTHY_MS = 60_000;
const LIST_TIMEOUT_MS = 5_000;
/** pactl prints several events for one plug (card, then sink): read once they have stopped. */
const SETTLE_MS = 150;

export function pactlHeadsetAdapter(
  options: { command?: string; env?: NodeJS.ProcessEnv; firstRetryMs?: number } = {},
): HeadsetAdapter {
  const command = options.command ?? 'pactl';
  const firstRetry = options.firstRetryMs ?? FIRST_RETRY_MS;
  // English messages whatever the kiosk's locale; PULSE_SERVER and XDG_RUNTIME_DIR find the server
  const env = () => cLocaleEnv(options.env ?? process.env);
  let child: ChildProcess | null = null;
  let stopped = true;
  let retryMs = firstRetry;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  let reading = false;
  let readAgain = false;
  let listener: Parameters<HeadsetAdapter['start']>[0] | null = null;

  async function read(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const result = await runProcess(command, ['--format=json', 'list', 'sinks'], {
          timeoutMs: LIST_TIMEOUT_MS,
          env: env(),
        });
        if (stopped) return;
        if (result.code !== 0)
          throw new Error(
            `pactl list sinks exited with ${result.timedOut ? 'a timeout' : String(result.code ?? result.signal)}: ${firstLine(result.stderr)}`,
          );
        listener?.plugged(headsetInSinks(result.stdout));
      } while (readAgain && !stopped);
    } catch (err) {
      if (!stopped) listener?.trouble(errorMessage(err));
    } finally {
      reading = false;
    }
  }

  function schedule(): void {
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      void read();
    }, SETTLE_MS);
  }

  function retry(reason: string): void {
    child = null;
    if (stopped) return;
    listener?.trouble(`${reason}; trying again in ${Math.round(retryMs / 1000)} s`);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      subscribe();
    }, retryMs);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }

  function subscribe(): void {
    if (stopped) return;
    const startedAt = Date.now();
    let buffered = '';
    let errText = '';
    let failed = false;
    let proc: ChildProcess;
    try {
      proc = spawn(command, ['subscribe'], {
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        shell: false,
      });
    } catch (err) {
      retry(new CommandNotStarted(command, (err as NodeJS.ErrnoException).code ?? 'error').message);
      return;
    }
    child = proc;
    proc.once('error', (err: NodeJS.ErrnoException) => {
      failed = true;
      if (child === proc) retry(new CommandNotStarted(command, err.code ?? 'error').message);
    });
    proc.once('spawn', () => void read());
    proc.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      if (lines.some((l) => RELEVANT_EVENT.test(l.trim()))) schedule();
      if (Date.now() - startedAt > HEALTHY_MS) retryMs = firstRetry;
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      if (errText.length < 1000) errText += chunk.toString();
    });
    proc.once('close', (code, signal) => {
      if (failed || child !== proc) return;
      if (Date.now() - startedAt > HEALTHY_MS) retryMs = firstRetry;
      const why = firstLine(errText);
      retry(`pactl subscribe ended (${String(code ?? signal)})${why ? `: ${why}` : ''}`);
    });
  }

  return {
    name: 'pactl',
    start(l) {
      listener = l;
      stopped = false;
      retryMs = firstRetry;
      subscribe();
    },
    stop() {
      stopped = true;
      listener = null;
      if (retryTimer) clearTimeout(retryTimer);
      if (settleTimer) clearTimeout(settleTimer);
      retryTimer = settleTimer = null;
      const proc = child;
      child = null;
      proc?.kill();
    },
  };
}

export interface HeadsetWatcher {
  state(): HeadsetState;
  /** `plugged` at every change the sound server reports (not when it says the same again). */
  onChange(listener: (plugged: boolean) => void): void;
  check(): HealthCheckResult;
  stop(): void;
}

/** The adapter for this kiosk: pactl on Linux when `auto`, otherwise none. */
export function headsetAdapterFor(setting: HeadsetSetting, platform: NodeJS.Platform): HeadsetAdapter | null {
  if (setting === 'off') return null;
  return platform === 'linux' ? pactlHeadsetAdapter() : noHeadsetAdapter();
}

/**
 * Watches through the adapter (null: turned off in the config), remembers the last state, and logs
 * trouble for IT — once per kind of trouble until the sound server answers again, never the whole
 * retry loop line by line.
 */
export function createHeadsetWatcher(adapter: HeadsetAdapter | null, logger: Logger): HeadsetWatcher {
  const listeners: Array<(plugged: boolean) => void> = [];
  let plugged: boolean | null = null;
  let trouble: string | null = null;
  let logged = new Set<string>();

  adapter?.start({
    plugged(now) {
      if (trouble !== null) logger.info({ adapter: adapter.name }, 'the headset watcher reads the sound server again');
      trouble = null;
      logged = new Set();
      if (now === plugged) return;
      const first = plugged === null;
      plugged = now;
      logger.info(
        { plugged: now },
        first ? 'headset state read' : now ? 'a headset was plugged in' : 'the headset was unplugged',
      );
      if (first && !now) return;
      for (const l of listeners) {
        try {
          l(now);
        } catch (err) {
          logger.warn({ reason: errorMessage(err) }, 'a headset listener failed');
        }
      }
    },
    trouble(reason) {
      trouble = reason;
      const kind = reason.replace(/; trying again in \d+ s$/, '').replace(/\d+/g, '#');
      if (logged.has(kind)) return;
      logged.add(kind);
      logger.warn({ adapter: adapter.name, reason }, 'the headset watcher cannot read the sound server');
    },
  });

  function state(): HeadsetState {
    if (!adapter) return { adapter: 'none', status: 'off', plugged: null };
    if (trouble !== null) return { adapter: adapter.name, status: 'unavailable', plugged, reason: trouble };
    return { adapter: adapter.name, status: 'watching', plugged };
  }

  return {
    state,
    onChange(l) {
      listeners.push(l);
    },
    check() {
      const s = state();
      if (s.status === 'off')
        return {
          id: 'headset',
          ok: true,
          severity: 'ok',
          key: 'headset_off',
          reason: 'headset detection is off (accessibility.speech.headset: off, or speech mode turned off)',
        };
      if (s.adapter === 'none')
        return {
          id: 'headset',
          ok: true,
          severity: 'ok',
          key: 'headset_unsupported',
          reason:
            'this platform does not report headsets to the kiosk: speech is turned on with keypad 5 or a long press',
        };
      if (s.status === 'unavailable')
        return {
          id: 'headset',
          ok: true,
          severity: 'warn',
          key: 'headset_unavailable',
          reason: `${s.reason ?? 'the sound server cannot be read'} — speech does not turn on by itself when a headset is plugged in (install pulseaudio-utils, run the kiosk in the sound server's session, or set accessibility.speech.headset: off)`,
        };
      return {
        id: 'headset',
        ok: true,
        severity: 'ok',
        key: 'ok',
        reason: `watching the sound server with pactl; ${s.plugged === null ? 'no answer yet' : s.plugged ? 'a headset is plugged in' : 'no headset plugged in'}`,
      };
    },
    stop() {
      adapter?.stop();
    },
  };
}
