import { describe, expect, it } from 'vitest';
import { qrAuthCode, qrString, qrTime } from '../../../../src/core/identity/bankid/qr-code';

// BankID's published test vectors
const token = '67df3917-fa0d-44e5-b327-edcc928297f8';
const secret = 'd28db9a7-4cde-429e-a983-359be676944c';
const vectors: Array<[number, string]> = [
  [0, 'dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8'],
  [1, '949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2'],
  [2, 'a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3'],
];

describe('animated QR code', () => {
  it.each(vectors)('qrAuthCode at t=%i matches the official vector', (time, code) => {
    expect(qrAuthCode(secret, time)).toBe(code);
  });

  it.each(vectors)('the QR string at t=%i is bankid.<token>.<time>.<code>', (time, code) => {
    expect(qrString(token, secret, time)).toBe(`bankid.${token}.${time}.${code}`);
  });

  it('writes time as unpadded decimal seconds', () => {
    expect(qrString(token, secret, 10).split('.')[2]).toBe('10');
    expect(qrString(token, secret, 0).split('.')[2]).toBe('0');
  });

  it('refuses a negative or fractional time', () => {
    expect(() => qrAuthCode(secret, -1)).toThrow(RangeError);
    expect(() => qrAuthCode(secret, 1.5)).toThrow(RangeError);
  });

  it('counts whole seconds since the response arrived', () => {
    expect(qrTime(1000, 1000)).toBe(0);
    expect(qrTime(1000, 1999)).toBe(0);
    expect(qrTime(1000, 2000)).toBe(1);
    expect(qrTime(1000, 61_500)).toBe(60);
    expect(qrTime(1000, 500)).toBe(0);
  });
});
