/**
 * `npm run bench`: imports every bench/*.bench.ts and prints one JSON line per figure:
 *   {"bench": "area.name", "value": 12.3, "unit": "ms", "target": 100, ...}
 * Pass names to run some only: `npm run bench -- host cases`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Figure {
  bench: string;
  value: number;
  unit: string;
  target?: number;
  [extra: string]: unknown;
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<Figure[]> };
    for (const figure of await mod.run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
  } catch (err) {
    failed += 1;
    process.stderr.write(`${file}: ${(err as Error).stack ?? String(err)}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
