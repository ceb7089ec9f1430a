/**
 * The little Markdown "Frågor och svar" is written in: `## Question` headings, each followed by
 * paragraphs of answer (separated by blank lines). Nothing else is interpreted: the text is shown
 * as text, never as HTML, so `**`, links or tags appear as typed. A `# Title` line before the first
 * question is allowed and not shown (the screen has its own heading).
 *
 * Anything an author would be surprised by is a problem with its line, so that check-config tells
 * IT before a visitor sees it: text that would not be shown, a question without an answer, a
 * misspelt placeholder.
 */
import type { HelpEntry } from '../../contract';

/** What may be written in the text and is filled in from config. */
export const HELP_PLACEHOLDERS = ['contactPhone', 'contactEmail'] as const;
export type HelpPlaceholder = (typeof HELP_PLACEHOLDERS)[number];

export interface HelpMarkdownProblem {
  /** 1-based line, when the problem has one. */
  line?: number;
  reason: string;
}

export interface ParsedHelp {
  /** The questions in order, placeholders not yet filled in. */
  entries: HelpEntry[];
  problems: HelpMarkdownProblem[];
}

const QUESTION = /^##\s+(.+)$/;
const TITLE = /^#\s+\S/;
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function parseHelpMarkdown(markdown: string): ParsedHelp {
  const entries: HelpEntry[] = [];
  const problems: HelpMarkdownProblem[] = [];
  let current: { entry: HelpEntry; line: number } | null = null;
  let paragraph: string[] = [];
  const flush = (): void => {
    if (current && paragraph.length > 0) current.entry.paragraphs.push(paragraph.join(' '));
    paragraph = [];
  };
  const closeQuestion = (): void => {
    flush();
    if (current && current.entry.paragraphs.length === 0) {
      problems.push({
        line: current.line,
        reason: `the question "${short(current.entry.question)}" has no answer below it`,
      });
    }
  };
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    for (const m of line.matchAll(PLACEHOLDER)) {
      const name = m[1] as string;
      if (!(HELP_PLACEHOLDERS as readonly string[]).includes(name)) {
        problems.push({
          line: lineNo,
          reason: `unknown placeholder {${name}}; the kiosk fills in ${HELP_PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}`,
        });
      }
    }
    const question = QUESTION.exec(line)?.[1]?.trim();
    if (question) {
      closeQuestion();
      current = { entry: { question, paragraphs: [] }, line: lineNo };
      entries.push(current.entry);
    } else if (line === '') {
      flush();
    } else if (!current) {
      if (!TITLE.test(line))
        problems.push({
          line: lineNo,
          reason: 'text before the first "## " question is not shown; start each question with "## "',
        });
    } else if (line.startsWith('#')) {
      problems.push({
        line: lineNo,
        reason: 'only "## " headings (the questions) are understood; this line would be shown as text with its "#"',
      });
    } else {
      paragraph.push(line);
    }
  });
  closeQuestion();
  if (entries.length === 0)
    problems.push({ reason: 'no questions found; start each question with "## " on a line of its own' });
  return { entries, problems };
}

/** Puts the contact details into every `{contactPhone}` / `{contactEmail}`. */
export function fillHelpPlaceholders(
  entries: readonly HelpEntry[],
  values: Record<HelpPlaceholder, string>,
): HelpEntry[] {
  const fill = (s: string): string =>
    s.replace(PLACEHOLDER, (whole, name: string) =>
      Object.hasOwn(values, name) ? values[name as HelpPlaceholder] : whole,
    );
  return entries.map((e) => ({ question: fill(e.question), paragraphs: e.paragraphs.map(fill) }));
}
