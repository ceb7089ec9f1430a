/**
 * The flow engine: validating a full 100-field flow (what the renderer does as the visitor types and
 * core does on submit), and loading 50 flow files at start-up.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateAnswers } from '../src/contract/flows/answers-schema';
import { flowDefinitionSchema, type FlowDefinitionInput } from '../src/contract/flows/definition';
import { loadFlows } from '../src/core/flows/loader';
import { createLogger } from '../src/core/log/logger';
import type { Figure } from './run';
import { median } from './statistics';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t = (s: string) => ({ sv: s, en: s });

/** 10 steps of 10 fields: every input type, half of them behind a condition. */
function hundredFieldFlow(): { flow: ReturnType<typeof flowDefinitionSchema.parse>; answers: Record<string, unknown> } {
  const options = [
    { value: 'a', label: t('A') },
    { value: 'b', label: t('B') },
    { value: 'c', label: t('C') },
  ];
  const kinds: Array<[Record<string, unknown>, unknown]> = [
    [{ type: 'text', maxLength: 100 }, 'Anna Svensson'],
    [{ type: 'textarea', minLength: 5 }, 'En längre beskrivning\nmed två rader.'],
    [{ type: 'number', min: 0, max: 1000 }, '12,5'],
    [{ type: 'date', min: 'today-1y', max: 'today+1y' }, '2025-08-01'],
    [{ type: 'email' }, 'anna@example.se'],
    [{ type: 'phone' }, '070-123 45 67'],
    [{ type: 'personnummer' }, '811218-9876'],
    [{ type: 'postalCode' }, '12345'],
    [{ type: 'checkboxes', options, minSelected: 1 }, ['a', 'c']],
    [{ type: 'address' }, { street: 'Storgatan 1', postalCode: '123 45', city: 'Kommunby' }],
  ];
  const answers: Record<string, unknown> = {};
  const steps: FlowDefinitionInput['steps'] = [];
  for (let s = 0; s < 10; s += 1) {
    const fields: Array<Record<string, unknown>> = [
      { id: `s${s}-gate`, type: 'radio', required: true, label: t('Val'), options },
    ];
    answers[`s${s}-gate`] = 'a';
    for (let f = 1; f < 10; f += 1) {
      const [def, value] = kinds[(s + f) % kinds.length] as [Record<string, unknown>, unknown];
      const id = `s${s}-f${f}`;
      fields.push({
        id,
        label: t(`Fråga ${f}`),
        required: true,
        ...def,
        ...(f % 2 === 0
          ? {
              visibleIf: {
                any: [{ field: `s${s}-gate`, in: ['a', 'b'] }, { not: { field: `s${s}-gate`, isSet: true } }],
              },
            }
          : {}),
      });
      answers[id] = value;
    }
    steps.push({
      id: `steg-${s}`,
      title: t(`Steg ${s}`),
      fields: fields as FlowDefinitionInput['steps'][number]['fields'],
    });
  }
  const flow = flowDefinitionSchema.parse({
    id: 'hundra-falt',
    version: 1,
    title: t('Hundra fält'),
    description: t('Hundra fält'),
    category: 'Bench',
    identification: 'none',
    steps,
    paper: { handIn: t('Receptionen') },
  });
  return { flow, answers };
}

function benchValidation(): Figure {
  const { flow, answers } = hundredFieldFlow();
  const ctx = { today: '2025-06-15' };
  const issues = validateAnswers(flow, answers, ctx);
  if (issues.length > 0) throw new Error(`bench answers are not valid: ${JSON.stringify(issues)}`);
  for (let i = 0; i < 50; i += 1) validateAnswers(flow, answers, ctx); // warm up
  const times: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const start = performance.now();
    validateAnswers(flow, answers, ctx);
    times.push(performance.now() - start);
  }
  return {
    bench: 'flows.validate_100_fields',
    value: Number(median(times).toFixed(3)),
    unit: 'ms',
    target: 5,
    runs: times.length,
  };
}

function benchLoading(): Figure {
  const shippedDir = path.join(root, 'resources/flows');
  const shipped = readdirSync(shippedDir)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => readFileSync(path.join(shippedDir, n), 'utf8'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-flows-'));
  const { logger } = createLogger({ level: 'silent' });
  try {
    for (let i = 0; i < 50; i += 1) {
      const text = (shipped[i % shipped.length] as string).replace(/^id: (.+)$/m, (_m, id: string) => `id: ${id}-${i}`);
      writeFileSync(path.join(dir, `flow-${String(i).padStart(2, '0')}.yaml`), text);
    }
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const start = performance.now();
      const result = loadFlows({ builtinDir: dir, logger });
      times.push(performance.now() - start);
      if (result.flows.size !== 50 || result.problems.length > 0) throw new Error('bench flows did not all load');
    }
    return {
      bench: 'flows.load_50_files',
      value: Number(median(times).toFixed(1)),
      unit: 'ms',
      target: 500,
      runs: times.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  return [benchValidation(), benchLoading()];
}
