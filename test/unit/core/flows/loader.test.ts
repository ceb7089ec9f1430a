import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFlows, formatFlowProblem, loadFlows, MAX_FLOW_FILE_BYTES } from '../../../../src/core/flows/loader';
import { createLogger } from '../../../../src/core/log/logger';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const broken = path.join(fixtures, 'broken');
const silent = createLogger({ level: 'silent' }).logger;

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }).logger, lines };
}

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-flows-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadFlows with broken files', () => {
  const result = loadFlows({ builtinDir: broken, logger: silent });
  const problemsOf = (name: string) =>
    result.problems
      .filter((p) => path.basename(p.file) === name)
      .map(({ path: p, reason, line }) => ({ path: p, reason, line }));

  it('offers only the flow that loaded cleanly', () => {
    expect([...result.flows.keys()]).toEqual(['good']);
    expect(result.sources.get('good')).toBe(path.join(broken, 'good.yaml'));
  });

  it('reports bad YAML with its line', () => {
    expect(problemsOf('bad-yaml.yaml')).toEqual([
      {
        path: '',
        reason: 'not valid YAML: Flow map in block collection must be sufficiently indented and end with a }',
        line: 12,
      },
    ]);
    expect(problemsOf('duplicate-key.yaml')).toEqual([
      { path: '', reason: 'not valid YAML: Map keys must be unique', line: 2 },
    ]);
  });

  it('reports an unknown field type with the types there are', () => {
    const [problem, ...rest] = problemsOf('unknown-field-type.yaml');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: 'steps[0].fields[1].type', line: 17 });
    expect(problem?.reason).toMatch(/^unknown field type \(expected one of text, textarea, .*stop\); found "slider"$/);
  });

  it('reports a condition pointing at a missing field, deep inside `all`', () => {
    expect(problemsOf('condition-missing-field.yaml')).toEqual([
      {
        path: 'steps[0].fields[0].visibleIf.all[0].field',
        reason: "condition refers to field 'finns-inte', which does not exist in this flow",
        line: 18,
      },
    ]);
  });

  it('reports duplicate field ids', () => {
    expect(problemsOf('duplicate-field-id.yaml')).toEqual([
      { path: 'steps[1].fields[0].id', reason: "duplicate field id 'fraga' (also steps[0].fields[0])", line: 19 },
    ]);
  });

  it('reports choice fields without options', () => {
    expect(problemsOf('options-missing.yaml')).toEqual([
      { path: 'steps[0].fields[0].options', reason: "'options' is missing", line: 13 },
    ]);
  });

  it('offers neither of two files with the same flow id, and names the other file', () => {
    const one = problemsOf('duplicate-flow-id-1.yaml');
    const two = problemsOf('duplicate-flow-id-2.yaml');
    expect(one).toEqual([
      {
        path: 'id',
        reason: `duplicate flow id 'twin' (also in ${path.join(broken, 'duplicate-flow-id-2.yaml')}); neither is offered`,
        line: undefined,
      },
    ]);
    expect(two[0]?.reason).toContain('duplicate-flow-id-1.yaml');
    expect(result.flows.has('twin')).toBe(false);
  });

  it('reports misspelt keys, missing keys and files that are not a mapping', () => {
    expect(problemsOf('unknown-key.yaml')).toEqual([
      { path: 'steps[0].fields[0].requred', reason: "unknown key 'requred'", line: 15 },
    ]);
    expect(problemsOf('missing-title.yaml')).toEqual([
      { path: 'title', reason: "'title' is missing", line: 1 },
      { path: 'steps[0].fields[0].label.en', reason: "'en' is missing", line: 14 },
    ]);
    expect(problemsOf('not-a-mapping.yaml')).toEqual([
      { path: '', reason: 'a flow file must hold one mapping (id, version, title, … steps)', line: undefined },
    ]);
  });

  it('ignores files that are not YAML', () => {
    expect(result.problems.some((p) => p.file.endsWith('README.txt'))).toBe(false);
  });

  it('logs every problem with file, path and reason, and a summary', () => {
    const { logger, lines } = capturingLogger();
    loadFlows({ builtinDir: broken, logger });
    const warnings = lines.filter((l) => l.msg === 'flow definition problem; the flow is not offered');
    expect(warnings).toHaveLength(result.problems.length);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        file: path.join(broken, 'options-missing.yaml'),
        path: 'steps[0].fields[0].options',
        reason: "'options' is missing",
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'flows loaded', offered: ['good'], problems: result.problems.length }),
    );
  });

  it('formats problems for check-config as file:line: path: reason', () => {
    const lines = checkFlows({ builtinDir: broken, logger: silent });
    expect(lines).toContain(
      `${path.join(broken, 'options-missing.yaml')}:13: steps[0].fields[0].options: 'options' is missing`,
    );
    expect(formatFlowProblem({ file: 'a.yaml', path: '', reason: 'r' })).toBe('a.yaml: r');
  });
});

describe('loadFlows: folders and the enabled list', () => {
  it('loads the extra folders from config (relative to the config file) after the shipped ones, .yml too', () => {
    const r = loadFlows({ builtinDir: path.join(broken), dirs: ['extra'], baseDir: fixtures, logger: silent });
    expect([...r.flows.keys()]).toEqual(['good', 'extra-flow']);
  });

  it('offers only the enabled flows, in the order given, and reports enabled ids that did not load', () => {
    const r = loadFlows({
      builtinDir: broken,
      dirs: [path.join(fixtures, 'extra')],
      enabled: ['extra-flow', 'good', 'saknas'],
      logger: silent,
    });
    expect([...r.flows.keys()]).toEqual(['extra-flow', 'good']);
    expect(r.problems).toContainEqual({
      file: '(config)',
      path: 'flows.enabled',
      reason: "no flow with id 'saknas' loaded (missing, or its file has problems)",
    });
    const only = loadFlows({ builtinDir: broken, enabled: ['good'], logger: silent });
    expect([...only.flows.keys()]).toEqual(['good']);
  });

  it('reports a missing folder and goes on with the others', () => {
    const r = loadFlows({ builtinDir: broken, dirs: ['/nonexistent/kiosk-flows'], logger: silent });
    expect(r.flows.has('good')).toBe(true);
    expect(r.problems).toContainEqual({ file: '/nonexistent/kiosk-flows', path: '', reason: 'folder does not exist' });
  });

  it('refuses a file that is too large and an empty file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'huge.yaml'), `# ${'x'.repeat(MAX_FLOW_FILE_BYTES)}\n`);
    writeFileSync(path.join(dir, 'empty.yaml'), '');
    const r = loadFlows({ builtinDir: dir, logger: silent });
    expect(r.flows.size).toBe(0);
    expect(r.problems.map((p) => [path.basename(p.file), p.reason])).toEqual([
      ['empty.yaml', 'a flow file must hold one mapping (id, version, title, … steps)'],
      ['huge.yaml', `file is ${MAX_FLOW_FILE_BYTES + 3} bytes; a flow file may be at most ${MAX_FLOW_FILE_BYTES}`],
    ]);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const dir = tempDir();
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i += 1) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    writeFileSync(path.join(dir, 'bomb.yaml'), `${lines.join('\n')}\n`);
    const r = loadFlows({ builtinDir: dir, logger: silent });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.reason).toMatch(/^not valid YAML: /);
  });
});
