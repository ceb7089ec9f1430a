import { describe, expect, it } from 'vitest';
import { flowDefinitionSchema, type FlowDefinitionInput } from '../../../../src/contract/flows/definition';
import { checkFlowDefinition } from '../../../../src/contract/flows/definition-checks';
import { sampleFlow, sampleFlowInput, t } from './sample-flow';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach deep into loosely typed copies to break them
type Mutable = Record<string, any>;

/** The sample flow's input, changed by `change`, parsed; returns the issues as "path: message". */
function problemsOf(change: (flow: Mutable) => void): string[] {
  const input = structuredClone(sampleFlowInput) as Mutable;
  change(input);
  const r = flowDefinitionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('flowDefinitionSchema', () => {
  it('parses a flow with every field type and applies the defaults', () => {
    const flow = sampleFlow();
    expect(flow.steps.flatMap((s) => s.fields.map((f) => f.type)).sort()).toEqual(
      [
        'address',
        'checkboxes',
        'childSelect',
        'consent',
        'date',
        'email',
        'info',
        'number',
        'number',
        'personnummer',
        'phone',
        'postalCode',
        'radio',
        'select',
        'stop',
        'text',
        'text',
        'text',
        'text',
        'textarea',
        'yesno',
      ].sort(),
    );
    const pnr = flow.steps[1]?.fields.find((f) => f.id === 'pnr');
    expect(pnr).toMatchObject({ required: true, allowSamordningsnummer: true, editable: true });
    expect(flow.delivery).toEqual({});
    const info = flow.steps[0]?.fields.find((f) => f.id === 'info');
    expect(info).toMatchObject({ variant: 'info' });
  });

  it('accepts other languages besides sv and en, but never fewer', () => {
    expect(problemsOf((f) => (f.title = { sv: 'Titel', en: 'Title', ar: 'عنوان' }))).toEqual([]);
    expect(problemsOf((f) => (f.title = { sv: 'Titel' }))).toEqual([
      'title.en: Invalid input: expected string, received undefined',
    ]);
  });

  it('refuses an unknown field type, naming the types there are', () => {
    const problems = problemsOf((f) => (f.steps[0].fields[0].type = 'slider'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^steps\.0\.fields\.0\.type: unknown field type \(expected one of text, textarea, number/,
    );
  });

  it('refuses misspelt keys instead of ignoring them', () => {
    expect(problemsOf((f) => (f.steps[0].fields[0].requred = true))).toEqual([
      'steps.0.fields.0: Unrecognized key: "requred"',
    ]);
  });

  it('refuses choice fields without options', () => {
    expect(problemsOf((f) => delete f.steps[0].fields[2].options)).toEqual([
      'steps.0.fields.2.options: Invalid input: expected array, received undefined',
    ]);
  });

  it('refuses ids that are not kebab-case (flows) or identifiers (fields)', () => {
    expect(problemsOf((f) => (f.id = 'Prov Flöde'))[0]).toMatch(/^id: must be kebab-case/);
    expect(problemsOf((f) => (f.steps[0].fields[0].id = '__proto__'))[0]).toMatch(
      /^steps\.0\.fields\.0\.id: must start with a lower-case letter/,
    );
  });

  it('refuses a malformed condition with a message listing the forms', () => {
    const problems = problemsOf((f) => (f.steps[0].fields[3].visibleIf = { field: 'roll', eq: 'forare' }));
    expect(problems).toEqual([
      'steps.0.fields.3.visibleIf: not a valid condition: use {field, equals}, {field, in}, {field, isSet}, {field, includes}, {not}, {all} or {any}',
    ]);
  });
});

describe('whole-flow checks', () => {
  it('has nothing to say about the sample flow', () => {
    expect(checkFlowDefinition(sampleFlow())).toEqual([]);
  });

  it.each<[string, (f: Mutable) => void, string]>([
    [
      'duplicate field ids',
      (f) => (f.steps[1].fields[1].id = 'namn'),
      "steps.1.fields.1.id: duplicate field id 'namn' (also steps[1].fields[0])",
    ],
    ['duplicate step ids', (f) => (f.steps[1].id = 'start'), "steps.1.id: duplicate step id 'start' (also steps[0])"],
    [
      'a condition on a missing field',
      (f) => (f.steps[0].fields[3].visibleIf = { field: 'saknas', equals: 'x' }),
      "steps.0.fields.3.visibleIf.field: condition refers to field 'saknas', which does not exist in this flow",
    ],
    [
      'a condition on a later field',
      (f) => (f.steps[0].fields[3].visibleIf = { field: 'namn', isSet: true }),
      "steps.0.fields.3.visibleIf.field: a condition may only refer to fields that come before it ('namn' does not)",
    ],
    [
      'a condition on itself',
      (f) => (f.steps[0].fields[3].visibleIf = { not: { field: 'korkort', isSet: true } }),
      "steps.0.fields.3.visibleIf.not.field: a condition may only refer to fields that come before it ('korkort' does not)",
    ],
    [
      "a step condition on the step's own field",
      (f) => (f.steps[2].visibleIf = { field: 'enhet', equals: 'a' }),
      "steps.2.visibleIf.field: a step's condition may only refer to fields of earlier steps ('enhet' is not)",
    ],
    [
      'a condition on an info field',
      (f) => (f.steps[1].fields[0].visibleIf = { field: 'info', isSet: true }),
      "steps.1.fields.0.visibleIf.field: condition refers to 'info', a info field that has no answer",
    ],
    [
      'a condition value that is not an option',
      (f) => (f.steps[0].fields[3].visibleIf = { field: 'roll', in: ['forare', 'cyklist'] }),
      "steps.0.fields.3.visibleIf.in.1: 'cyklist' is not a value of field 'roll' (expected one of 'forare', 'passagerare')",
    ],
    [
      'a yes/no condition written as a boolean',
      (f) => (f.steps[0].fields[1].visibleIf = { field: 'boende', equals: false }),
      "steps.0.fields.1.visibleIf.equals: 'false' is not a value of field 'boende' (expected one of 'yes', 'no')",
    ],
    [
      'includes on a radio field',
      (f) => (f.steps[0].fields[3].visibleIf = { field: 'roll', includes: 'forare' }),
      "steps.0.fields.3.visibleIf.includes: 'includes' applies to checkboxes; 'roll' is a radio field",
    ],
    [
      'duplicate option values',
      (f) => (f.steps[2].fields[0].options[3].value = 'man'),
      "steps.2.fields.0.options.3.value: duplicate option value 'man'",
    ],
    [
      'minLength above maxLength',
      (f) => (f.steps[1].fields[9].minLength = 60),
      'steps.1.fields.9.minLength: minLength 60 is greater than maxLength 50',
    ],
    ['min above max', (f) => (f.steps[1].fields[6].min = 11), 'steps.1.fields.6.min: min 11 is greater than max 10'],
    [
      'a date min after max',
      (f) => Object.assign(f.steps[1].fields[8], { min: '2026-01-01', max: '2025-01-01' }),
      'steps.1.fields.8.min: min 2026-01-01 is after max 2025-01-01',
    ],
    [
      'an impossible date limit',
      (f) => (f.steps[1].fields[8].max = '2025-02-30'),
      "steps.1.fields.8.max: '2025-02-30' is not a real date",
    ],
    [
      'a broken pattern',
      (f) => (f.steps[1].fields[10].pattern = '[A-Z'),
      'steps.1.fields.10.pattern: pattern is not a valid regular expression',
    ],
    [
      'a pattern without a message',
      (f) => delete f.steps[1].fields[10].patternMessage,
      'steps.1.fields.10.patternMessage: a field with a pattern needs a patternMessage telling the visitor what to write',
    ],
    [
      'a prefill that does not fit the type',
      (f) => (f.steps[1].fields[4].prefill = 'person.phone'),
      "steps.1.fields.4.prefill: a email field cannot be prefilled from 'person.phone' (allowed: person.email)",
    ],
    [
      'a patternMessage without a pattern',
      (f) => (f.steps[1].fields[9].patternMessage = t('Fel')),
      'steps.1.fields.9.patternMessage: patternMessage without a pattern',
    ],
    [
      'editable: false without prefill',
      (f) => (f.steps[1].fields[4].editable = false),
      'steps.1.fields.4.editable: editable: false only makes sense with prefill',
    ],
    [
      'more minSelected than options',
      (f) => Object.assign(f.steps[2].fields[0], { minSelected: 5, maxSelected: undefined }),
      'steps.2.fields.0.minSelected: minSelected 5 is more than the 4 options',
    ],
    [
      'a stop field without a condition',
      (f) => delete f.steps[0].fields[1].visibleIf,
      'steps.0.fields.1.visibleIf: a stop field without a condition blocks every visitor',
    ],
  ])('reports %s', (_name, change, expected) => {
    expect(problemsOf(change)).toEqual([expected]);
  });

  it('reports prefill and child selection in a flow without identification', () => {
    const problems = problemsOf((f) => (f.identification = 'none'));
    expect(problems).toEqual([
      "steps.1.fields.0.prefill: prefill needs a signed-in visitor: set the flow's identification to login or sign",
      "steps.1.fields.2.prefill: prefill needs a signed-in visitor: set the flow's identification to login or sign",
      "steps.2.fields.3.type: childSelect lists the signed-in person's children: set the flow's identification to login or sign",
    ]);
  });

  it('bounds how deep conditions nest', () => {
    let cond: Mutable = { field: 'roll', equals: 'forare' };
    for (let i = 0; i < 10; i += 1) cond = { not: cond };
    const problems = problemsOf((f) => (f.steps[0].fields[3].visibleIf = cond));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/conditions nest deeper than 8 levels/);
  });

  it('types a minimal flow as an author would write it', () => {
    const minimal: FlowDefinitionInput = {
      id: 'minsta',
      version: 1,
      title: t('Minsta'),
      description: t('Minsta möjliga flöde'),
      category: 'Test',
      identification: 'none',
      steps: [{ id: 'ett', title: t('Ett'), fields: [{ id: 'fraga', type: 'text', label: t('Fråga') }] }],
      paper: { handIn: t('Receptionen') },
    };
    expect(flowDefinitionSchema.safeParse(minimal).success).toBe(true);
  });
});
