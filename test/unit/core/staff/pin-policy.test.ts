/** Which staff PINs hash-pin refuses, and which it accepts. */
import { describe, expect, it } from 'vitest';
import { COMMON_PINS, pinWeakness } from '../../../../src/core/staff/pin-policy';

describe('the staff PIN policy', () => {
  it.each(['', '12345', '93a7', ' 739184', '739184 '])('refuses a PIN that is empty, short or padded: %j', (pin) => {
    expect(pinWeakness(pin)).not.toBeNull();
  });

  it.each(['000000', '111111', '9999999', 'aaaaaa', 'ÄÄÄÄÄÄ', '００００００'])(
    'refuses one character repeated: %s',
    (pin) => {
      expect(pinWeakness(pin)).toMatch(/one character repeated/);
    },
  );

  it.each(['123456', '012345', '654321', '987654', '890123', '3210987', 'abcdef', 'fedcba', '１２３４５６'])(
    'refuses a run up or down: %s',
    (pin) => {
      expect(pinWeakness(pin)).toMatch(/a run up or down/);
    },
  );

  it.each(['121212', '123123', '112112', '909090', '1231231', 'abab ab'.replace(' ', '')])(
    'refuses a repeated short pattern: %s',
    (pin) => {
      expect(pinWeakness(pin)).toMatch(/repeats a short pattern/);
    },
  );

  it.each(['147258', '159753', '112233', '123321', '520520', '696969', '246810', '102030', '789456'])(
    'refuses a common PIN: %s',
    (pin) => {
      expect(pinWeakness(pin)).toMatch(/one of the most common PINs|repeats a short pattern|a run/);
    },
  );

  it('every listed common PIN is refused, for one reason or another', () => {
    for (const pin of COMMON_PINS) expect(pinWeakness(pin), pin).not.toBeNull();
  });

  it.each(['739184', '395172', '608253', 'Kö-48291', '4810273659'])('accepts a PIN no rule knows: %s', (pin) => {
    expect(pinWeakness(pin)).toBeNull();
  });

  it('refuses a PIN longer than 64 characters and control characters', () => {
    expect(pinWeakness('7391845'.repeat(10))).toMatch(/at most 64/);
    expect(pinWeakness('73918\u000745')).toMatch(/control characters/);
  });
});
