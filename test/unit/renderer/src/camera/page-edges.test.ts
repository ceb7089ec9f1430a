import { describe, expect, it } from 'vitest';
import { findPage, lumaOf, otsu, scaleBox, type LumaImage } from '../../../../../src/renderer/src/camera/page-edges';

/** A made camera picture: a mat of one shade, with whatever `paint` puts on it. */
function picture(
  width: number,
  height: number,
  mat: number,
  paint: (x: number, y: number) => number | null,
): LumaImage {
  const luma = new Uint8Array(width * height);
  let seed = 7;
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed % 13) - 6; // sensor noise, ±6
      const v = paint(x, y) ?? mat;
      luma[y * width + x] = Math.max(0, Math.min(255, v + noise));
    }
  return { width, height, luma };
}

/** A white A4-ish sheet at (x, y, w, h) with dark lines of text on it. */
function sheet(px: number, py: number, pw: number, ph: number) {
  return (x: number, y: number): number | null => {
    if (x < px || x >= px + pw || y < py || y >= py + ph) return null;
    const inText = x > px + pw * 0.1 && x < px + pw * 0.9 && y > py + ph * 0.1 && y < py + ph * 0.85;
    return inText && (y - py) % 6 < 2 && (x - px) % 9 < 7 ? 35 : 235;
  };
}

describe('findPage: a light page on a darker mat', () => {
  it('finds a sheet with lines of text on a dark mat, to the cell', () => {
    const box = findPage(picture(200, 150, 40, sheet(60, 10, 90, 128)));
    expect(box).toEqual({ x: 60, y: 10, width: 90, height: 128 });
  });

  it('finds a sheet on a mid-grey desk (contrast is enough)', () => {
    const box = findPage(picture(200, 150, 120, sheet(30, 20, 100, 120)));
    expect(box).toEqual({ x: 30, y: 20, width: 100, height: 120 });
  });

  it('finds a sheet lying a little askew: the box holds all of it', () => {
    const angle = (6 * Math.PI) / 180;
    const [cx, cy, hw, hh] = [100, 75, 45, 60];
    const tilted = (x: number, y: number): number | null => {
      const dx = x - cx;
      const dy = y - cy;
      const u = dx * Math.cos(angle) + dy * Math.sin(angle);
      const v = -dx * Math.sin(angle) + dy * Math.cos(angle);
      return Math.abs(u) <= hw && Math.abs(v) <= hh ? 230 : null;
    };
    const box = findPage(picture(200, 150, 30, tilted));
    expect(box).not.toBeNull();
    // the rotated corners reach about hw·cos + hh·sin ≈ 51 and hh·cos + hw·sin ≈ 64 from the centre
    expect(box!.x).toBeLessThanOrEqual(cx - 50);
    expect(box!.x + box!.width).toBeGreaterThanOrEqual(cx + 50);
    expect(box!.y).toBeLessThanOrEqual(cy - 62);
    expect(box!.y + box!.height).toBeGreaterThanOrEqual(cy + 62);
  });

  it('a page running off one edge of the view is cropped to what is seen', () => {
    const box = findPage(picture(200, 150, 40, sheet(50, 0, 100, 150)));
    expect(box).toEqual({ x: 50, y: 0, width: 100, height: 150 });
  });

  it('keeps the paper and not a smaller light thing beside it (a pen, a card)', () => {
    const paper = sheet(90, 10, 100, 130);
    const card = (x: number, y: number): number | null => (x >= 10 && x < 40 && y >= 20 && y < 40 ? 220 : null);
    const box = findPage(picture(200, 150, 40, (x, y) => paper(x, y) ?? card(x, y)));
    expect(box).toEqual({ x: 90, y: 10, width: 100, height: 130 });
  });
});

describe('findPage: no page to find (the whole frame is kept)', () => {
  it('a page filling the whole view', () => {
    expect(findPage(picture(200, 150, 40, sheet(0, 0, 200, 150)))).toBeNull();
  });

  it('an empty dark mat, or one shade only', () => {
    expect(findPage(picture(200, 150, 40, () => null))).toBeNull();
    expect(findPage({ width: 10, height: 10, luma: new Uint8Array(100).fill(128) })).toBeNull();
  });

  it('a paper barely lighter than the desk (too little contrast to trust)', () => {
    expect(
      findPage(picture(200, 150, 150, (x, y) => (x > 50 && x < 150 && y > 20 && y < 130 ? 180 : null))),
    ).toBeNull();
  });

  it('something light but too small to be the page', () => {
    expect(findPage(picture(200, 150, 40, (x, y) => (x > 90 && x < 110 && y > 60 && y < 80 ? 230 : null)))).toBeNull();
  });

  it('a scatter of light stripes, not a sheet (mostly dark inside its box)', () => {
    const stripes = (x: number, y: number): number | null =>
      x > 20 && x < 180 && y > 10 && y < 140 && (x % 10 < 3 || y === 11) ? 230 : null;
    expect(findPage(picture(200, 150, 40, stripes))).toBeNull();
  });

  it('a broken picture (too small, or sizes that do not match)', () => {
    expect(findPage({ width: 4, height: 4, luma: new Uint8Array(16) })).toBeNull();
    expect(findPage({ width: 20, height: 20, luma: new Uint8Array(10) })).toBeNull();
  });
});

describe('the arithmetic around it', () => {
  it('lumaOf weighs red, green and blue as Rec. 601 does', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255]);
    expect([...lumaOf(rgba, 4, 1).luma]).toEqual([255, 0, 76, 149]);
  });

  it('otsu splits two shades between them', () => {
    const luma = new Uint8Array([...Array<number>(50).fill(40), ...Array<number>(50).fill(230)]);
    const split = otsu(luma)!;
    expect(split.threshold).toBeGreaterThanOrEqual(40);
    expect(split.threshold).toBeLessThan(230);
    expect(split.dark).toBe(40);
    expect(split.light).toBe(230);
  });

  it('scaleBox takes a grid box to the full frame, inside the frame', () => {
    expect(scaleBox({ x: 60, y: 10, width: 90, height: 128 }, 200, 150, 1280, 960)).toEqual({
      x: 384,
      y: 64,
      width: 576,
      height: 820,
    });
    expect(scaleBox({ x: 0, y: 0, width: 200, height: 150 }, 200, 150, 640, 480)).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    });
  });
});
