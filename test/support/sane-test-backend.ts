/**
 * SANE's `test` backend as the tests' document scanner: a SANE configuration folder of the test's own
 * (dll.conf naming only `test`, and test.conf), passed to scanimage as SANE_CONFIG_DIR. The tests
 * change the "hardware" between scans by rewriting test.conf: the picture it scans, and the status
 * sane_read returns (SANE_STATUS_JAMMED, SANE_STATUS_NO_DOCS, SANE_STATUS_COVER_OPEN, …) — a jammed
 * feeder for real, as far as scanimage and the kiosk can tell.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SaneStatus =
  | 'Default'
  | 'SANE_STATUS_JAMMED'
  | 'SANE_STATUS_NO_DOCS'
  | 'SANE_STATUS_COVER_OPEN'
  | 'SANE_STATUS_DEVICE_BUSY'
  | 'SANE_STATUS_IO_ERROR';

export type TestPicture = 'Solid black' | 'Solid white' | 'Color pattern' | 'Grid';

export interface SaneTestBackend {
  /** SANE_CONFIG_DIR for scanimage. */
  dir: string;
  env: { SANE_CONFIG_DIR: string };
  /**
   * What the next scans do. `connected: false` unplugs the scanner the tests use, `test:1` (the backend
   * then has one device, `test:0`; with none at all it crashes), so opening it fails as for a scanner
   * that is switched off.
   */
  set(options: { status?: SaneStatus; picture?: TestPicture; readDelay?: boolean; connected?: boolean }): void;
  remove(): void;
}

/** Is scanimage installed (Debian: sane-utils)? */
export function scanimageInstalled(): boolean {
  try {
    execFileSync('scanimage', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The device the tests scan with (see `connected`). */
export const TEST_SCANNER = 'test:1';

function testConf(o: { status: SaneStatus; picture: TestPicture; readDelay: boolean; connected: boolean }): string {
  return [
    `number_of_devices ${o.connected ? 2 : 1}`,
    'mode Gray',
    'depth 8',
    'hand-scanner false',
    'three-pass false',
    'three-pass-order RGB',
    'resolution_min 1.0',
    'resolution_max 1200.0',
    'resolution_quant 1.0',
    'resolution 50.0',
    `test-picture "${o.picture}"`,
    'invert-endianess false',
    'read-limit false',
    'read-limit-size 1',
    `read-delay ${o.readDelay ? 'true' : 'false'}`,
    'read-delay-duration 1000',
    `read-status-code "${o.status}"`,
    'fuzzy-parameters false',
    'ppl-loss 0',
    'non-blocking false',
    'select-fd false',
    'enable-test-options false',
    'geometry_min 0.0',
    'geometry_max 200.0',
    'geometry_quant 1.0',
    'tl_x 0.0',
    'tl_y 0.0',
    'br_x 200.0',
    'br_y 200.0',
    '',
  ].join('\n');
}

export function saneTestBackend(): SaneTestBackend {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-sane-'));
  writeFileSync(path.join(dir, 'dll.conf'), 'test\n');
  let current = { status: 'Default' as SaneStatus, picture: 'Grid' as TestPicture, readDelay: false, connected: true };
  const write = () => writeFileSync(path.join(dir, 'test.conf'), testConf(current));
  write();
  return {
    dir,
    env: { SANE_CONFIG_DIR: dir },
    set(options) {
      current = { ...current, ...options };
      write();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
