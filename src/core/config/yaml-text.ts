/**
 * Reading the kiosk's YAML files (the configuration and the flow files) quickly at start-up.
 *
 * The `yaml` library reports every problem with its line and column, which IT and flow authors
 * need, but loading and warming it up costs a few hundred milliseconds of a cold start. So a file is
 * first read with js-yaml (YAML 1.2 core schema, as `yaml` uses: no dates, no merge keys); when that
 * value passes the schema, the file is good and nothing more is needed. Only a file with something to
 * report — a syntax error, a schema problem — or whose aliases would make the value huge (an "alias
 * bomb") is read again by `yaml`, loaded then, and its reports and alias limits are what counts. A
 * unit test checks that both parsers give the same value for every shipped file.
 */
import { createRequire } from 'node:module';
import { CORE_SCHEMA, load } from 'js-yaml';
import type * as YamlLibrary from 'yaml';

/** Nodes a value may have when every alias is counted in full (a big flow file has a few thousand). */
const MAX_NODES = 100_000;

/** True when walking the value, shared (aliased) parts counted each time, stays within `MAX_NODES`. */
function withinSize(value: unknown): boolean {
  let nodes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if ((nodes += 1) > MAX_NODES) return false;
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return true;
}

/** The value of a YAML text, or null when it must be read by the careful parser (`yamlLibrary`). */
export function quickYaml(text: string): { value: unknown } | null {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return null;
  }
  return withinSize(value) ? { value } : null;
}

/** The schema's output when the quick read gives a mapping (an empty file: `emptyAs`) that passes it; else null. */
export function quickMapping<T>(
  text: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  emptyAs?: object,
): T | null {
  const quick = quickYaml(text);
  const value = quick?.value ?? (quick ? emptyAs : undefined);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The careful read: the YAML document with positions, for reporting what is wrong and where. */
export function carefulDocument(text: string): { doc: YamlLibrary.Document.Parsed; counter: YamlLibrary.LineCounter } {
  const { LineCounter, parseDocument } = yamlLibrary();
  const counter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true }), counter };
}

const requireHere = createRequire(import.meta.url);
let library: typeof YamlLibrary | null = null;

/** The `yaml` library (precise positions), loaded on first use. */
export function yamlLibrary(): typeof YamlLibrary {
  library ??= requireHere('yaml') as typeof YamlLibrary;
  return library;
}
