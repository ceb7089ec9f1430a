import { describe, expect, it } from 'vitest';
import { findTestPerson, isValidPersonalNumber, testPersons } from '../../../src/simulators/test-persons';

describe('shared test persons', () => {
  const all = testPersons.flatMap((p) => [p.personalNumber, ...p.children.map((c) => c.personalNumber)]);

  it('have valid, unique personnummer (Luhn, real dates)', () => {
    for (const pnr of all) expect(isValidPersonalNumber(pnr), pnr).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('cover every case the kiosk must handle', () => {
    expect(testPersons.some((p) => p.inRegister && p.protection === 'none' && p.children.length === 0)).toBe(true);
    expect(testPersons.some((p) => p.children.some((c) => c.protected) && p.children.some((c) => !c.protected))).toBe(
      true,
    );
    expect(testPersons.some((p) => p.protection === 'skyddad_folkbokforing' && p.address === null)).toBe(true);
    expect(testPersons.some((p) => p.protection === 'sekretessmarkering')).toBe(true);
    expect(testPersons.some((p) => !p.inRegister)).toBe(true);
  });

  it('names are consistent', () => {
    for (const p of testPersons) expect(p.name).toBe(`${p.givenName} ${p.surname}`);
    expect(findTestPerson('198504129803')?.givenName).toBe('Erik');
    expect(findTestPerson('000000000000')).toBeUndefined();
  });

  it('the Luhn check rejects wrong check digits and impossible dates', () => {
    expect(isValidPersonalNumber('199001012385')).toBe(true);
    expect(isValidPersonalNumber('199001012384')).toBe(false);
    expect(isValidPersonalNumber('19900101238')).toBe(false);
    expect(isValidPersonalNumber('199002302380')).toBe(false);
    expect(isValidPersonalNumber('197010632391')).toBe(true); // samordningsnummer 701063-2391
  });
});
