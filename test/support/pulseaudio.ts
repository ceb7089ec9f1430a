/**
 * A real PulseAudio 16 daemon of the test's own (Debian: pulseaudio, pulseaudio-utils), on its own
 * socket in a temporary folder, with one ordinary sink ("loudspeaker"). A headset is plugged in the
 * way a USB or Bluetooth headset arrives: a sink of its own with `device.form_factor=headset` (a null
 * sink: nothing is played). The kiosk finds the server through PULSE_SERVER in `env`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SoundServer {
  /** The environment that finds this server (PULSE_SERVER), for pactl and the kiosk. */
  env: NodeJS.ProcessEnv;
  dir: string;
  pactl(...args: string[]): string;
  /** Plugs a headset in; returns what unplugs it. */
  plugHeadset(): () => void;
  /** Stops the daemon (the folder stays until `remove`); `start` brings it back on the same socket. */
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

/** Polls until `ok` (the tests' wait for the sound server and the watcher). */
export async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startSoundServer(): Promise<SoundServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-pulse-'));
  const socket = path.join(dir, 'native');
  const env = { ...process.env, PULSE_SERVER: `unix:${socket}`, HOME: dir, XDG_RUNTIME_DIR: dir };
  let daemon: ChildProcess | null = null;
  const pactl = (...args: string[]) =>
    execFileSync('pactl', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  async function start(): Promise<void> {
    daemon = spawn(
      'pulseaudio',
      [
        '-n',
        '--daemonize=no',
        '--exit-idle-time=-1',
        '--use-pid-file=no',
        '--disable-shm',
        '-L',
        `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
        '-L',
        'module-null-sink sink_name=loudspeaker',
      ],
      { env, stdio: 'ignore' },
    );
    await until('pulseaudio to answer', () => {
      try {
        pactl('info');
        return true;
      } catch {
        return false;
      }
    });
  }

  async function stop(): Promise<void> {
    const d = daemon;
    daemon = null;
    if (!d || d.exitCode !== null) return;
    const gone = new Promise((r) => d.once('exit', r));
    d.kill('SIGTERM');
    await gone;
  }

  await start();
  return {
    env,
    dir,
    pactl,
    plugHeadset() {
      const module = pactl(
        'load-module',
        'module-null-sink',
        'sink_name=headset',
        'sink_properties=device.form_factor=headset',
      ).trim();
      return () => void pactl('unload-module', module);
    },
    stop,
    start,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
