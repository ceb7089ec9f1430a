import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { quickYaml } from '../../../../src/core/config/yaml-text';

const root = path.resolve(__dirname, '../../../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

describe('the quick YAML read used at start-up', () => {
  // every file the kiosk ships or tests with: the quick read must agree with the careful one, or step aside
  const files = [...yamlFiles(path.join(root, 'resources')), ...yamlFiles(path.join(root, 'test'))];

  it.each(files.map((f) => [path.relative(root, f)]))(
    '%s: gives the value the careful parser gives, or leaves the file to it',
    (rel) => {
      const text = readFileSync(path.join(root, rel), 'utf8');
      const quick = quickYaml(text);
      let careful: unknown;
      try {
        careful = parse(text, { uniqueKeys: true });
      } catch {
        // a file the careful parser refuses must not pass the quick read
        expect(quick).toBeNull();
        return;
      }
      if (quick) expect(quick.value).toEqual(careful);
    },
  );

  it('reads YAML 1.2 core values as the careful parser does: dates and yes/no stay text', () => {
    expect(quickYaml('start: 2026-01-15\nanswer: yes\nn: 012\nempty:\n')).toEqual({
      value: { start: '2026-01-15', answer: 'yes', n: 12, empty: null },
    });
    expect(parse('start: 2026-01-15\nanswer: yes\nn: 012\nempty:\n')).toEqual({
      start: '2026-01-15',
      answer: 'yes',
      n: 12,
      empty: null,
    });
  });

  it('leaves syntax errors and duplicate keys to the careful parser, which reports their lines', () => {
    expect(quickYaml('a: [1, 2\n')).toBeNull();
    expect(quickYaml('a: 1\na: 2\n')).toBeNull();
  });

  it('reads anchors and aliases (a list of units used twice), but leaves an alias bomb to the careful parser', () => {
    expect(quickYaml('a: &units [Solen, Månen]\nb: *units\n')).toEqual({
      value: { a: ['Solen', 'Månen'], b: ['Solen', 'Månen'] },
    });
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i += 1)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(quickYaml(`${levels.join('\n')}\n`)).toBeNull(); // 10^9 nodes when expanded
  });
});
