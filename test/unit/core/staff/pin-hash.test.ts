import { describe, expect, it } from 'vitest';
import { hashPin, isPinHash, parsePinHash, verifyPin } from '../../../../src/core/staff/pin-hash';
import { TEST_SCRYPT } from './staff-fixtures';

describe('staff PIN hashes', () => {
  it('a hash verifies the PIN it was made from and no other', async () => {
    const hash = await hashPin('482913', TEST_SCRYPT);
    expect(hash).toMatch(/^scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPin('482913', hash)).toBe(true);
    expect(await verifyPin('482914', hash)).toBe(false);
    expect(await verifyPin('48291', hash)).toBe(false);
    expect(await verifyPin('', hash)).toBe(false);
  });

  it('the same PIN gives a different hash each time (random salt), both verify', async () => {
    const [a, b] = await Promise.all([hashPin('246810', TEST_SCRYPT), hashPin('246810', TEST_SCRYPT)]);
    expect(a).not.toBe(b);
    expect(await verifyPin('246810', a)).toBe(true);
    expect(await verifyPin('246810', b)).toBe(true);
  });

  it('the parameters travel with the hash, so a hash made with other parameters still verifies', async () => {
    const hash = await hashPin('135790', { ln: 15, r: 4, p: 2 });
    expect(parsePinHash(hash)?.params).toEqual({ ln: 15, r: 4, p: 2 });
    expect(await verifyPin('135790', hash)).toBe(true);
  });

  it('a tampered hash never matches and never throws', async () => {
    const hash = await hashPin('482913', TEST_SCRYPT);
    const parts = hash.split('$');
    const flip = (s: string): string =>
      s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`;
    const tampered = [
      [parts[0], parts[1], parts[2], flip(parts[3] as string)].join('$'), // key changed
      [parts[0], parts[1], flip(parts[2] as string), parts[3]].join('$'), // salt changed
      [parts[0], 'ln=15,r=8,p=1', parts[2], parts[3]].join('$'), // cost changed
      hash.slice(0, -3), // truncated
      `${hash}x`,
      hash.replace('scrypt', 'bcrypt'),
      'scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', // a memory bomb is refused
      '1234',
      '',
    ];
    for (const t of tampered) {
      await expect(verifyPin('482913', t)).resolves.toBe(false);
    }
    expect(isPinHash(tampered[6] as string)).toBe(false);
    expect(isPinHash(hash)).toBe(true);
  });

  it('a unicode PIN works, and the same PIN typed in another normal form matches', async () => {
    const composed = 'Åsa-ö9\u00e9'; // é as one code point
    const decomposed = 'A\u030asa-o\u03089e\u0301'; // Å, ö and é as letter + combining mark
    expect(composed).not.toBe(decomposed);
    const hash = await hashPin(composed, TEST_SCRYPT);
    expect(await verifyPin(composed, hash)).toBe(true);
    expect(await verifyPin(decomposed, hash)).toBe(true);
    expect(await verifyPin('Asa-o9e', hash)).toBe(false);
    // full-width digits from an East Asian keyboard layout are the same digits
    const digits = await hashPin('123456', TEST_SCRYPT);
    expect(await verifyPin('１２３４５６', digits)).toBe(true);
    const emoji = await hashPin('🔑🔑🔑🔑🔑🔑', TEST_SCRYPT);
    expect(await verifyPin('🔑🔑🔑🔑🔑🔑', emoji)).toBe(true);
    expect(await verifyPin('🔑🔑🔑🔑🔑', emoji)).toBe(false);
  });

  it('refuses to make a hash with parameters outside the accepted bounds', async () => {
    await expect(hashPin('123456', { ln: 10, r: 8, p: 1 })).rejects.toThrow(/out of bounds/);
  });
});
