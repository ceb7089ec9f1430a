/**
 * An ICC v2 display profile for sRGB (IEC 61966-2.1), built from the standard's numbers: the PDF/A
 * OutputIntent of the case document needs one, and building it here (3 KB) avoids shipping a
 * profile file with its own licence.
 *
 * Header and tags follow ICC.1:2001-04 (v2.1): desc, cprt, wtpt (D50), the Bradford-adapted
 * primaries rXYZ/gXYZ/bXYZ, and one 1024-entry tone curve shared by rTRC/gTRC/bTRC.
 */

const DESCRIPTION = 'sRGB IEC61966-2.1';
const COPYRIGHT = 'No copyright, use freely';

/** s15Fixed16Number */
function s15f16(value: number): number {
  return Math.round(value * 65536) | 0;
}

class Writer {
  private readonly bytes: number[] = [];
  get length(): number {
    return this.bytes.length;
  }
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16((v >>> 16) & 0xffff).u16(v & 0xffff);
  }
  ascii(s: string): this {
    for (const ch of s) this.u8(ch.charCodeAt(0));
    return this;
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i += 1) this.u8(0);
    return this;
  }
  align(): this {
    while (this.bytes.length % 4 !== 0) this.u8(0);
    return this;
  }
  toArray(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function xyzTag(x: number, y: number, z: number): Uint8Array {
  return new Writer().ascii('XYZ ').u32(0).u32(s15f16(x)).u32(s15f16(y)).u32(s15f16(z)).toArray();
}

function textTag(text: string): Uint8Array {
  return new Writer().ascii('text').u32(0).ascii(text).u8(0).toArray();
}

function descTag(text: string): Uint8Array {
  const w = new Writer().ascii('desc').u32(0);
  w.u32(text.length + 1)
    .ascii(text)
    .u8(0); // ASCII description with its NUL
  w.u32(0).u32(0); // Unicode language code and count: none
  w.u16(0).u8(0).zeros(67); // ScriptCode code, count and its 67-byte field
  return w.toArray();
}

/** The sRGB transfer function, sampled at 1024 points. */
function curveTag(): Uint8Array {
  const points = 1024;
  const w = new Writer().ascii('curv').u32(0).u32(points);
  for (let i = 0; i < points; i += 1) {
    const v = i / (points - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    w.u16(Math.round(linear * 65535));
  }
  return w.toArray();
}

let cached: Uint8Array | null = null;

/** The profile bytes (built once). */
export function srgbIccProfile(): Uint8Array {
  if (cached) return cached;
  const curve = curveTag();
  const tags: Array<[string, Uint8Array]> = [
    ['desc', descTag(DESCRIPTION)],
    ['cprt', textTag(COPYRIGHT)],
    ['wtpt', xyzTag(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyzTag(0.4360747, 0.2225045, 0.0139322)],
    ['gXYZ', xyzTag(0.3850649, 0.7168786, 0.0971045)],
    ['bXYZ', xyzTag(0.1430804, 0.0606169, 0.7141733)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  // lay out the tag data after the header (128) and the tag table (4 + 12 per tag); shared data once
  const offsets = new Map<Uint8Array, number>();
  const offset = 128 + 4 + 12 * tags.length;
  const data = new Writer();
  for (const [, bytes] of tags) {
    if (offsets.has(bytes)) continue;
    offsets.set(bytes, offset + data.length);
    for (const b of bytes) data.u8(b);
    data.align();
  }
  const size = offset + data.length;

  const out = new Writer();
  out.u32(size).u32(0); // size, preferred CMM: none
  out.u32(0x02100000); // version 2.1.0
  out.ascii('mntr').ascii('RGB ').ascii('XYZ '); // display device, RGB data, XYZ connection space
  out.u16(2000).u16(1).u16(1).u16(0).u16(0).u16(0); // date of the profile's definition
  out.ascii('acsp').u32(0); // signature, platform: none
  out.u32(0).u32(0).u32(0).u32(0).u32(0); // flags, manufacturer, model, attributes (8 bytes)
  out.u32(0); // rendering intent: perceptual
  out.u32(s15f16(0.9642)).u32(s15f16(1.0)).u32(s15f16(0.8249)); // PCS illuminant D50
  out.u32(0); // creator
  out.zeros(128 - out.length); // profile ID (v4 only) and reserved
  out.u32(tags.length);
  for (const [signature, bytes] of tags)
    out
      .ascii(signature)
      .u32(offsets.get(bytes) as number)
      .u32(bytes.length);
  const profile = new Uint8Array(size);
  profile.set(out.toArray(), 0);
  profile.set(data.toArray(), out.length);
  cached = profile;
  return profile;
}
