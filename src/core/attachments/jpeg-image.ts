/**
 * The little the kiosk needs to know of a JPEG before it keeps it as a page: that it is one, and its
 * size in pixels (from the start-of-frame marker). Pages are never decoded or re-encoded: the scanner's
 * driver encodes them, the PDF embeds them as they are (DCTDecode).
 */

export interface JpegSize {
  width: number;
  height: number;
}

/** The frame size of a JPEG; null when the bytes are not a JPEG with a frame. */
export function jpegSize(bytes: Uint8Array): JpegSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    // start of frame: C0–CF except C4 (Huffman tables), C8 (reserved), CC (arithmetic conditioning)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0);
      const width = ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda || length < 2) return null; // image data before a frame: not a JPEG we can place
    i += 2 + length;
  }
  return null;
}
