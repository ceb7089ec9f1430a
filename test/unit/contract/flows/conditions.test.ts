import { describe, expect, it } from 'vitest';
import { conditionFields, evaluateCondition } from '../../../../src/contract/flows/conditions';
import type { Condition } from '../../../../src/contract/flows/definition';
import type { AnswerValue } from '../../../../src/contract/flows/validation-context';

const answers: Record<string, AnswerValue> = {
  roll: 'forare',
  bor: 'yes',
  antal: 3,
  dagar: ['man', 'ons'],
  enDag: ['tis'],
  samtycke: true,
};
const lookup = (id: string) => (Object.hasOwn(answers, id) ? answers[id] : undefined);
const ev = (c: Condition) => evaluateCondition(c, lookup);

describe('evaluateCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['equals a string', { field: 'roll', equals: 'forare' }, true],
    ['equals another string', { field: 'roll', equals: 'passagerare' }, false],
    ['equals a number', { field: 'antal', equals: 3 }, true],
    ['equals does not convert types', { field: 'antal', equals: '3' }, false],
    ['equals true for a consent', { field: 'samtycke', equals: true }, true],
    ['equals on checkboxes: exactly that one box', { field: 'enDag', equals: 'tis' }, true],
    ['equals on checkboxes with two ticked', { field: 'dagar', equals: 'man' }, false],
    ['equals on an unanswered field', { field: 'saknas', equals: 'x' }, false],
    ['in', { field: 'roll', in: ['passagerare', 'forare'] }, true],
    ['in, not there', { field: 'roll', in: ['passagerare'] }, false],
    ['in on checkboxes: any of them ticked', { field: 'dagar', in: ['fre', 'ons'] }, true],
    ['in on checkboxes: none ticked', { field: 'dagar', in: ['fre'] }, false],
    ['isSet true', { field: 'bor', isSet: true }, true],
    ['isSet false on an answered field', { field: 'bor', isSet: false }, false],
    ['isSet false on an unanswered field', { field: 'saknas', isSet: false }, true],
    ['includes', { field: 'dagar', includes: 'ons' }, true],
    ['includes, not ticked', { field: 'dagar', includes: 'tis' }, false],
    ['includes on a non-checkbox answer', { field: 'roll', includes: 'forare' }, false],
    ['not', { not: { field: 'roll', equals: 'forare' } }, false],
    [
      'all true',
      {
        all: [
          { field: 'roll', equals: 'forare' },
          { field: 'bor', equals: 'yes' },
        ],
      },
      true,
    ],
    [
      'all with one false',
      {
        all: [
          { field: 'roll', equals: 'forare' },
          { field: 'bor', equals: 'no' },
        ],
      },
      false,
    ],
    [
      'any with one true',
      {
        any: [
          { field: 'roll', equals: 'x' },
          { field: 'bor', equals: 'yes' },
        ],
      },
      true,
    ],
    [
      'any all false',
      {
        any: [
          { field: 'roll', equals: 'x' },
          { field: 'bor', equals: 'no' },
        ],
      },
      false,
    ],
    [
      'nested',
      { all: [{ not: { field: 'saknas', isSet: true } }, { any: [{ field: 'dagar', includes: 'man' }] }] },
      true,
    ],
  ])('%s', (_name, condition, expected) => {
    expect(ev(condition)).toBe(expected);
  });

  it('is false, not a crash, for shapes that did not come through the schema', () => {
    for (const bad of [null, 42, 'x', {}, { field: 3, equals: 1 }, { all: 'x' }, { any: null }, { field: 'roll' }]) {
      expect(ev(bad as unknown as Condition)).toBe(false);
    }
    let deep: Condition = { field: 'roll', equals: 'forare' };
    for (let i = 0; i < 1000; i += 1) deep = { not: deep };
    expect(() => ev(deep)).not.toThrow();
  });

  it('lists the fields a condition reads', () => {
    expect(
      conditionFields({
        all: [
          { field: 'a', equals: 1 },
          {
            not: {
              any: [
                { field: 'b', isSet: true },
                { field: 'c', includes: 'x' },
              ],
            },
          },
        ],
      }),
    ).toEqual(['a', 'b', 'c']);
  });
});
