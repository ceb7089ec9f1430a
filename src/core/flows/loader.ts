/**
 * Loads the e-services: every *.yaml (and *.yml) in the shipped resources/flows folder and in the extra
 * folders named in config. A broken file — bad YAML, an unknown field type, a condition pointing at a
 * missing field, duplicate ids, choice fields without options … — is reported as {file, path, reason}
 * to the log and in the result (check-config prints it), and is never offered; the other flows load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { carefulDocument, quickMapping } from '../config/yaml-text';
import { flowDefinitionSchema, type FlowDefinition } from '../../contract/flows/definition';
import type { Logger } from '../log/logger';
import { describeFlowIssues, formatFlowProblem, type FlowProblem } from './flow-problems';

export type { FlowProblem };
export { formatFlowProblem };

/** A flow file larger than this is refused (a flow is a few kilobytes; this bounds memory and time). */
export const MAX_FLOW_FILE_BYTES = 1024 * 1024;

export interface LoadFlowsOptions {
  /** Extra folders (from config `flows.dirs`); relative ones are resolved against `baseDir`. */
  dirs?: readonly string[];
  /** The config file's folder, for relative `dirs`. Default: the working directory. */
  baseDir?: string;
  /** The shipped flows folder; null to load only `dirs`. Default: resources/flows of this checkout. */
  builtinDir?: string | null;
  /** Config `flows.enabled`: 'all' (default) or the ids to offer, in catalogue order. */
  enabled?: readonly string[] | 'all';
  logger: Logger;
}

export interface LoadedFlows {
  /** The flows offered to visitors: loaded cleanly and enabled, in catalogue order. */
  flows: Map<string, FlowDefinition>;
  /** Everything that was wrong; empty when all is well. */
  problems: FlowProblem[];
  /** Which file each offered flow came from. */
  sources: Map<string, string>;
}

/**
 * resources/flows next to the sources (development, host, tests). A packaged app passes its own
 * `builtinDir` (e.g. under `process.resourcesPath`), since bundling moves this file.
 */
export function defaultBuiltinFlowsDir(): string {
  return fileURLToPath(new URL('../../../resources/flows/', import.meta.url));
}

interface ParsedFile {
  file: string;
  flow: FlowDefinition;
}

/** Reads and checks one flow file. */
export function loadFlowFile(
  file: string,
): { ok: true; flow: FlowDefinition } | { ok: false; problems: FlowProblem[] } {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FLOW_FILE_BYTES) {
      return {
        ok: false,
        problems: [
          { file, path: '', reason: `file is ${size} bytes; a flow file may be at most ${MAX_FLOW_FILE_BYTES}` },
        ],
      };
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, problems: [{ file, path: '', reason: `cannot be read (${code})` }] };
  }
  // a good file is done after the quick read; anything to report is read again with positions (yaml-text.ts)
  const flow = quickMapping(text, flowDefinitionSchema);
  if (flow) return { ok: true, flow };
  const { doc, counter } = carefulDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: '',
        reason: `not valid YAML: ${(e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '')}`,
        line: e.linePos?.[0].line,
      })),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return {
      ok: false,
      problems: [{ file, path: '', reason: `not valid YAML: ${(err as Error).message.split('\n')[0]}` }],
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [{ file, path: '', reason: 'a flow file must hold one mapping (id, version, title, … steps)' }],
    };
  }
  const parsed = flowDefinitionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: describeFlowIssues(file, parsed.error.issues, raw, doc, counter) };
  return { ok: true, flow: parsed.data };
}

function listFlowFiles(dir: string): { files: string[]; problem?: FlowProblem } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { files: [], problem: { file: dir, path: '', reason: 'is not a folder' } };
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      files: [],
      problem: {
        file: dir,
        path: '',
        reason: code === 'ENOENT' ? 'folder does not exist' : `folder cannot be read (${code ?? 'error'})`,
      },
    };
  }
  const files = names
    .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => path.join(dir, n));
  return { files };
}

export function loadFlows(options: LoadFlowsOptions): LoadedFlows {
  const { logger } = options;
  const baseDir = options.baseDir ?? process.cwd();
  const builtin = options.builtinDir === undefined ? defaultBuiltinFlowsDir() : options.builtinDir;
  const dirs = [...(builtin ? [builtin] : []), ...(options.dirs ?? []).map((d) => path.resolve(baseDir, d))];
  const uniqueDirs = [...new Set(dirs.map((d) => path.resolve(d)))];

  const problems: FlowProblem[] = [];
  const parsed: ParsedFile[] = [];
  for (const dir of uniqueDirs) {
    const listing = listFlowFiles(dir);
    if (listing.problem) problems.push(listing.problem);
    for (const file of listing.files) {
      const result = loadFlowFile(file);
      if (result.ok) parsed.push({ file, flow: result.flow });
      else problems.push(...result.problems);
    }
  }

  // the same id in two files: neither is offered, since we cannot know which one the municipality meant
  const byId = new Map<string, ParsedFile[]>();
  for (const p of parsed) byId.set(p.flow.id, [...(byId.get(p.flow.id) ?? []), p]);
  const valid = new Map<string, ParsedFile>();
  for (const [id, copies] of byId) {
    if (copies.length === 1) {
      valid.set(id, copies[0] as ParsedFile);
      continue;
    }
    for (const copy of copies) {
      const others = copies.filter((c) => c !== copy).map((c) => c.file);
      problems.push({
        file: copy.file,
        path: 'id',
        reason: `duplicate flow id '${id}' (also in ${others.join(', ')}); neither is offered`,
      });
    }
  }

  const flows = new Map<string, FlowDefinition>();
  const sources = new Map<string, string>();
  const enabled = options.enabled ?? 'all';
  const order = enabled === 'all' ? [...valid.keys()] : enabled;
  for (const id of order) {
    const entry = valid.get(id);
    if (!entry) {
      if (enabled !== 'all' && !byId.has(id)) {
        problems.push({
          file: '(config)',
          path: 'flows.enabled',
          reason: `no flow with id '${id}' loaded (missing, or its file has problems)`,
        });
      }
      continue;
    }
    flows.set(id, entry.flow);
    sources.set(id, entry.file);
  }

  for (const p of problems) {
    logger.warn(
      { file: p.file, path: p.path, reason: p.reason, line: p.line },
      'flow definition problem; the flow is not offered',
    );
  }
  logger.info({ offered: [...flows.keys()], problems: problems.length }, 'flows loaded');
  return { flows, problems, sources };
}

/** For check-config: the problems as lines, or [] when every flow loads and every enabled id exists. */
export function checkFlows(options: LoadFlowsOptions): string[] {
  return loadFlows(options).problems.map(formatFlowProblem);
}
