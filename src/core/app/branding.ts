import { readFileSync } from 'node:fs';
import path from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/**
 * The municipality's logo as a data: URL (the renderer's CSP allows images from nowhere else).
 * Throws with the file and reason when the logo cannot be used, so it lands in the config report.
 */
export function logoDataUrl(file: string): string {
  const type = MEDIA_TYPES[path.extname(file).toLowerCase()];
  if (!type) throw new Error(`kiosk.municipality.logo: ${file} is not a PNG, JPEG, WebP or SVG file`);
  const bytes = readFileSync(file);
  if (bytes.byteLength > 2_000_000) throw new Error(`kiosk.municipality.logo: ${file} is larger than 2 MB`);
  return `data:${type};base64,${bytes.toString('base64')}`;
}
