/**
 * Reads "Frågor och svar" at start-up: the shipped `resources/help/<language>.md` and, when config
 * names `help.dir`, the municipality's own `<language>.md` files there. Each of those replaces the
 * shipped text of its language. Fail-safe: a file that cannot be read, is empty, too large, not
 * UTF-8 or not the expected Markdown is reported (log and check-config, with file, line and reason)
 * and the shipped text is used instead — the help screen is never blank.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { languageSchema, type HelpEntry, type Language } from '../../contract';
import type { Logger } from '../log/logger';
import { parseHelpMarkdown } from './help-markdown';

/** The languages a help file can be written in; the file is named after it: sv.md, en.md, ar.md. */
export const HELP_LANGUAGES: readonly Language[] = languageSchema.options;
/** Languages the kiosk ships a text for (every other language falls back to English). */
export const SHIPPED_HELP_LANGUAGES: readonly Language[] = ['sv', 'en'];
/** A help text is a few kilobytes; anything larger is a mistake (and bounds memory and time). */
export const MAX_HELP_FILE_BYTES = 256 * 1024;

export interface HelpProblem {
  /** The file or folder concerned. */
  file: string;
  line?: number;
  reason: string;
}

export interface HelpText {
  language: Language;
  /** Placeholders not yet filled in. */
  entries: HelpEntry[];
  file: string;
  /** `config`: the municipality's file from `help.dir`; `shipped`: resources/help. */
  source: 'config' | 'shipped';
}

export interface LoadHelpOptions {
  /** Config `help.dir`; a relative folder is resolved against `baseDir`. null: shipped texts only. */
  dir: string | null;
  /** The config file's folder. */
  baseDir: string;
  /** The shipped resources/help folder; null to check only `dir` (check-config without resources). */
  builtinDir: string | null;
  logger: Logger;
}

export interface LoadedHelp {
  /** The text used for each language that has one (its own file from config, else the shipped one). */
  texts: Map<Language, HelpText>;
  problems: HelpProblem[];
}

export function formatHelpProblem(p: HelpProblem): string {
  return `${p.line !== undefined ? `${p.file}:${p.line}` : p.file}: ${p.reason}`;
}

/** Reads and checks one help file. */
export function readHelpFile(
  file: string,
): { ok: true; entries: HelpEntry[] } | { ok: false; problems: HelpProblem[] } {
  const fail = (reason: string): { ok: false; problems: HelpProblem[] } => ({
    ok: false,
    problems: [{ file, reason }],
  });
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return fail('is not a file');
    if (stat.size > MAX_HELP_FILE_BYTES)
      return fail(`is ${stat.size} bytes; a help file may be at most ${MAX_HELP_FILE_BYTES}`);
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return fail(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('is not UTF-8 text (save it as UTF-8)');
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return fail('is empty');
  const parsed = parseHelpMarkdown(text);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems.map((p) => ({ file, ...p })) };
  return { ok: true, entries: parsed.entries };
}

/** The `<language>.md` files of an override folder, and problems with the folder or stray files. */
function listOverrides(dir: string): { files: Array<{ language: Language; file: string }>; problems: HelpProblem[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      return { files: [], problems: [{ file: dir, reason: 'help.dir is not a folder; the shipped texts are shown' }] };
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'help.dir: the folder does not exist'
        : `help.dir: the folder cannot be read (${code ?? 'error'})`;
    return { files: [], problems: [{ file: dir, reason: `${reason}; the shipped texts are shown` }] };
  }
  const files: Array<{ language: Language; file: string }> = [];
  const problems: HelpProblem[] = [];
  for (const name of [...names].sort()) {
    if (name.startsWith('.') || !/\.md$/i.test(name)) continue;
    const language = HELP_LANGUAGES.find((l) => `${l}.md` === name.toLowerCase());
    if (language) files.push({ language, file: path.join(dir, name) });
    else
      problems.push({
        file: path.join(dir, name),
        reason: `not used: a help file is named after its language (${HELP_LANGUAGES.map((l) => `${l}.md`).join(', ')})`,
      });
  }
  return { files, problems };
}

export function loadHelp(options: LoadHelpOptions): LoadedHelp {
  const { logger } = options;
  const texts = new Map<Language, HelpText>();
  const problems: HelpProblem[] = [];

  if (options.builtinDir) {
    for (const language of SHIPPED_HELP_LANGUAGES) {
      const file = path.join(options.builtinDir, `${language}.md`);
      const result = readHelpFile(file);
      if (result.ok) texts.set(language, { language, entries: result.entries, file, source: 'shipped' });
      else problems.push(...result.problems);
    }
  }

  if (options.dir !== null) {
    const dir = path.resolve(options.baseDir, options.dir);
    const listing = listOverrides(dir);
    problems.push(...listing.problems);
    for (const { language, file } of listing.files) {
      const result = readHelpFile(file);
      if (result.ok) {
        texts.set(language, { language, entries: result.entries, file, source: 'config' });
      } else {
        const instead = texts.has(language) ? 'the shipped text is shown instead' : 'the English text is shown instead';
        problems.push(...result.problems.map((p) => ({ ...p, reason: `${p.reason}; ${instead}` })));
      }
    }
  }

  for (const p of problems) logger.warn({ file: p.file, line: p.line, reason: p.reason }, 'help text problem');
  logger.info(
    { languages: Object.fromEntries([...texts].map(([l, t]) => [l, t.source])), problems: problems.length },
    'help texts loaded',
  );
  return { texts, problems };
}

/** For check-config: the problems as lines, or [] when every help text loads. */
export function checkHelp(options: LoadHelpOptions): string[] {
  return loadHelp(options).problems.map(formatHelpProblem);
}
