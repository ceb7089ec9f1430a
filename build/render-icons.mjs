#!/usr/bin/env node
/**
 * Renders the app icon (a kiosk terminal with a check mark on the municipal blue) into
 *   build/icon.png           512×512, Linux (AppImage, deb) and the window icon
 *   build/icons/NxN.png      16…512, the Linux icon set
 *   build/icon.ico           16…256, Windows (nsis, the .exe)
 * Pure geometry with 4×4 supersampling; no design tool needed. Run: node build/render-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const BLUE = [0x1d, 0x4f, 0x91];
const WHITE = [0xff, 0xff, 0xff];
const SCREEN = [0x2e, 0x6b, 0xb8];
const GREEN = [0x3c, 0xb3, 0x71];

/** Inside a rounded rectangle (unit coordinates 0…1). */
function inRoundedRect(x, y, left, top, right, bottom, r) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + r), right - r);
  const cy = Math.min(Math.max(y, top + r), bottom - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The colour at a point, or null for transparent. Later shapes paint over earlier ones. */
function colourAt(x, y) {
  let c = null;
  if (inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) c = BLUE;
  // terminal body, screen, stand and foot
  if (inRoundedRect(x, y, 0.26, 0.14, 0.74, 0.7, 0.06)) c = WHITE;
  if (inRoundedRect(x, y, 0.31, 0.19, 0.69, 0.6, 0.03)) c = SCREEN;
  if (inRoundedRect(x, y, 0.45, 0.69, 0.55, 0.82, 0.0)) c = WHITE;
  if (inRoundedRect(x, y, 0.32, 0.8, 0.68, 0.86, 0.03)) c = WHITE;
  // check mark on the screen
  const stroke = 0.045;
  const a = [0.39, 0.41];
  const b = [0.47, 0.49];
  const d = [0.62, 0.31];
  if (distanceToSegment(x, y, a, b) <= stroke || distanceToSegment(x, y, b, d) <= stroke) c = GREEN;
  return c;
}

function render(size) {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered += 1;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png);
}

/** An .ico holding PNG images (Windows Vista and later read these; 256 is stored as 0). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512];
const rendered = new Map(sizes.map((s) => [s, render(s)]));
mkdirSync(path.join(here, 'icons'), { recursive: true });
for (const s of sizes) if (s !== 24) writeFileSync(path.join(here, 'icons', `${s}x${s}.png`), rendered.get(s));
writeFileSync(path.join(here, 'icon.png'), rendered.get(512));
writeFileSync(
  path.join(here, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: rendered.get(size) }))),
);
process.stdout.write(
  `icons written to ${path.relative(process.cwd(), here) || '.'}: icon.png, icon.ico, icons/*.png\n`,
);
