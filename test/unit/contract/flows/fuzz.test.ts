/**
 * Property-based tests: whatever a renderer (or a forged request) sends as answers, validation, cleaning
 * and the review never throw, report only documented codes about visible fields, and clean answers are
 * a fixed point.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseAnswers,
  buildAnswersSchema,
  cleanAnswers,
  validateAnswers,
} from '../../../../src/contract/flows/answers-schema';
import { flowFields, isAnswerable } from '../../../../src/contract/flows/definition';
import { parseEmail } from '../../../../src/contract/flows/email-address';
import { issueCodes } from '../../../../src/contract/flows/issues';
import { parsePersonnummer } from '../../../../src/contract/flows/personnummer';
import { parsePhone } from '../../../../src/contract/flows/phone-number';
import { parsePostalCode } from '../../../../src/contract/flows/postal-code';
import { reviewItems } from '../../../../src/contract/flows/review';
import { CHILDREN, sampleFlow, TODAY } from './sample-flow';

const flow = sampleFlow();
const ctx = { today: TODAY, children: CHILDREN };
const fieldIds = flowFields(flow).map(({ field }) => field.id);
const optionValues = flowFields(flow).flatMap(({ field }) =>
  'options' in field ? field.options.map((o) => o.value) : [],
);

/** Strings that look like answers, so the fuzzing also reaches the valid paths. */
const plausibleString = fc.oneof(
  fc.constantFrom(
    'yes',
    'no',
    '',
    '  ',
    '811218-9876',
    '121212-1212',
    '701063-2391',
    '201212121212',
    '12345',
    '123 45',
    'anna@example.se',
    '070-123 45 67',
    '2025-06-15',
    '2026-02-29',
    '3',
    '1,5',
    'ABC 123',
    'Storgatan 1',
    'true',
    'null',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(...optionValues),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const answerValue = fc.oneof(
  plausibleString,
  fc.array(fc.oneof(fc.constantFrom(...optionValues), fc.string(), fc.integer()), { maxLength: 6 }),
  fc.record({ street: plausibleString, postalCode: plausibleString, city: plausibleString }, { requiredKeys: [] }),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything(),
);

const answers = fc.dictionary(fc.oneof(fc.constantFrom(...fieldIds), fc.string()), answerValue, { maxKeys: 40 });

const PARAMS = { numRuns: 400 };

describe('random answers never break the flow engine', () => {
  it('validateAnswers, cleanAnswers, reviewItems and the answers schema never throw', () => {
    const schema = buildAnswersSchema(flow, ctx);
    fc.assert(
      fc.property(
        answers,
        fc.constantFrom('sv', 'en', 'ar'),
        fc.option(fc.constantFrom('start', 'uppgifter', 'val', 'slut', 'x')),
        (a, lang, stepId) => {
          const issues = validateAnswers(flow, a, { ...ctx, stepId: stepId ?? undefined });
          for (const issue of issues) expect(issueCodes).toContain(issue.code);
          cleanAnswers(flow, a, ctx);
          const items = reviewItems(flow, a, lang, ctx);
          for (const item of items) expect(typeof item.displayValue).toBe('string');
          schema.safeParse(a);
        },
      ),
      PARAMS,
    );
  });

  it('reports and keeps only visible fields, and clean answers are a fixed point', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const analysis = analyseAnswers(flow, a, ctx);
        const visible = new Set(analysis.fields.map((f) => f.field.id));
        for (const issue of analysis.issues) expect(visible.has(issue.path.split('.')[0] as string)).toBe(true);
        for (const key of Object.keys(analysis.clean)) expect(visible.has(key)).toBe(true);
        for (const { field } of analysis.fields)
          if (!isAnswerable(field)) expect(analysis.clean).not.toHaveProperty(field.id);
        expect(cleanAnswers(flow, analysis.clean, ctx)).toEqual(analysis.clean);
      }),
      PARAMS,
    );
  });

  it('survives inputs that are not objects at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withNullPrototype: true,
        }),
        (a) => {
          validateAnswers(flow, a, ctx);
          reviewItems(flow, a, 'sv', ctx);
        },
      ),
      PARAMS,
    );
  });

  it('survives objects whose properties throw', () => {
    const hostile = new Proxy(
      {},
      {
        has: () => true,
        get: () => {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: 1 }),
      },
    );
    expect(() => validateAnswers(flow, hostile, ctx)).not.toThrow();
    expect(() => reviewItems(flow, hostile, 'sv', ctx)).not.toThrow();
    const addressThrows = {
      adress: new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
        },
      ),
    };
    expect(() => validateAnswers(flow, addressThrows, ctx)).not.toThrow();
  });
});

describe('validators on random strings', () => {
  it('never throw, and their normalised output parses to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{6,8}[-+ ]?\d{4}$/), fc.stringMatching(/^\+?[\d ()-]{5,16}$/)),
        (s) => {
          const pnr = parsePersonnummer(s, { today: TODAY });
          if (pnr.ok) expect(parsePersonnummer(pnr.value.normalised, { today: TODAY })).toEqual(pnr);
          const postal = parsePostalCode(s);
          if (postal.ok) expect(parsePostalCode(postal.value)).toEqual(postal);
          const phone = parsePhone(s);
          if (phone.ok) expect(parsePhone(phone.value)).toEqual(phone);
          const email = parseEmail(s);
          if (email.ok) expect(parseEmail(email.value)).toEqual(email);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
