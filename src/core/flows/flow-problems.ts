/**
 * Turns what went wrong with a flow file into problems an author can act on: the file, where in it
 * (a path like `steps[1].fields[3].visibleIf.field` and the line), and why, in plain English.
 */
import type { Document, LineCounter } from 'yaml';
import { yamlLibrary } from '../config/yaml-text';
import type { z } from 'zod';

export interface FlowProblem {
  /** The file (or folder) concerned; '(config)' for problems of the flows config section. */
  file: string;
  /** Where in the file: `steps[1].fields[3].type`; '' for the file as a whole. */
  path: string;
  reason: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export function formatFlowProblem(p: FlowProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.reason}` : `${where}: ${p.reason}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key as string))
      return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The line of the deepest node of `path` that exists in the YAML document. */
export function lineOf(
  doc: Document | null,
  counter: LineCounter,
  path: ReadonlyArray<PropertyKey>,
): number | undefined {
  if (!doc) return undefined;
  const { isMap, isSeq } = yamlLibrary();
  for (let n = path.length; n >= 0; n -= 1) {
    const keys = path.slice(0, n) as Array<string | number>;
    const node = (n === 0 ? doc.contents : doc.getIn(keys, true)) as
      { range?: [number, number, number] } | null | undefined;
    if (node && typeof node === 'object' && Array.isArray(node.range)) return counter.linePos(node.range[0]).line;
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
      if ((isMap(parent) || isSeq(parent)) && parent.range) return counter.linePos(parent.range[0]).line;
    }
  }
  return undefined;
}

type Issue = z.core.$ZodIssue;

/**
 * A union (conditions) that failed reports every branch's errors. The branch with the fewest issues is
 * almost always the one the author meant; report its issues instead of "Invalid input".
 */
function flattenUnion(issue: Issue, depth = 0): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0 || depth > 10) return [issue];
  let best: Issue[] | undefined;
  for (const branch of issue.errors) {
    const relevant = branch.filter((i) => !(i.code === 'unrecognized_keys' && i.path.length === 0));
    if (relevant.length === 0) continue;
    if (!best || branch.length < best.length) best = branch;
  }
  if (!best) return [issue];
  const prefixed = best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
  return prefixed.flatMap((i) => flattenUnion(i, depth + 1));
}

function reasonOf(issue: Issue, raw: unknown): string {
  const { found, value } = valueAt(raw, issue.path);
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      if (!found || value === undefined) return `'${String(last)}' is missing`;
      return `expected ${issue.expected}, found ${show(value)}`;
    case 'invalid_union':
      return found ? `${issue.message}; found ${show(value)}` : issue.message;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${show(value)}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `may have at most ${String(issue.maximum)} entries`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return found ? `${show(value)} ${issue.message}` : issue.message;
    default:
      return issue.message;
  }
}

/** zod issues of a flow definition → problems with path, line and a readable reason. */
export function describeFlowIssues(
  file: string,
  issues: readonly Issue[],
  raw: unknown,
  doc: Document | null,
  counter: LineCounter,
): FlowProblem[] {
  const out: FlowProblem[] = [];
  for (const issue of issues.flatMap((i) => flattenUnion(i))) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({ file, path: formatPath(path), reason: `unknown key '${key}'`, line: lineOf(doc, counter, path) });
      }
      continue;
    }
    out.push({
      file,
      path: formatPath(issue.path),
      reason: reasonOf(issue, raw),
      line: lineOf(doc, counter, issue.path),
    });
  }
  return out;
}
