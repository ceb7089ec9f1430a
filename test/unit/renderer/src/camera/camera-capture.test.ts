import { describe, expect, it } from 'vitest';
import { cameraFailureOf } from '../../../../../src/renderer/src/camera/camera-capture';

describe('cameraFailureOf: getUserMedia’s errors as the visitor is told them', () => {
  it.each([
    ['NotFoundError', 'no_camera'],
    ['OverconstrainedError', 'no_camera'],
    ['NotAllowedError', 'camera_denied'],
    ['SecurityError', 'camera_denied'],
    ['NotReadableError', 'camera_busy'],
    ['AbortError', 'camera_busy'],
    ['TypeError', 'camera_failed'],
  ])('%s → %s', (name, reason) => {
    expect(cameraFailureOf(new DOMException('x', name))).toBe(reason);
  });

  it('anything that is not an error is "the camera did not work"', () => {
    expect(cameraFailureOf('boom')).toBe('camera_failed');
    expect(cameraFailureOf(undefined)).toBe('camera_failed');
  });
});
