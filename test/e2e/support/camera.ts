/**
 * The camera in the e2e tests: Chromium's fake capture device, fed with a video file the test makes
 * (a raw YUV4MPEG2 file: a white sheet of paper with lines of text on a dark mat), and the Chromium
 * flags that use it. `--use-fake-ui-for-media-stream` answers Chromium's own prompt yes, so what
 * decides is the kiosk's rule (the host client asks core before every getUserMedia).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LaunchOptions } from '@playwright/test';
import { chromiumLaunchOptions, QUIET_CHROMIUM_ARGS } from './browser';

export const FRAME = { width: 640, height: 480 } as const;

/** Where the sheet lies in the frame (A4 upright: 240 × 340 px is 1 : 1.417), or `fill` for a page filling the view. */
export type Sheet = { x: number; y: number; width: number; height: number } | 'fill';
export const SHEET = { x: 200, y: 70, width: 240, height: 340 } as const;

const MAT = 45;
const PAPER = 235;
const INK = 40;

/** The luma of one pixel: the dark mat, the paper, or a line of text on it. */
function shade(x: number, y: number, sheet: Sheet, frame: { width: number; height: number }): number {
  const s = sheet === 'fill' ? { x: 0, y: 0, ...frame } : sheet;
  if (x < s.x || x >= s.x + s.width || y < s.y || y >= s.y + s.height) return MAT;
  const u = x - s.x;
  const v = y - s.y;
  const inBody = u > s.width * 0.12 && u < s.width * 0.88 && v > s.height * 0.1 && v < s.height * 0.85;
  // lines of "words": 3 px high every 9 px, words of 14 px with 4 px spaces
  return inBody && v % 9 < 3 && u % 18 < 14 ? INK : PAPER;
}

/**
 * Writes a Y4M video (4:2:0, grey: chroma 128) of `frames` identical frames of the sheet on the mat,
 * with a little noise per frame so the picture is a camera's, not a drawing.
 */
export function writePaperVideo(
  file: string,
  sheet: Sheet = SHEET,
  frames = 10,
  size: { width: number; height: number } = FRAME,
): void {
  const { width, height } = size;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from('FRAME\n');
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const parts: Buffer[] = [header];
  let seed = 11;
  for (let f = 0; f < frames; f += 1) {
    const frame = Buffer.alloc(lumaSize + 2 * chromaSize, 128);
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < width; x += 1) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        frame[y * width + x] = Math.max(16, Math.min(235, shade(x, y, sheet, size) + (seed % 7) - 3));
      }
    parts.push(frameHeader, frame);
  }
  writeFileSync(file, Buffer.concat(parts));
}

/**
 * Chromium with a fake camera: the given video file, or Chromium's own moving test picture. The
 * microphone is fake too, so a test can show the kiosk refuses it, not that there is none.
 */
export function cameraLaunchOptions(videoFile?: string): LaunchOptions {
  return {
    ...chromiumLaunchOptions(),
    args: [
      ...QUIET_CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
    ],
  };
}

/** Config lines for a kiosk with a camera (and no scanner unless the config adds one). */
export function cameraConfig(base: string): string {
  return `${base}
attachments:
  camera: { enabled: true }
`;
}

/**
 * The walk suites' camera: the paper video, made once per test process (Chromium reads it at launch)
 * and removed when the process ends.
 */
export function walkCameraLaunchOptions(): LaunchOptions {
  const file = path.join(os.tmpdir(), `kiosk-walk-camera-${process.pid}.y4m`);
  if (!existsSync(file)) {
    writePaperVideo(file);
    process.once('exit', () => rmSync(file, { force: true }));
  }
  return cameraLaunchOptions(file);
}
