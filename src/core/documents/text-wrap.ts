/**
 * Line breaking for the PDFs: greedy, word by word, at a measured width. A word wider than the line
 * (a URL, a 300-character string without spaces) is broken between characters, never cut off.
 * Works on text already cleaned by PrintableText.
 */

/** Width of a string in points at the size being laid out. */
export type Measure = (text: string) => number;

/** Breaks `word` into pieces no wider than `maxWidth` (at least one character each). */
function breakWord(word: string, measure: Measure, maxWidth: number): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    // the longest prefix that fits, by binary search; always at least one character
    let lo = start + 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(chars.slice(start, mid).join('')) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    pieces.push(chars.slice(start, lo).join(''));
    start = lo;
  }
  return pieces;
}

/** Wraps one paragraph (no \n) into lines. An empty paragraph is one empty line. */
function wrapParagraph(paragraph: string, measure: Measure, maxWidth: number, spaceWidth: number): string[] {
  const words = paragraph.split(/ +/).filter((w) => w !== '');
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of words) {
    const width = measure(word);
    if (line !== '' && lineWidth + spaceWidth + width <= maxWidth) {
      line += ` ${word}`;
      lineWidth += spaceWidth + width;
      continue;
    }
    if (line !== '') lines.push(line);
    if (width <= maxWidth) {
      line = word;
      lineWidth = width;
      continue;
    }
    const pieces = breakWord(word, measure, maxWidth);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1] ?? '';
    lineWidth = measure(line);
  }
  lines.push(line);
  return lines;
}

/** Wraps text with \n paragraph breaks into lines no wider than `maxWidth`. */
export function wrapText(text: string, measure: Measure, maxWidth: number): string[] {
  const spaceWidth = measure(' ');
  return text.split('\n').flatMap((p) => wrapParagraph(p, measure, maxWidth, spaceWidth));
}

// ─── rich text: bold runs (the **bold** of info texts) ────────────────────────────────────────────────

export interface TextRun {
  text: string;
  bold: boolean;
}

export type RunMeasure = (text: string, bold: boolean) => number;

/** A line of runs; adjacent runs of the same weight are merged. */
export type RunLine = TextRun[];

/** Splits `**bold**` markup into runs. Unpaired ** are kept as text. */
export function parseBold(text: string): TextRun[] {
  const runs: TextRun[] = [];
  const parts = text.split('**');
  const paired = parts.length % 2 === 1;
  parts.forEach((part, i) => {
    const bold = paired && i % 2 === 1;
    if (!paired && i > 0) {
      runs.push({ text: `**${part}`, bold: false });
      return;
    }
    if (part !== '') runs.push({ text: part, bold });
  });
  return runs;
}

/** Wraps runs (one paragraph, no \n) into lines of runs. */
export function wrapRuns(runs: TextRun[], measure: RunMeasure, maxWidth: number): RunLine[] {
  const words: Array<{ text: string; bold: boolean; spaceBefore: boolean }> = [];
  let pendingSpace = false;
  for (const run of runs) {
    const tokens = run.text.split(/( +)/);
    for (const token of tokens) {
      if (token === '') continue;
      if (/^ +$/.test(token)) {
        pendingSpace = true;
        continue;
      }
      words.push({ text: token, bold: run.bold, spaceBefore: pendingSpace && words.length > 0 });
      pendingSpace = false;
    }
  }
  const lines: RunLine[] = [];
  let line: RunLine = [];
  let width = 0;
  const push = (text: string, bold: boolean) => {
    const last = line[line.length - 1];
    if (last && last.bold === bold) last.text += text;
    else line.push({ text, bold });
  };
  for (const word of words) {
    const space = word.spaceBefore && line.length > 0 ? measure(' ', word.bold) : 0;
    const w = measure(word.text, word.bold);
    if (line.length > 0 && width + space + w <= maxWidth) {
      push(`${space > 0 ? ' ' : ''}${word.text}`, word.bold);
      width += space + w;
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = [];
    if (w <= maxWidth) {
      push(word.text, word.bold);
      width = w;
      continue;
    }
    const pieces = breakWord(word.text, (t) => measure(t, word.bold), maxWidth);
    for (const piece of pieces.slice(0, -1)) lines.push([{ text: piece, bold: word.bold }]);
    const rest = pieces[pieces.length - 1] ?? '';
    push(rest, word.bold);
    width = measure(rest, word.bold);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}
