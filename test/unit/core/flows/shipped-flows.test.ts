/** The e-services shipped in resources/flows, the generated JSON Schema and the help texts. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAnswers, visibleSteps } from '../../../../src/contract/flows/answers-schema';
import { reviewItems } from '../../../../src/contract/flows/review';
import { flowJsonSchemaText } from '../../../../src/core/flows/flow-json-schema';
import { defaultBuiltinFlowsDir, loadFlows } from '../../../../src/core/flows/loader';
import { prepareSubmission } from '../../../../src/core/submission/case-document';
import { createLogger } from '../../../../src/core/log/logger';

const root = path.resolve(import.meta.dirname, '../../../..');
const flowsDir = path.join(root, 'resources/flows');
const { flows, problems } = loadFlows({ logger: createLogger({ level: 'silent' }).logger });
const flow = (id: string) => {
  const f = flows.get(id);
  if (!f) throw new Error(`flow ${id} did not load`);
  return f;
};

import { person, samples } from '../../fixtures/shipped-flow-answers';

describe('shipped e-services', () => {
  it('all four load without a single problem', () => {
    expect(problems).toEqual([]);
    expect([...flows.keys()].sort()).toEqual([
      'felanmalan-gata-park',
      'forskoleplats',
      'parkeringstillstand',
      'support-e-tjanster',
    ]);
  });

  it('each file points editors at the JSON Schema and is named after its id', () => {
    for (const name of readdirSync(flowsDir).filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(path.join(flowsDir, name), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./flow.schema.json');
      expect(flows.has(name.replace(/\.yaml$/, ''))).toBe(true);
    }
    expect(path.resolve(defaultBuiltinFlowsDir())).toBe(flowsDir);
  });

  it('have the identification the issue asks for', () => {
    expect(flow('support-e-tjanster').identification).toBe('none');
    expect(flow('felanmalan-gata-park').identification).toBe('none');
    expect(flow('parkeringstillstand').identification).toBe('sign');
    expect(flow('forskoleplats').identification).toBe('sign');
    for (const f of flows.values()) {
      expect(f.gdpr, f.id).toBeDefined();
      expect(
        f.steps.flatMap((s) => s.fields).some((field) => field.type === 'consent'),
        f.id,
      ).toBe(true);
    }
  });

  it.each(Object.keys(samples))('%s: a complete answer set validates and becomes a case document', (id) => {
    const f = flow(id);
    const answers = samples[id] as Record<string, unknown>;
    expect(validateAnswers(f, answers, person)).toEqual([]);
    const doc = prepareSubmission(f, answers, { ...person, kioskId: 'kiosk-1', now: new Date('2025-06-15T10:00:00Z') });
    expect(doc.flow).toMatchObject({ id, version: 1 });
    expect(doc.answers.length).toBeGreaterThan(3);
    // every item the review shows is in the case, and nothing else
    const shown = reviewItems(f, answers, 'sv', person)
      .filter((i) => i.answered)
      .map((i) => i.fieldId);
    expect(doc.answers.map((a) => a.fieldId)).toEqual(shown);
  });

  it('parkeringstillstand: drivers and passengers get different questions', () => {
    const f = flow('parkeringstillstand');
    const passenger = samples.parkeringstillstand as Record<string, unknown>;
    expect(visibleSteps(f, passenger, person).map((s) => s.id)).toEqual([
      'forutsattningar',
      'sokande',
      'passagerare',
      'behov',
      'intyga',
    ]);
    const driver = { ...passenger, roll: 'forare', korkort: 'yes', regnummer: 'abc 12d' };
    expect(visibleSteps(f, driver, person).map((s) => s.id)).toEqual([
      'forutsattningar',
      'sokande',
      'forare',
      'behov',
      'intyga',
    ]);
    expect(validateAnswers(f, driver, person)).toEqual([]);
    expect(validateAnswers(f, { ...driver, regnummer: 'AB 1234' }, person)).toEqual([
      { path: 'regnummer', code: 'text.pattern' },
    ]);
    expect(validateAnswers(f, { ...driver, korkort: 'no' }, person)).toEqual([{ path: 'utan-korkort', code: 'stop' }]);
  });

  it('parkeringstillstand: only for residents — "no" stops the visitor on the first step', () => {
    const f = flow('parkeringstillstand');
    expect(validateAnswers(f, { folkbokford: 'no', roll: 'forare' }, { ...person, stepId: 'forutsattningar' })).toEqual(
      [{ path: 'ej-folkbokford', code: 'stop' }],
    );
    expect(() =>
      prepareSubmission(f, { ...samples.parkeringstillstand, folkbokford: 'no' }, { ...person, kioskId: 'k' }),
    ).toThrow(/stop/);
  });

  it('felanmalan: immediate danger stops the report and says to call', () => {
    const f = flow('felanmalan-gata-park');
    expect(
      validateAnswers(f, { akut: 'yes', feltyp: 'annat', beskrivning: 'Ledning nere' }, { ...person, stepId: 'felet' }),
    ).toEqual([{ path: 'akut-stopp', code: 'stop' }]);
  });

  it("forskoleplats: only the signed-in person's own children, times as hh:mm, a start date from today", () => {
    const f = flow('forskoleplats');
    const base = samples.forskoleplats as Record<string, unknown>;
    expect(validateAnswers(f, { ...base, barn: '201212121212' }, person)).toEqual([
      { path: 'barn', code: 'child.unknown' },
    ]);
    expect(validateAnswers(f, { ...base, lamning: '7:30' }, person)).toEqual([
      { path: 'lamning', code: 'text.pattern' },
    ]);
    expect(validateAnswers(f, { ...base, startdatum: '2025-06-01' }, person)).toEqual([
      { path: 'startdatum', code: 'date.tooEarly', params: { min: '2025-06-15' } },
    ]);
    // general preschool: no schedule questions
    const general = {
      ...base,
      omfattning: 'allman',
      dagar: undefined,
      lamning: undefined,
      hamtning: undefined,
      timmar: undefined,
      sysselsattning: undefined,
    };
    expect(validateAnswers(f, general, person)).toEqual([]);
  });
});

describe('flow.schema.json', () => {
  it('is up to date with the zod schema (run `npm run flows:schema` after changing it)', () => {
    expect(readFileSync(path.join(flowsDir, 'flow.schema.json'), 'utf8')).toBe(flowJsonSchemaText());
  });

  it('describes every field type', () => {
    const schema = JSON.parse(flowJsonSchemaText()) as { definitions: Record<string, unknown> };
    expect(Object.keys(schema.definitions)).toEqual(
      expect.arrayContaining(['TextField', 'ChildSelectField', 'StopField', 'Condition', 'LocalisedText']),
    );
  });
});

describe('help texts (Frågor och svar)', () => {
  it.each(['sv', 'en'])('%s.md is a list of ## questions with answers, plain text, with the contact tokens', (lang) => {
    const text = readFileSync(path.join(root, 'resources/help', `${lang}.md`), 'utf8');
    const sections = text.split(/^## /m).slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(8);
    for (const section of sections) {
      const [question, ...body] = section.split('\n');
      expect(question?.trim().endsWith('?'), question).toBe(true);
      expect(body.join('\n').trim().length, question).toBeGreaterThan(40);
    }
    expect(text).not.toMatch(/<[a-z/!]/i);
    expect(text).toContain('{contactPhone}');
    expect(text).toContain('{contactEmail}');
    expect(text).toMatch(lang === 'sv' ? /Vi har nu mottagit ditt ärende!/ : /We have now received your case!/);
  });
});

describe('docs/flows.md', () => {
  it('its example flow loads cleanly', () => {
    const text = readFileSync(path.join(root, 'docs/flows.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    expect(example).toBeDefined();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-flows-doc-'));
    try {
      writeFileSync(path.join(dir, 'example.yaml'), example as string);
      const r = loadFlows({ builtinDir: dir, logger: createLogger({ level: 'silent' }).logger });
      expect(r.problems).toEqual([]);
      expect([...r.flows.keys()]).toEqual(['ansokan-om-gatupratare']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
