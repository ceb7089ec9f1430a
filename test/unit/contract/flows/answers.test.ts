import { describe, expect, it } from 'vitest';
import {
  buildAnswersSchema,
  cleanAnswers,
  validateAnswers,
  visibleFields,
  visibleSteps,
} from '../../../../src/contract/flows/answers-schema';
import { flowDefinitionSchema, type FlowDefinition } from '../../../../src/contract/flows/definition';
import { issueCodes } from '../../../../src/contract/flows/issues';
import { mergePrefill, prefillAnswers } from '../../../../src/contract/flows/prefill';
import { reviewItems } from '../../../../src/contract/flows/review';
import { CHILDREN, passengerAnswers, sampleFlow, t, TODAY } from './sample-flow';

const flow = sampleFlow();
const ctx = { today: TODAY, children: CHILDREN };

/** A one-field flow to test a field type on its own. */
function oneField(field: Record<string, unknown>): FlowDefinition {
  return flowDefinitionSchema.parse({
    id: 'ett-falt',
    version: 1,
    title: t('Ett fält'),
    description: t('Ett fält'),
    category: 'Test',
    identification: 'sign',
    steps: [{ id: 'steg', title: t('Steg'), fields: [{ id: 'f', label: t('Fält'), ...field }] }],
    paper: { handIn: t('Receptionen') },
  });
}

function check(field: Record<string, unknown>, value: unknown) {
  const f = oneField(field);
  const issues = validateAnswers(f, { f: value }, ctx);
  return issues.length > 0 ? issues : { value: cleanAnswers(f, { f: value }, ctx).f };
}

describe('one field at a time', () => {
  it.each<[string, Record<string, unknown>, unknown, unknown]>([
    // required and empty
    ['required text missing', { type: 'text', required: true }, undefined, [{ path: 'f', code: 'required' }]],
    ['required text blank', { type: 'text', required: true }, '   ', [{ path: 'f', code: 'required' }]],
    ['optional text blank is left out', { type: 'text' }, '  ', { value: undefined }],
    [
      'required checkboxes none ticked',
      { type: 'checkboxes', required: true, options: [{ value: 'a', label: t('A') }] },
      [],
      [{ path: 'f', code: 'required' }],
    ],
    // text
    [
      'text is trimmed and its white space tidied',
      { type: 'text' },
      '  Anna \n  Svensson ',
      { value: 'Anna Svensson' },
    ],
    [
      'text too long',
      { type: 'text', maxLength: 5 },
      'Sjuttio',
      [{ path: 'f', code: 'text.tooLong', params: { max: 5 } }],
    ],
    ['text counts characters, not UTF-16 units', { type: 'text', maxLength: 3 }, '😀😀😀', { value: '😀😀😀' }],
    [
      'text default maximum of 200',
      { type: 'text' },
      'x'.repeat(201),
      [{ path: 'f', code: 'text.tooLong', params: { max: 200 } }],
    ],
    [
      'text too short',
      { type: 'text', minLength: 3 },
      'ab',
      [{ path: 'f', code: 'text.tooShort', params: { min: 3 } }],
    ],
    [
      'text matching its pattern',
      { type: 'text', pattern: '[A-Z]{3} ?\\d{3}', patternMessage: t('ABC 123') },
      'ABC 123',
      { value: 'ABC 123' },
    ],
    [
      'text matching only part of its pattern',
      { type: 'text', pattern: '[A-Z]{3}', patternMessage: t('ABC') },
      'ABCD',
      [{ path: 'f', code: 'text.pattern' }],
    ],
    ['text given as a number', { type: 'text' }, 42, [{ path: 'f', code: 'type', params: { expected: 'string' } }]],
    ['textarea keeps line breaks', { type: 'textarea' }, 'rad ett\r\nrad två\u0007', { value: 'rad ett\nrad två' }],
    // numbers
    ['number from a number', { type: 'number' }, 12.5, { value: 12.5 }],
    ['number with a decimal comma and a space', { type: 'number' }, '1 250,5', { value: 1250.5 }],
    ['number that is not one', { type: 'number' }, '12 kr', [{ path: 'f', code: 'number.format' }]],
    ['number Infinity', { type: 'number' }, Infinity, [{ path: 'f', code: 'number.format' }]],
    ['number not whole', { type: 'number', integer: true }, '2,5', [{ path: 'f', code: 'number.integer' }]],
    ['number too small', { type: 'number', min: 1 }, 0, [{ path: 'f', code: 'number.tooSmall', params: { min: 1 } }]],
    [
      'number too large',
      { type: 'number', max: 10 },
      '11',
      [{ path: 'f', code: 'number.tooLarge', params: { max: 10 } }],
    ],
    // dates
    ['date today is allowed from today', { type: 'date', min: 'today' }, TODAY, { value: TODAY }],
    [
      'date yesterday is too early',
      { type: 'date', min: 'today' },
      '2025-06-14',
      [{ path: 'f', code: 'date.tooEarly', params: { min: '2025-06-15' } }],
    ],
    [
      'date too late',
      { type: 'date', max: 'today+1m' },
      '2025-07-16',
      [{ path: 'f', code: 'date.tooLate', params: { max: '2025-07-15' } }],
    ],
    ['date 18 years ago at most', { type: 'date', max: 'today-18y' }, '2007-06-15', { value: '2007-06-15' }],
    [
      'date with an absolute limit',
      { type: 'date', min: '2025-08-01' },
      '2025-07-31',
      [{ path: 'f', code: 'date.tooEarly', params: { min: '2025-08-01' } }],
    ],
    ['date not a day', { type: 'date' }, '2025-02-29', [{ path: 'f', code: 'date.invalid' }]],
    ['date in another form', { type: 'date' }, '15/6 2025', [{ path: 'f', code: 'date.format' }]],
    // identity numbers, postal codes, e-mail, phone
    ['personnummer normalised', { type: 'personnummer' }, '811218-9876', { value: '198112189876' }],
    ['personnummer with a typo', { type: 'personnummer' }, '811218-9875', [{ path: 'f', code: 'pnr.checksum' }]],
    [
      'samordningsnummer refused by the field',
      { type: 'personnummer', allowSamordningsnummer: false },
      '701063-2391',
      [{ path: 'f', code: 'pnr.samordningsnummer' }],
    ],
    ['postal code normalised', { type: 'postalCode' }, '12345', { value: '123 45' }],
    ['postal code wrong', { type: 'postalCode' }, '1234', [{ path: 'f', code: 'postalCode.format' }]],
    ['e-mail', { type: 'email' }, 'Anna@Example.SE', { value: 'Anna@example.se' }],
    ['e-mail wrong', { type: 'email' }, 'anna(at)example.se', [{ path: 'f', code: 'email.format' }]],
    ['phone', { type: 'phone' }, '070-123 45 67', { value: '+46701234567' }],
    ['phone wrong', { type: 'phone' }, '123', [{ path: 'f', code: 'phone.format' }]],
    // choices
    [
      'radio option',
      {
        type: 'radio',
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      'b',
      { value: 'b' },
    ],
    [
      'radio not an option',
      {
        type: 'radio',
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      'c',
      [{ path: 'f', code: 'choice.invalid' }],
    ],
    [
      'select not a string',
      {
        type: 'select',
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      ['a'],
      [{ path: 'f', code: 'type', params: { expected: 'string' } }],
    ],
    [
      'checkboxes in option order, once each',
      {
        type: 'checkboxes',
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      ['b', 'a', 'b'],
      { value: ['a', 'b'] },
    ],
    [
      'checkboxes with a stranger',
      { type: 'checkboxes', options: [{ value: 'a', label: t('A') }] },
      ['a', 'x'],
      [{ path: 'f', code: 'choice.invalid' }],
    ],
    [
      'checkboxes too few',
      {
        type: 'checkboxes',
        minSelected: 2,
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      ['a'],
      [{ path: 'f', code: 'choice.tooFew', params: { min: 2 } }],
    ],
    [
      'checkboxes too many',
      {
        type: 'checkboxes',
        maxSelected: 1,
        options: [
          { value: 'a', label: t('A') },
          { value: 'b', label: t('B') },
        ],
      },
      ['a', 'b'],
      [{ path: 'f', code: 'choice.tooMany', params: { max: 1 } }],
    ],
    [
      'checkboxes given a string',
      { type: 'checkboxes', options: [{ value: 'a', label: t('A') }] },
      'a',
      [{ path: 'f', code: 'type', params: { expected: 'array' } }],
    ],
    ['yes/no from a boolean', { type: 'yesno' }, false, { value: 'no' }],
    ['yes/no from a string', { type: 'yesno' }, 'yes', { value: 'yes' }],
    ['yes/no neither', { type: 'yesno' }, 'kanske', [{ path: 'f', code: 'choice.invalid' }]],
    ['consent ticked', { type: 'consent' }, true, { value: true }],
    [
      'consent not ticked, even when not marked required',
      { type: 'consent' },
      false,
      [{ path: 'f', code: 'consent.required' }],
    ],
    ['consent missing', { type: 'consent' }, undefined, [{ path: 'f', code: 'consent.required' }]],
    [
      'consent as a string',
      { type: 'consent' },
      'true',
      [{ path: 'f', code: 'type', params: { expected: 'boolean' } }],
    ],
    // child selection
    ['one of the children', { type: 'childSelect' }, '20230915-1237', { value: '202309151237' }],
    ['somebody else', { type: 'childSelect' }, '811218-9876', [{ path: 'f', code: 'child.unknown' }]],
    ['not a personnummer at all', { type: 'childSelect' }, 'Kalle', [{ path: 'f', code: 'child.unknown' }]],
    // address blocks
    [
      'address normalised',
      { type: 'address' },
      { street: ' Storgatan  1 ', postalCode: '12345', city: 'Kommunby' },
      { value: { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' } },
    ],
    [
      'address optional and empty',
      { type: 'address' },
      { street: '', postalCode: ' ', city: '' },
      { value: undefined },
    ],
    [
      'address required and missing: each part is asked for',
      { type: 'address', required: true },
      undefined,
      [
        { path: 'f.street', code: 'required' },
        { path: 'f.postalCode', code: 'required' },
        { path: 'f.city', code: 'required' },
      ],
    ],
    [
      'address half filled in',
      { type: 'address' },
      { street: 'Storgatan 1', postalCode: '1234' },
      [
        { path: 'f.postalCode', code: 'postalCode.format' },
        { path: 'f.city', code: 'required' },
      ],
    ],
    [
      'address as a string',
      { type: 'address' },
      'Storgatan 1',
      [{ path: 'f', code: 'type', params: { expected: 'object' } }],
    ],
  ])('%s', (_name, field, value, expected) => {
    expect(check(field, value)).toEqual(expected);
  });

  it('only ever reports documented codes', () => {
    const f = oneField({ type: 'number', min: 1 });
    for (const issue of validateAnswers(f, { f: 0 }, ctx)) expect(issueCodes).toContain(issue.code);
  });
});

describe('a whole flow', () => {
  it('accepts a complete passenger application and normalises it', () => {
    expect(validateAnswers(flow, passengerAnswers(), ctx)).toEqual([]);
    expect(cleanAnswers(flow, passengerAnswers(), ctx)).toEqual({
      boende: 'yes',
      roll: 'passagerare',
      namn: 'Tolvan Tolvansson',
      pnr: '201212121212',
      adress: { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' },
      dagar: ['man', 'tis'],
      enhet: 'b',
      barn: '201212121212',
      samtycke: true,
    });
  });

  it('never validates or keeps a hidden field: the driver question is hidden for a passenger', () => {
    const answers = { ...passengerAnswers(), korkort: 'x'.repeat(500) };
    expect(validateAnswers(flow, answers, ctx)).toEqual([]);
    expect(cleanAnswers(flow, answers, ctx)).not.toHaveProperty('korkort');
  });

  it('hides a whole step: a driver is not asked the passenger questions, even required ones', () => {
    const answers = { ...passengerAnswers(), roll: 'forare', korkort: 'S123', enhet: 'nonsense', barn: 'x' };
    expect(validateAnswers(flow, answers, ctx)).toEqual([]);
    expect(visibleSteps(flow, answers, ctx).map((s) => s.id)).toEqual(['start', 'uppgifter', 'slut']);
    const clean = cleanAnswers(flow, answers, ctx);
    expect(clean).not.toHaveProperty('enhet');
    expect(clean).not.toHaveProperty('dagar');
    expect(clean.korkort).toBe('S123');
  });

  it('a required field shown by a condition is required once shown', () => {
    const answers = { ...passengerAnswers(), roll: 'forare' };
    expect(validateAnswers(flow, answers, ctx)).toEqual([{ path: 'korkort', code: 'required' }]);
  });

  it('a visible stop field blocks going on', () => {
    const answers = { ...passengerAnswers(), boende: 'no' };
    expect(validateAnswers(flow, answers, { ...ctx, stepId: 'start' })).toEqual([{ path: 'ej-boende', code: 'stop' }]);
    expect(visibleFields(flow, answers, ctx).map((f) => f.id)).toContain('ej-boende');
    expect(visibleFields(flow, passengerAnswers(), ctx).map((f) => f.id)).not.toContain('ej-boende');
  });

  it('conditions see only valid answers: a ticked Wednesday shows the follow-up question', () => {
    const withWednesday = { ...passengerAnswers(), dagar: ['man', 'ons'] };
    expect(visibleFields(flow, withWednesday, ctx).map((f) => f.id)).toContain('onsdagsfraga');
    // five boxes is more than maxSelected: the answer is invalid, so the follow-up stays hidden
    const invalid = { ...passengerAnswers(), dagar: ['man', 'tis', 'ons', 'tor'] };
    expect(visibleFields(flow, invalid, ctx).map((f) => f.id)).not.toContain('onsdagsfraga');
  });

  it('reports one step at a time when asked, and an unknown step', () => {
    const answers = { roll: 'passagerare', pnr: '811218-9875' };
    expect(validateAnswers(flow, answers, { ...ctx, stepId: 'start' })).toEqual([{ path: 'boende', code: 'required' }]);
    expect(validateAnswers(flow, answers, { ...ctx, stepId: 'uppgifter' })).toEqual([
      { path: 'namn', code: 'required' },
      { path: 'pnr', code: 'pnr.checksum' },
      { path: 'adress.street', code: 'required' },
      { path: 'adress.postalCode', code: 'required' },
      { path: 'adress.city', code: 'required' },
    ]);
    expect(validateAnswers(flow, answers, { ...ctx, stepId: 'saknas' })).toContainEqual({
      path: '',
      code: 'step.unknown',
    });
  });

  it('drops answers to fields the flow does not have', () => {
    const clean = cleanAnswers(
      flow,
      { ...passengerAnswers(), smuggel: 'x', __proto__: { evil: 1 }, constructor: 'y' },
      ctx,
    );
    expect(Object.keys(clean)).not.toContain('smuggel');
    expect(Object.keys(clean)).not.toContain('constructor');
  });

  it('uses the register value for a non-editable prefilled field, whatever the renderer sent', () => {
    const answers = { ...passengerAnswers(), namn: 'Någon Annan' };
    expect(cleanAnswers(flow, answers, { ...ctx, prefill: { name: 'Tolvan Tolvansson' } }).namn).toBe(
      'Tolvan Tolvansson',
    );
    // an editable prefilled field keeps what the visitor wrote
    const address = { street: 'Nya vägen 2', postalCode: '543 21', city: 'Annanstad' };
    const clean = cleanAnswers(
      flow,
      { ...passengerAnswers(), adress: address },
      {
        ...ctx,
        prefill: { address: { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' } },
      },
    );
    expect(clean.adress).toEqual(address);
  });
});

describe('prefillAnswers', () => {
  it('fills the prefilled fields from the register and keeps what the visitor already wrote in editable ones', () => {
    const person = {
      name: 'Tolvan Tolvansson',
      address: { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' },
    };
    expect(prefillAnswers(flow, person)).toEqual({ namn: 'Tolvan Tolvansson', adress: person.address });
    const kept = prefillAnswers(flow, person, {
      namn: 'Fel Namn',
      adress: { street: 'Egen', postalCode: '', city: '' },
    });
    expect(kept.namn).toBe('Tolvan Tolvansson');
    expect(kept.adress).toEqual({ street: 'Egen', postalCode: '', city: '' });
  });

  it('mergePrefill: a field left empty takes the register value, a locked field always does and is listed, no value changes nothing', () => {
    const address = { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' };
    expect(
      mergePrefill(flow, { namn: 'Tolvan Tolvansson', adress: address }, { namn: 'Fel Namn', adress: '' }),
    ).toEqual({
      answers: { namn: 'Tolvan Tolvansson', adress: address },
      locked: ['namn'],
    });
    expect(
      mergePrefill(flow, { namn: null, adress: address }, { adress: { street: 'Egen', postalCode: '', city: '' } }),
    ).toEqual({
      answers: { adress: { street: 'Egen', postalCode: '', city: '' } },
      locked: [],
    });
  });
});

describe('buildAnswersSchema', () => {
  it('parses to the clean answers', () => {
    const schema = buildAnswersSchema(flow, ctx);
    expect(schema.parse(passengerAnswers())).toEqual(cleanAnswers(flow, passengerAnswers(), ctx));
  });

  it('fails with one issue per problem: message = code, params, and a nested path for address parts', () => {
    const schema = buildAnswersSchema(flow, ctx);
    const r = schema.safeParse({
      ...passengerAnswers(),
      pnr: '811218-9875',
      adress: { street: 'Storgatan 1', postalCode: '12', city: 'By' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['pnr'], message: 'pnr.checksum' },
      { path: ['adress', 'postalCode'], message: 'postalCode.format' },
    ]);
    const tooMany = schema.safeParse({ ...passengerAnswers(), dagar: ['man', 'tis', 'ons', 'tor'] });
    expect(tooMany.error?.issues[0]).toMatchObject({
      path: ['dagar'],
      message: 'choice.tooMany',
      params: { code: 'choice.tooMany', max: 3 },
    });
  });

  it('works on any input without throwing', () => {
    const schema = buildAnswersSchema(flow, ctx);
    for (const input of [null, undefined, 42, 'x', [], [1, 2]]) expect(schema.safeParse(input).success).toBe(false);
  });
});

describe('reviewItems', () => {
  it('lists every visible answerable field in order, in the visitor language', () => {
    const answers = {
      ...passengerAnswers(),
      antal: '3',
      belopp: '1250,5',
      epost: 'anna@example.se',
      telefon: '0701234567',
    };
    const items = reviewItems(flow, answers, 'sv', ctx);
    expect(items.map((i) => i.fieldId)).toEqual([
      'boende',
      'roll',
      'namn',
      'pnr',
      'adress',
      'postnr',
      'epost',
      'telefon',
      'antal',
      'belopp',
      'start',
      'beskrivning',
      'regnr',
      'dagar',
      'enhet',
      'barn',
      'samtycke',
    ]);
    const byId = Object.fromEntries(items.map((i) => [i.fieldId, i]));
    expect(byId.boende).toMatchObject({
      stepId: 'start',
      stepTitle: 'Start',
      label: 'Bor du i kommunen?',
      displayValue: 'Ja',
      answered: true,
    });
    expect(byId.roll?.displayValue).toBe('Passagerare');
    expect(byId.pnr?.displayValue).toBe('20121212-1212');
    expect(byId.adress?.displayValue).toBe('Storgatan 1, 123 45 Kommunby');
    expect(byId.telefon?.displayValue).toBe('070-123 45 67');
    expect(byId.antal?.displayValue).toBe('3 st');
    expect(byId.belopp?.displayValue).toBe('1\u00a0250,5');
    expect(byId.dagar?.displayValue).toBe('Måndag, Tisdag');
    expect(byId.enhet?.displayValue).toBe('Enhet B');
    expect(byId.barn?.displayValue).toBe('Kalle Test (20121212-1212)');
    expect(byId.samtycke?.displayValue).toBe('Ja');
    expect(byId.postnr).toMatchObject({ displayValue: '', answered: false });
  });

  it('speaks English, and falls back to English for a language the flow lacks', () => {
    const en = reviewItems(flow, passengerAnswers(), 'en', ctx);
    expect(en.find((i) => i.fieldId === 'dagar')?.displayValue).toBe('Monday, Tuesday');
    expect(en.find((i) => i.fieldId === 'boende')?.displayValue).toBe('Yes');
    const ar = reviewItems(flow, passengerAnswers(), 'ar', ctx);
    expect(ar.find((i) => i.fieldId === 'roll')?.displayValue).toBe('Passenger');
  });
});
