import { describe, expect, it } from 'vitest';
import { describeCondition } from '../../../../src/core/documents/condition-text';
import { oneStepFlow, t } from './document-fixtures';

const flow = oneStepFlow('villkor', [
  { id: 'akut', type: 'yesno', label: { sv: 'Är det akut?', en: 'Is it urgent?' } },
  {
    id: 'typ',
    type: 'radio',
    label: { sv: 'Typ', en: 'Type' },
    options: [
      { value: 'a', label: { sv: 'Alfa', en: 'Alpha' } },
      { value: 'b', label: t('Beta') },
    ],
  },
  {
    id: 'dagar',
    type: 'checkboxes',
    label: t('Dagar'),
    options: [{ value: 'man', label: { sv: 'Måndag', en: 'Monday' } }],
  },
  { id: 'ok', type: 'consent', label: t('Jag godkänner') },
  { id: 'epost', type: 'email', label: t('E-post') },
]);

describe('describeCondition', () => {
  it('says a condition in words, with option labels instead of values', () => {
    expect(describeCondition({ field: 'akut', equals: 'yes' }, flow, 'sv')).toBe(
      'du har svarat "Ja" på frågan "Är det akut?"',
    );
    expect(describeCondition({ field: 'typ', in: ['a', 'b'] }, flow, 'en')).toBe(
      'you answered "Alpha" or "Beta" to "Type"',
    );
    expect(describeCondition({ field: 'dagar', includes: 'man' }, flow, 'sv')).toBe(
      'du har kryssat för "Måndag" på frågan "Dagar"',
    );
    expect(describeCondition({ field: 'ok', equals: true }, flow, 'sv')).toBe('du har kryssat i rutan "Jag godkänner"');
    expect(describeCondition({ field: 'epost', isSet: true }, flow, 'sv')).toBe('du har svarat på frågan "E-post"');
    expect(describeCondition({ not: { field: 'akut', equals: 'yes' } }, flow, 'sv')).toBe(
      'du inte har svarat "Ja" på frågan "Är det akut?"',
    );
    expect(
      describeCondition(
        {
          all: [
            { field: 'akut', equals: 'no' },
            {
              any: [
                { field: 'typ', equals: 'a' },
                { field: 'epost', isSet: false },
              ],
            },
          ],
        },
        flow,
        'sv',
      ),
    ).toBe(
      'du har svarat "Nej" på frågan "Är det akut?" och du har svarat "Alfa" på frågan "Typ" eller du inte har svarat på frågan "E-post"',
    );
  });

  it('gives up (null) on conditions too deep or too long to help a reader', () => {
    let deep: Parameters<typeof describeCondition>[0] = { field: 'akut', equals: 'yes' };
    for (let i = 0; i < 5; i += 1) deep = { all: [deep] };
    expect(describeCondition(deep, flow, 'sv')).toBeNull();
    const long = { any: Array.from({ length: 12 }, () => ({ field: 'typ', equals: 'a' })) };
    expect(describeCondition(long, flow, 'sv')).toBeNull();
  });
});
