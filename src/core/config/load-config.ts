/**
 * Reads and checks the configuration file. Errors name the key, the value found and what is
 * expected, with the line in the file, so IT can fix them without reading our code.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { carefulDocument, quickYaml, yamlLibrary } from './yaml-text';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from './kiosk-config';
import { examplePassphraseProblems, productionProblems, type KioskMode } from './mode-policy';
import { configDataDir, referencedPaths } from './referenced-paths';

export interface ConfigProblem {
  /** Dotted key, e.g. `session.warningSeconds`; '' for the file as a whole. */
  key: string;
  /** The value found, shortened; undefined when the key is missing. */
  value?: string;
  /** What is expected, in plain English. */
  expected: string;
  /** How to put it right, when that is more than giving the expected value. */
  fix?: string;
  /** A warning does not stop the kiosk (a certificate that expires soon); default: error. */
  severity?: 'error' | 'warning';
  line?: number;
}

export type ConfigResult =
  | { ok: true; config: KioskConfig; file: string | null; baseDir: string }
  | {
      ok: false;
      problems: ConfigProblem[];
      file: string | null;
      /** Set when the file passed the schema and only the mode's policy refused it (check-config goes on with it). */
      parsed?: { config: KioskConfig; baseDir: string };
    };

export interface LoadOptions {
  /**
   * The mode of a kiosk without a configuration file: demo where the embedded simulators are part of
   * the build (`npm start`, the browser host, a demo package), production in a production package.
   * A file that does not say its mode is production.
   */
  modeWithoutFile?: KioskMode;
  /** The data folder when the config names none (relative delivery passphrase files are read from it). */
  defaultDataDir?: string;
}

/** The platform's default location, used when neither --config nor KIOSK_CONFIG names a file. */
export function defaultConfigPath(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return path.join(process.env.ProgramData ?? 'C:\\ProgramData', 'Kommunkiosk', 'config.yaml');
  }
  return '/etc/kommunkiosk/config.yaml';
}

/** --config FILE / --config=FILE, then KIOSK_CONFIG, then the platform default if it exists. */
export function resolveConfigPath(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { file: string | null; explicit: boolean } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--config' && argv[i + 1]) return { file: path.resolve(argv[i + 1] as string), explicit: true };
    if (a?.startsWith('--config=')) return { file: path.resolve(a.slice('--config='.length)), explicit: true };
  }
  if (env.KIOSK_CONFIG) return { file: path.resolve(env.KIOSK_CONFIG), explicit: true };
  const fallback = defaultConfigPath();
  return existsSync(fallback) ? { file: fallback, explicit: false } : { file: null, explicit: false };
}

function show(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, keyPath: PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const k of keyPath) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k as string))
      return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return { found: true, value: cur };
}

function lineOf(doc: Document | null, counter: LineCounter | null, keyPath: PropertyKey[]): number | undefined {
  if (!doc || !counter) return undefined;
  const { isMap, isSeq } = yamlLibrary();
  // walk down the YAML tree; the line of the deepest key (or item) that exists is the answer
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const k of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k);
      if (!pair) break;
      const r = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (r) line = counter.linePos(r[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number') {
      const item = node.items[k] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      if (item.range) line = counter.linePos(item.range[0]).line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a value of type ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'no such key here (check the spelling against resources/config.example.yaml)';
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${String(issue.minimum)} entries`
        : issue.message.includes('WCAG')
          ? issue.message
          : `at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `at most ${String(issue.maximum)} entries`
        : `at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_format':
      return issue.format === 'regex' ? issue.message : `a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

/** Keys whose values are secrets: a problem names the key but never echoes the value (it may be a PIN typed in clear). */
const SECRET_KEY = /^(pin|pinhash|passphrase|password|pass|secret|token|apikey)$/i;

function shown(keyPath: readonly PropertyKey[], value: unknown): string {
  return keyPath.some((k) => typeof k === 'string' && SECRET_KEY.test(k)) ? '(hidden: a secret)' : show(value);
}

/** Turns zod issues into problems that name key, value and expectation. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  doc: Document | null = null,
  counter: LineCounter | null = null,
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const keyPath = [...issue.path, k];
        out.push({
          key: keyPath.join('.'),
          value: shown(keyPath, valueAt(raw, keyPath).value),
          expected: expectedOf(issue),
          line: lineOf(doc, counter, keyPath),
        });
      }
      continue;
    }
    const { found, value } = valueAt(raw, issue.path);
    out.push({
      key: issue.path.map(String).join('.'),
      ...(found ? { value: shown(issue.path, value) } : {}),
      expected: expectedOf(issue),
      line: lineOf(doc, counter, issue.path),
    });
  }
  return out;
}

export function formatProblem(p: ConfigProblem, file: string | null): string {
  const where = file ? `${file}${p.line ? `:${p.line}` : ''}: ` : '';
  const key = p.key || '(file)';
  const value = p.value === undefined ? 'is missing' : `is ${p.value}`;
  const fix = p.fix ? `; fix: ${p.fix}` : '';
  return `${where}${p.severity === 'warning' ? 'warning: ' : ''}${key} ${value}; expected ${p.expected}${fix}`;
}

/** The key path of a dotted key (`staff.members.0.pinHash`), for finding its line. */
function keyPathOf(key: string): PropertyKey[] {
  return key === '' ? [] : key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** Adds the line of each problem's key (the careful parser is loaded only now, when there is something to report). */
export function locateProblems(text: string, problems: ConfigProblem[]): ConfigProblem[] {
  const { doc, counter } = carefulDocument(text);
  return problems.map((p) => (p.line !== undefined ? p : { ...p, line: lineOf(doc, counter, keyPathOf(p.key)) }));
}

/** The problems of a production kiosk that has no configuration file at all. */
function noFileProblem(): ConfigProblem {
  return {
    key: '',
    expected: `a configuration file: --config FILE, the KIOSK_CONFIG environment variable or ${defaultConfigPath()}`,
    fix: 'install the production template (docs/deploy.md, step 3); this build has no embedded simulators to run on',
  };
}

/** The parsed file with its mode resolved, refused when that mode's policy finds problems. */
function withMode(
  data: z.output<typeof kioskConfigSchema>,
  raw: unknown,
  text: string,
  file: string | null,
  defaultMode: KioskMode,
): ConfigResult {
  const config: KioskConfig = { ...data, mode: data.mode ?? defaultMode };
  const baseDir = file ? path.dirname(file) : process.cwd();
  const problems = productionProblems(config, raw);
  if (problems.length === 0) return { ok: true, config, file, baseDir };
  return { ok: false, file, problems: locateProblems(text, problems), parsed: { config, baseDir } };
}

/**
 * Parses YAML text and checks it against the schema and the policy of its mode. `defaultMode`: the
 * mode when the text does not say (default: demo for the embedded defaults, production for a file).
 */
export function parseConfig(text: string, file: string | null, defaultMode?: KioskMode): ConfigResult {
  const mode = defaultMode ?? (file === null ? 'demo' : 'production');
  // a good file is done after the quick read; anything to report is read again with positions (yaml-text.ts)
  const quick = quickYaml(text);
  const quickValue = quick ? (quick.value ?? {}) : null;
  if (quickValue !== null && typeof quickValue === 'object' && !Array.isArray(quickValue)) {
    const parsed = kioskConfigSchema.safeParse(quickValue);
    if (parsed.success) return withMode(parsed.data, quickValue, text, file, mode);
  }
  const { doc, counter } = carefulDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      problems: doc.errors.map((e) => ({
        key: '',
        expected: `valid YAML (${e.message.split('\n')[0] ?? e.code})`,
        line: e.linePos?.[0]?.line,
      })),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      file,
      problems: [{ key: '', value: show(raw), expected: 'a mapping of settings (key: value)' }],
    };
  }
  const parsed = kioskConfigSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, file, problems: describeIssues(parsed.error.issues, raw, doc, counter) };
  return withMode(parsed.data, raw, text, file, mode);
}

/**
 * The configuration without a file (`npm start`'s demo on the embedded simulators): the schema's
 * defaults, both e-IDs, so a demo shows the choice, and SANE's test scanner, so a demo can scan an
 * attachment. A file written for a kiosk (and every test's) keeps the schema's defaults: BankID
 * alone, no scanner.
 */
export const EMBEDDED_DEFAULTS =
  'identity:\n  methods: [bankid, freja]\nattachments:\n  scanner: { adapter: sane, device: test }\n  camera: { enabled: true }\n';

/**
 * Reads the file (or the embedded defaults when `file` is null) and checks it: the schema, the policy
 * of its mode, and in production the passphrase files it names (no example or public passphrase).
 */
export function loadConfig(file: string | null, options: LoadOptions = {}): ConfigResult {
  if (file === null) {
    const mode = options.modeWithoutFile ?? 'demo';
    if (mode === 'production') return { ok: false, file: null, problems: [noFileProblem()] };
    return parseConfig(EMBEDDED_DEFAULTS, null, mode);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      ok: false,
      file,
      problems: [{ key: '', expected: `a readable file (${code === 'ENOENT' ? 'it does not exist' : code})` }],
    };
  }
  const result = parseConfig(text, file);
  const parsed = result.ok ? { config: result.config, baseDir: result.baseDir } : result.parsed;
  if (!parsed || parsed.config.mode !== 'production') return result;
  const dataDir = configDataDir(parsed.config, parsed.baseDir, options.defaultDataDir ?? defaultDataDir());
  const more = examplePassphraseProblems(referencedPaths(parsed.config, parsed.baseDir, dataDir));
  if (more.length === 0) return result;
  return { ok: false, file, problems: [...(result.ok ? [] : result.problems), ...locateProblems(text, more)], parsed };
}

/** The default data folder of the host: $KIOSK_DATA_DIR, else the XDG / AppData location. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KIOSK_DATA_DIR) return path.resolve(env.KIOSK_DATA_DIR);
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? os.homedir(), 'Kommunkiosk');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'kommunkiosk');
}

/** Resolves a path from the config relative to the config file's folder. */
export function resolveFrom(baseDir: string, p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(baseDir, p);
}
