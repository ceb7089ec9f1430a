import { describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { prepareSubmission } from '../../../../src/core/submission/case-document';
import { CHILDREN, passengerAnswers, sampleFlow, TODAY } from '../../contract/flows/sample-flow';

const flow = sampleFlow();
const ctx = {
  kioskId: 'kiosk-7',
  today: TODAY,
  children: CHILDREN,
  startedAt: new Date('2025-06-15T09:55:00Z'),
  now: new Date('2025-06-15T10:02:03Z'),
  language: 'en',
};

describe('prepareSubmission', () => {
  it('builds the case document from the visible, normalised answers with their labels', () => {
    const doc = prepareSubmission(
      flow,
      { ...passengerAnswers(), telefon: '070-123 45 67', korkort: 'hidden', okand: 'x' },
      ctx,
    );
    expect(doc.flow).toEqual({
      id: 'prov-flode',
      version: 3,
      title: { sv: 'Provflöde', en: 'Sample flow' },
      category: 'Test',
      identification: 'sign',
    });
    expect(doc.kioskId).toBe('kiosk-7');
    expect(doc.language).toBe('en');
    expect(doc.times).toEqual({ startedAt: '2025-06-15T09:55:00.000Z', submittedAt: '2025-06-15T10:02:03.000Z' });
    expect(doc.deliveryTarget).toBeNull();
    expect(doc.answers.map((a) => a.fieldId)).toEqual([
      'boende',
      'roll',
      'namn',
      'pnr',
      'adress',
      'telefon',
      'dagar',
      'enhet',
      'barn',
      'samtycke',
    ]);
    expect(doc.answers.find((a) => a.fieldId === 'telefon')).toEqual({
      stepId: 'uppgifter',
      stepTitle: { sv: 'Uppgifter', en: 'Details' },
      fieldId: 'telefon',
      type: 'phone',
      label: { sv: 'Telefon', en: 'Telefon' },
      value: '+46701234567',
      displayValue: { sv: '070-123 45 67', en: '070-123 45 67' },
    });
    expect(doc.answers.find((a) => a.fieldId === 'barn')).toMatchObject({
      value: '201212121212',
      displayValue: { sv: 'Kalle Test (20121212-1212)' },
    });
    expect(doc.answers.find((a) => a.fieldId === 'dagar')).toMatchObject({
      value: ['man', 'tis'],
      displayValue: { sv: 'Måndag, Tisdag', en: 'Monday, Tuesday' },
    });
    expect(JSON.stringify(doc)).not.toContain('hidden');
  });

  it('never trusts the renderer: bad answers throw invalid_input with the issues, and no answers in the message', () => {
    const answers = { ...passengerAnswers(), pnr: '811218-9875', barn: '198112189876' };
    let failure: unknown;
    try {
      prepareSubmission(flow, answers, ctx);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(KioskFailure);
    const error = (failure as KioskFailure).toError();
    expect(error).toEqual({
      code: 'invalid_input',
      message: 'answers do not satisfy flow prov-flode v3: 2 problem(s) (pnr.checksum, child.unknown)',
      issues: [
        { path: 'pnr', code: 'pnr.checksum' },
        { path: 'barn', code: 'child.unknown' },
      ],
    });
    expect(error.message).not.toContain('8112');
  });

  it('refuses a submission while a stop field is visible', () => {
    expect(() => prepareSubmission(flow, { ...passengerAnswers(), boende: 'no' }, ctx)).toThrow(KioskFailure);
  });

  it('takes non-editable prefilled values from the register, not from the renderer', () => {
    const doc = prepareSubmission(
      flow,
      { ...passengerAnswers(), namn: 'Förfalskat Namn' },
      { ...ctx, prefill: { name: 'Tolvan Tolvansson' } },
    );
    expect(doc.answers.find((a) => a.fieldId === 'namn')?.value).toBe('Tolvan Tolvansson');
  });

  it('records the delivery target the flow names and a missing start time as null', () => {
    const routed = { ...flow, delivery: { target: 'barn-och-utbildning' } };
    const doc = prepareSubmission(routed, passengerAnswers(), { kioskId: 'k', today: TODAY, children: CHILDREN });
    expect(doc.deliveryTarget).toBe('barn-och-utbildning');
    expect(doc.times.startedAt).toBeNull();
    expect(doc.language).toBe('sv');
    expect(Date.parse(doc.times.submittedAt)).not.toBeNaN();
  });
});
