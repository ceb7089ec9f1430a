/**
 * The camera as core can see it, for the staff panel's health check and `check-config --online`. The
 * camera itself is opened by the screen's browser (getUserMedia), never by core; core can still tell
 * whether the system has one:
 *
 * - on Linux, the kernel lists every video capture device in /sys/class/video4linux/<node>/name (a USB
 *   camera often has two nodes of one name); none means no camera is connected, and a configured
 *   `deviceLabel` that no name holds means the wanted one is not;
 * - on every system, what the last visitor's screen met: the browser's own error (no camera,
 *   permission refused, busy, failed) is reported by the screen when it turns the camera off, and
 *   stands until a camera opens again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CameraFailureReason } from '../../contract/namespaces/attachments';
import type { HealthCheckResult } from '../../contract/namespaces/staff';
import type { CameraConfig } from './config';

export const VIDEO4LINUX_DIR = '/sys/class/video4linux';

/** The names of the video capture devices the kernel lists (deduplicated); null where there is no such list. */
export function cameraNames(sysDir = VIDEO4LINUX_DIR, platform: NodeJS.Platform = process.platform): string[] | null {
  if (platform !== 'linux') return null;
  let nodes: string[];
  try {
    nodes = readdirSync(sysDir);
  } catch {
    return []; // no video4linux class at all: no camera driver loaded, so no camera
  }
  const names = new Set<string>();
  for (const node of nodes.sort()) {
    try {
      const name = readFileSync(path.join(sysDir, node, 'name'), 'utf8').trim();
      if (name) names.add(name);
    } catch {
      /* a node without a name file */
    }
  }
  return [...names];
}

export interface CameraState {
  state: 'ready' | CameraFailureReason;
  /** An English line for IT: which camera, or what is wrong. */
  reason: string;
}

/** What the system lists, against the config: is the wanted camera connected? */
export function connectedCamera(config: CameraConfig, names: string[] | null): CameraState {
  if (names === null) return { state: 'ready', reason: 'this system does not list cameras; the screen finds it' };
  if (names.length === 0)
    return { state: 'no_camera', reason: `no video capture device (${VIDEO4LINUX_DIR} is empty)` };
  const label = config.deviceLabel;
  if (label === null) return { state: 'ready', reason: `camera: ${names[0]}` };
  const match = names.find((n) => n.toLowerCase().includes(label.toLowerCase()));
  return match
    ? { state: 'ready', reason: `camera: ${match}` }
    : { state: 'no_camera', reason: `no camera named like "${label}" (connected: ${names.join(', ')})` };
}

/** The `camera` health check: a missing or failing camera is a warning (visitors can go on without it). */
export function cameraHealthCheck(state: CameraState): HealthCheckResult {
  if (state.state === 'ready')
    return { id: 'camera', ok: true, severity: 'ok', key: 'camera_ok', reason: state.reason };
  const key = state.state === 'no_camera' ? 'camera_no_camera' : state.state;
  return { id: 'camera', ok: false, severity: 'warn', key, reason: state.reason };
}
