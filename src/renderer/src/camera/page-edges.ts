/**
 * Finding the page in a camera picture: a light sheet of paper lying on a darker surface (the kiosk's
 * document camera looks straight down at a dark mat). Deliberately simple, so it is predictable:
 *
 * 1. The frame is shrunk to a small grid (the browser scales it; ~200 px wide is plenty for edges).
 * 2. Otsu's threshold splits it into light and dark; the two must differ clearly (contrast), or there
 *    is no page on a background to find (a page filling the frame, a dark room, a blank mat).
 * 3. The largest 4-connected region of light cells is the paper (the text on it is dark, but the paper
 *    around the letters connects it); its bounding box is the page.
 * 4. It must look like a sheet: big enough (≥ 10 % of the frame), not the whole frame (a light mat or
 *    a page already filling the view), and mostly light inside its box (≥ 55 %: a tilted sheet or one
 *    with much text still passes, a scatter of light things does not).
 *
 * The crop is axis-aligned (no perspective correction): a document camera looks straight down, and a
 * page photographed a little askew keeps all its text. When no page is found the caller keeps the
 * whole frame and tells the visitor so. Pure functions, so the unit tests run them on made pictures.
 */

/** A greyscale picture: one byte (0–255) of luminance per cell, row by row. */
export interface LumaImage {
  width: number;
  height: number;
  luma: Uint8Array;
}

/** The page's box, in the same units as the picture it was found in. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The light and the dark must differ by at least this much (of 255) for a page to be told apart. */
export const MIN_CONTRAST = 48;
/** The page's box must cover at least this share of the frame … */
export const MIN_AREA = 0.1;
/** … and less than this share in both directions (else it is the whole frame, not a page on a mat). */
export const MAX_SPAN = 0.97;
/** Share of the box that must be light (the paper); the rest is text, shadow or a tilted corner. */
export const MIN_FILL = 0.55;

/** RGBA pixels (ImageData) to luminance (Rec. 601 weights, integer arithmetic). */
export function lumaOf(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): LumaImage {
  const luma = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < luma.length; i += 1, j += 4) {
    luma[i] = ((rgba[j] ?? 0) * 299 + (rgba[j + 1] ?? 0) * 587 + (rgba[j + 2] ?? 0) * 114) / 1000;
  }
  return { width, height, luma };
}

/** Otsu's threshold, and the mean of each side; null for a picture of one shade. */
export function otsu(luma: Uint8Array): { threshold: number; dark: number; light: number } | null {
  const hist = new Float64Array(256);
  for (const v of luma) hist[v] = (hist[v] ?? 0) + 1;
  const total = luma.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v += 1) sumAll += v * (hist[v] ?? 0);
  let weightDark = 0;
  let sumDark = 0;
  let best = -1;
  let result: { threshold: number; dark: number; light: number } | null = null;
  for (let t = 0; t < 255; t += 1) {
    weightDark += hist[t] ?? 0;
    sumDark += t * (hist[t] ?? 0);
    const weightLight = total - weightDark;
    if (weightDark === 0 || weightLight === 0) continue;
    const dark = sumDark / weightDark;
    const light = (sumAll - sumDark) / weightLight;
    const between = weightDark * weightLight * (dark - light) ** 2;
    if (between > best) {
      best = between;
      result = { threshold: t, dark, light };
    }
  }
  return result;
}

/** The page's box in the picture, or null when no light page on a darker background is found. */
export function findPage(image: LumaImage): PageBox | null {
  const { width, height, luma } = image;
  if (width < 8 || height < 8 || luma.length !== width * height) return null;
  const split = otsu(luma);
  if (!split || split.light - split.dark < MIN_CONTRAST) return null;

  // the largest 4-connected region of light cells
  const seen = new Uint8Array(luma.length);
  const queue = new Int32Array(luma.length);
  let best = { count: 0, x0: 0, y0: 0, x1: 0, y1: 0 };
  for (let start = 0; start < luma.length; start += 1) {
    if (seen[start] || (luma[start] ?? 0) <= split.threshold) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    seen[start] = 1;
    const region = { count: 0, x0: width, y0: height, x1: -1, y1: -1 };
    while (head < tail) {
      const i = queue[head++] ?? 0;
      const x = i % width;
      const y = (i - x) / width;
      region.count += 1;
      if (x < region.x0) region.x0 = x;
      if (x > region.x1) region.x1 = x;
      if (y < region.y0) region.y0 = y;
      if (y > region.y1) region.y1 = y;
      const around = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ];
      for (const n of around) {
        if (n < 0 || seen[n] || (luma[n] ?? 0) <= split.threshold) continue;
        seen[n] = 1;
        queue[tail++] = n;
      }
    }
    if (region.count > best.count) best = region;
  }
  if (best.count === 0) return null;

  const box = { x: best.x0, y: best.y0, width: best.x1 - best.x0 + 1, height: best.y1 - best.y0 + 1 };
  const area = box.width * box.height;
  if (area < MIN_AREA * width * height) return null;
  if (box.width >= MAX_SPAN * width && box.height >= MAX_SPAN * height) return null;
  if (best.count < MIN_FILL * area) return null;
  return box;
}

/** A box found in a grid of `gridWidth` cells scaled to a frame `frameWidth` × `frameHeight` pixels wide. */
export function scaleBox(
  box: PageBox,
  gridWidth: number,
  gridHeight: number,
  frameWidth: number,
  frameHeight: number,
): PageBox {
  const sx = frameWidth / gridWidth;
  const sy = frameHeight / gridHeight;
  const x = Math.max(0, Math.floor(box.x * sx));
  const y = Math.max(0, Math.floor(box.y * sy));
  const right = Math.min(frameWidth, Math.ceil((box.x + box.width) * sx));
  const bottom = Math.min(frameHeight, Math.ceil((box.y + box.height) * sy));
  return { x, y, width: right - x, height: bottom - y };
}
