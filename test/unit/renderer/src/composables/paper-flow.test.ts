/**
 * The paper route's variant of a flow: a childSelect becomes a personnummer typed by hand, and what the
 * renderer accepts there is exactly what core accepts when it validates paper answers (the original
 * flow, no register context) — with the same normalised answer, which is what core prints.
 */
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseAnswers } from '../../../../../src/contract/flows/answers-schema';
import type { FlowDefinition } from '../../../../../src/contract/flows/definition';
import { loadFlows } from '../../../../../src/core/flows/loader';
import { createLogger } from '../../../../../src/core/log/logger';
import { paperFlow } from '../../../../../src/renderer/src/composables/paper-flow';

const root = path.resolve(import.meta.dirname, '../../../../..');
const { flows } = loadFlows({
  builtinDir: path.join(root, 'resources', 'flows'),
  logger: createLogger({ level: 'silent' }).logger,
});
const TODAY = '2025-06-15';

function flow(id: string): FlowDefinition {
  const f = flows.get(id);
  if (!f) throw new Error(`flow ${id} did not load`);
  return f;
}

/** A Luhn-valid 12-digit personnummer (or samordningsnummer) from its first eleven digits. */
function withCheckDigit(eleven: string): string {
  const nine = eleven.slice(2);
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  }
  return `${eleven}${(10 - (sum % 10)) % 10}`;
}

describe('paperFlow', () => {
  it('replaces the childSelect of Förskoleplats by a personnummer field with the same id, question and rule', () => {
    const original = flow('forskoleplats');
    const paper = paperFlow(original);
    const child = original.steps[0]?.fields[0];
    const manual = paper.steps[0]?.fields[0];
    expect(child?.type).toBe('childSelect');
    expect(manual).toMatchObject({
      type: 'personnummer',
      id: child?.id,
      label: child?.label,
      required: true,
      allowSamordningsnummer: true,
    });
    expect(manual && 'help' in manual ? manual.help?.sv : '').toContain('Skriv barnets personnummer');
    // everything else is the same flow
    expect(paper.steps.slice(1)).toEqual(original.steps.slice(1));
    expect({ ...paper, steps: [] }).toEqual({ ...original, steps: [] });
    expect(original.steps[0]?.fields[0]?.type).toBe('childSelect');
  });

  it('leaves flows without a childSelect or an attachment as they are', () => {
    for (const id of ['felanmalan-gata-park', 'support-e-tjanster']) expect(paperFlow(flow(id))).toBe(flow(id));
  });

  it('turns an attachment into a note to attach a copy to the blankett (nothing is scanned on paper)', () => {
    const paper = paperFlow(flow('parkeringstillstand'));
    const note = paper.steps.flatMap((s) => s.fields).find((f) => f.id === 'lakarintyg');
    expect(note?.type).toBe('info');
    expect(note?.type === 'info' && note.text.sv).toBe(
      'Bifoga en kopia (Läkarintyg) när du lämnar in blanketten. Kiosken skannar inte bilagor när du använder blanketten. Skicka inte originalet.',
    );
    expect(note?.type === 'info' && note.text.en).toContain('Attach a copy (Medical certificate)');
  });

  it('accepts and normalises a typed child exactly as core does for paper answers', () => {
    const original = flow('forskoleplats');
    const paper = paperFlow(original);
    const field = original.steps[0]?.fields[0]?.id as string;
    const stepId = original.steps[0]?.id as string;
    for (const [value, clean] of [
      ['20190314-2386', '201903142386'],
      ['190314-2386', '201903142386'],
      ['20190374-2383', '201903742383'], // samordningsnummer
      ['20190314-2387', undefined], // wrong check digit
    ] as const) {
      expect(analyseAnswers(paper, { [field]: value }, { today: TODAY, stepId }).clean[field]).toBe(clean);
      expect(analyseAnswers(original, { [field]: value }, { today: TODAY, stepId }).clean[field]).toBe(clean);
    }
    const typed = fc.oneof(
      // plausible numbers: real dates, valid check digits, with or without century and separator
      fc
        .record({
          y: fc.integer({ min: 1990, max: 2025 }),
          m: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 91 }),
          n: fc.integer({ min: 0, max: 999 }),
        })
        .chain(({ y, m, d, n }) => {
          const twelve = withCheckDigit(
            `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(n).padStart(3, '0')}`,
          );
          return fc.constantFrom(
            twelve,
            twelve.slice(2),
            `${twelve.slice(0, 8)}-${twelve.slice(8)}`,
            `${twelve.slice(2, 8)}-${twelve.slice(8)}`,
            ` ${twelve} `,
          );
        }),
      fc.stringMatching(/^[0-9+ -]{0,14}$/),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(typed, (value) => {
        const answers = { [field]: value };
        const core = analyseAnswers(original, answers, { today: TODAY, stepId });
        const renderer = analyseAnswers(paper, answers, { today: TODAY, stepId });
        expect(renderer.issues.length === 0).toBe(core.issues.length === 0);
        expect(renderer.clean[field]).toEqual(core.clean[field]);
      }),
      { numRuns: 400 },
    );
  });
});
