/**
 * The headset watcher (docs/speech.md, "A headset turns speech on"), against a real PulseAudio 16
 * daemon read with the real pactl: a headset that appears as a sink of its own (a USB or Bluetooth
 * headset: `device.form_factor=headset`, loaded here as a null sink with that property) is seen when
 * it comes and when it goes; the sound server dying and coming back is lived through. A jack's port
 * cannot be faked on a null sink, so the port rule is checked on pactl's JSON for a laptop's
 * HDA sink, in the shape pactl 16 prints (its keys: name, description, type, priority,
 * availability_group, availability — "available", "not available", "availability unknown").
 * Runs in test:integration (a real sound server; Debian: pulseaudio, pulseaudio-utils).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createHeadsetWatcher,
  headsetAdapterFor,
  headsetInSinks,
  pactlHeadsetAdapter,
} from '../../../../src/core/speech/headset';
import { startSoundServer, until, type SoundServer } from '../../../support/pulseaudio';
import { captureLogger } from '../identity/support/log-capture';

let server: SoundServer;
let env: NodeJS.ProcessEnv;
let dir: string;
const stops: Array<() => void> = [];

beforeAll(async () => {
  server = await startSoundServer();
  env = server.env;
  dir = server.dir;
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});
afterAll(async () => {
  await server.remove();
});

function watch(adapter = pactlHeadsetAdapter({ env, firstRetryMs: 100 })) {
  const log = captureLogger();
  const watcher = createHeadsetWatcher(adapter, log.logger);
  stops.push(() => watcher.stop());
  const changes: boolean[] = [];
  watcher.onChange((plugged) => changes.push(plugged));
  return { watcher, changes, log };
}

describe('the headset watcher on a real PulseAudio', () => {
  it('sees a headset come and go, says so once each time, and the health check shows it', async () => {
    const { watcher, changes } = watch();
    await until('the first reading', () => watcher.state().plugged !== null);
    expect(watcher.state()).toEqual({ adapter: 'pactl', status: 'watching', plugged: false });
    expect(watcher.check()).toMatchObject({ id: 'headset', ok: true, severity: 'ok' });
    expect(watcher.check().reason).toContain('no headset plugged in');
    // nothing plugged at the start is no change: the screen is not told
    expect(changes).toEqual([]);

    const unplug = server.plugHeadset();
    await until('the headset to be seen', () => changes.length === 1);
    expect(changes).toEqual([true]);
    expect(watcher.state().plugged).toBe(true);
    expect(watcher.check().reason).toContain('a headset is plugged in');

    unplug();
    await until('the headset to be gone', () => changes.length === 2);
    expect(changes).toEqual([true, false]);
  });

  it('a headset already in when the kiosk starts is reported at once', async () => {
    const unplug = server.plugHeadset();
    try {
      const { watcher, changes } = watch();
      await until('the first reading', () => changes.length === 1);
      expect(changes).toEqual([true]);
      expect(watcher.state().plugged).toBe(true);
    } finally {
      unplug();
    }
  });

  it('lives through the sound server dying: a warning for IT, no crash, and watching again when it is back', async () => {
    const { watcher, changes, log } = watch();
    await until('the first reading', () => watcher.state().plugged === false);
    await server.stop();
    await until('the watcher to notice', () => watcher.state().status === 'unavailable');
    expect(watcher.check()).toMatchObject({ ok: true, severity: 'warn', key: 'headset_unavailable' });
    await server.start();
    const unplug = server.plugHeadset();
    try {
      await until('the headset on the new server', () => changes.includes(true), 30_000);
      expect(watcher.state().status).toBe('watching');
      const warnings = log.lines().filter((l) => l.msg === 'the headset watcher cannot read the sound server');
      // the retry loop is logged once per kind of trouble, not at every retry
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.length).toBeLessThanOrEqual(3);
      expect(log.lines().some((l) => l.msg === 'the headset watcher reads the sound server again')).toBe(true);
    } finally {
      unplug();
    }
  });
});

describe('the headset watcher without a sound server to read', () => {
  it('pactl not installed: a warning in the health check with what to do, and the kiosk goes on', async () => {
    const { watcher, changes, log } = watch(
      pactlHeadsetAdapter({ command: path.join(dir, 'no-such-pactl'), env, firstRetryMs: 50 }),
    );
    await until('the watcher to give up for now', () => watcher.state().status === 'unavailable');
    const check = watcher.check();
    expect(check).toMatchObject({ id: 'headset', ok: true, severity: 'warn', key: 'headset_unavailable' });
    expect(check.reason).toContain('ENOENT');
    expect(check.reason).toContain('pulseaudio-utils');
    // retried with a growing pause, and logged once
    await new Promise((r) => setTimeout(r, 400));
    expect(log.lines().filter((l) => l.msg === 'the headset watcher cannot read the sound server')).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it('a pactl that crashes at once is started again, and its complaint reaches the log', async () => {
    const crashing = path.join(dir, 'crashing-pactl');
    writeFileSync(crashing, '#!/bin/sh\necho "Connection failure: Connection refused" >&2\nexit 1\n');
    chmodSync(crashing, 0o755);
    const { watcher, log } = watch(pactlHeadsetAdapter({ command: crashing, env, firstRetryMs: 20 }));
    await until('the watcher to give up for now', () => watcher.state().status === 'unavailable');
    expect(watcher.state().reason).toContain('Connection refused');
    await new Promise((r) => setTimeout(r, 300));
    expect(
      log.lines().filter((l) => l.msg === 'the headset watcher cannot read the sound server').length,
    ).toBeLessThanOrEqual(3);
  });

  it('off in the config, or on a platform without the pactl adapter, says so', () => {
    expect(headsetAdapterFor('off', 'linux')).toBeNull();
    const off = createHeadsetWatcher(null, captureLogger().logger);
    expect(off.check()).toMatchObject({ ok: true, severity: 'ok', key: 'headset_off' });
    const windows = createHeadsetWatcher(headsetAdapterFor('auto', 'win32'), captureLogger().logger);
    expect(windows.check()).toMatchObject({ ok: true, severity: 'ok', key: 'headset_unsupported' });
    expect(windows.state().plugged).toBeNull();
  });
});

/** A laptop's HDA sink as `pactl --format=json list sinks` prints it (properties shortened). */
function hdaSink(headphones: 'available' | 'not available' | 'availability unknown'): string {
  return JSON.stringify([
    {
      index: 55,
      state: 'RUNNING',
      name: 'alsa_output.pci-0000_00_1f.3.analog-stereo',
      description: 'Built-in Audio Analog Stereo',
      driver: 'module-alsa-card.c',
      properties: { 'device.bus': 'pci', 'device.form_factor': 'internal', 'device.api': 'alsa' },
      ports: [
        {
          name: 'analog-output-speaker',
          description: 'Speakers',
          type: 'Speaker',
          priority: 10000,
          availability_group: 'Legacy 1',
          availability: 'availability unknown',
        },
        {
          name: 'analog-output-headphones',
          description: 'Headphones',
          type: 'Headphones',
          priority: 9900,
          availability_group: 'Legacy 2',
          availability: headphones,
        },
      ],
      active_port: headphones === 'available' ? 'analog-output-headphones' : 'analog-output-speaker',
      formats: ['pcm'],
    },
  ]);
}

describe('which sinks mean a headset', () => {
  it('a headphone jack that sensed a plug', () => {
    expect(headsetInSinks(hdaSink('available'))).toBe(true);
    expect(headsetInSinks(hdaSink('not available'))).toBe(false);
    // no jack sensing: the kiosk cannot tell, so it does not guess
    expect(headsetInSinks(hdaSink('availability unknown'))).toBe(false);
  });

  it('a port named for headphones where the type is missing (older servers), and headset sinks', () => {
    const old = JSON.parse(hdaSink('available')) as Array<{ ports: Array<{ type?: string }> }>;
    for (const p of old[0]!.ports) delete p.type;
    expect(headsetInSinks(JSON.stringify(old))).toBe(true);
    expect(
      headsetInSinks(JSON.stringify([{ name: 'bluez_output.x', properties: { 'device.form_factor': 'headset' } }])),
    ).toBe(true);
    expect(headsetInSinks('[]')).toBe(false);
  });

  it('output that is not pactl JSON is an error, not a guess', () => {
    expect(() => headsetInSinks('Sink #0\n\tState: RUNNING')).toThrow();
    expect(() => headsetInSinks('{}')).toThrow(/JSON list/);
  });
});
