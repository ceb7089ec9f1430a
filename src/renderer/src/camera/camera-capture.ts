/**
 * The camera on the attachment screen: opening the stream (video only), taking one frame as a page
 * cropped to the paper's edges (page-edges.ts), and what went wrong in words the screen can show.
 *
 * Nothing of a frame is kept: it goes from the video element into a canvas, is encoded as a JPEG data
 * URL and sent to core (which holds it like a scanned page); the canvases are emptied at once. The
 * browser's permission is core's to give (src/core/attachments/camera-permission.ts): the screen asks
 * core to open the camera first.
 */
import type { CameraFailureReason } from '../../../contract/namespaces/attachments';
import { findPage, lumaOf, scaleBox, type PageBox } from './page-edges';

/** The grid the page's edges are looked for in (cells across). */
const GRID_WIDTH = 200;
/** The page sent to core is at most this many pixels on its long side (a text page ≈ 150–200 dpi on A4). */
export const MAX_PAGE_SIDE = 1600;
/**
 * JPEG qualities tried in turn until the page is under PAGE_BUDGET_BYTES: 0.8 keeps text sharp; a
 * noisy or busy picture (a colour print, a dim room) steps down rather than grow past the budget.
 */
const JPEG_QUALITIES = [0.8, 0.65, 0.5] as const;
/** A photographed page stays under this (a text page "well under 500 KB"). */
export const PAGE_BUDGET_BYTES = 400 * 1024;

/** getUserMedia's errors as the visitor is told them. */
export function cameraFailureOf(err: unknown): CameraFailureReason {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'no_camera';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'camera_denied';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'camera_busy';
  return 'camera_failed';
}

const VIDEO_ONLY = { width: { ideal: 1920 }, height: { ideal: 1080 } } as const;

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The camera's stream, video only. With `deviceLabel` the first camera whose name holds it (case
 * ignored) is used; camera names are known only once the permission is given, so the default camera
 * is opened first and swapped when another one matches. No match: the default camera stays.
 */
export async function openCameraStream(deviceLabel: string | null): Promise<MediaStream> {
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  if (!devices) throw new DOMException('no media devices', 'NotFoundError');
  const stream = await devices.getUserMedia({ video: VIDEO_ONLY, audio: false });
  if (!deviceLabel) return stream;
  const wanted = deviceLabel.toLowerCase();
  const current = stream.getVideoTracks()[0]?.label.toLowerCase() ?? '';
  if (current.includes(wanted)) return stream;
  const match = (await devices.enumerateDevices()).find(
    (d) => d.kind === 'videoinput' && d.label.toLowerCase().includes(wanted),
  );
  if (!match) return stream;
  stopStream(stream);
  return devices.getUserMedia({ video: { ...VIDEO_ONLY, deviceId: { exact: match.deviceId } }, audio: false });
}

export interface CapturedPage {
  /** data:image/jpeg;base64,… */
  image: string;
  /** The paper's edges were found and the picture cut to them; false: the whole frame. */
  cropped: boolean;
  width: number;
  height: number;
}

function canvas(width: number, height: number): { el: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const el = document.createElement('canvas');
  el.width = width;
  el.height = height;
  const ctx = el.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new DOMException('no 2D canvas', 'NotSupportedError');
  return { el, ctx };
}

/** Where the page is in the video's current frame (in video pixels), or null. */
function pageInFrame(video: HTMLVideoElement, width: number, height: number): PageBox | null {
  const gridHeight = Math.max(8, Math.round((GRID_WIDTH * height) / width));
  const grid = canvas(GRID_WIDTH, gridHeight);
  try {
    grid.ctx.drawImage(video, 0, 0, GRID_WIDTH, gridHeight);
    const pixels = grid.ctx.getImageData(0, 0, GRID_WIDTH, gridHeight);
    const box = findPage(lumaOf(pixels.data, GRID_WIDTH, gridHeight));
    pixels.data.fill(0);
    return box ? scaleBox(box, GRID_WIDTH, gridHeight, width, height) : null;
  } finally {
    grid.el.width = 0;
  }
}

/** The canvas as a JPEG, encoded off the main thread (toBlob); null when the browser could not. */
function jpegOf(el: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => el.toBlob(resolve, 'image/jpeg', quality));
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new DOMException('the picture could not be read', 'EncodingError'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The video's current frame as a page: cut to the paper's edges when they are found. The frame is taken
 * at once (the tap's moment); the JPEG is encoded off the main thread, so the screen answers the tap in
 * the next frame even on a slow kiosk PC (a synchronous encode of a 1,600 px page held it ~100 ms at 4×
 * CPU throttling).
 */
export async function capturePage(video: HTMLVideoElement): Promise<CapturedPage> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (width === 0 || height === 0) throw new DOMException('the camera gives no picture yet', 'NotReadableError');
  const found = pageInFrame(video, width, height);
  const box = found ?? { x: 0, y: 0, width, height };
  const scale = Math.min(1, MAX_PAGE_SIDE / Math.max(box.width, box.height));
  const out = canvas(Math.round(box.width * scale), Math.round(box.height * scale));
  const size = { width: out.el.width, height: out.el.height };
  try {
    out.ctx.fillStyle = '#fff';
    out.ctx.fillRect(0, 0, out.el.width, out.el.height);
    out.ctx.drawImage(video, box.x, box.y, box.width, box.height, 0, 0, out.el.width, out.el.height);
    let jpeg: Blob | null = null;
    for (const quality of JPEG_QUALITIES) {
      jpeg = await jpegOf(out.el, quality);
      if (!jpeg || jpeg.size <= PAGE_BUDGET_BYTES) break;
    }
    if (!jpeg) throw new DOMException('the picture could not be encoded', 'EncodingError');
    return { image: await dataUrlOf(jpeg), cropped: found !== null, ...size };
  } finally {
    out.el.width = 0;
  }
}
