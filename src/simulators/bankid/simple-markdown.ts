/**
 * A validator for BankID's simpleMarkdownV1 (userVisibleDataFormat), as the simulator applies it:
 *
 *   # Heading / ## Heading / ### Heading     headings (a space after the #s, text required)
 *   + item                                   list item
 *   | a | b |                                table row (starts and ends with |)
 *   ---                                      horizontal line
 *   *strong*                                 emphasis, opened and closed on the same line, not empty
 *   \*  \#  \|  \+  \-  \_  \\               escaped characters
 *
 * Anything else is plain text. An error names the line and column, as BankID's `details` does.
 */

export type MarkdownCheck = { ok: true } | { ok: false; line: number; column: number; reason: string };

const ESCAPABLE = new Set(['\\', '*', '#', '|', '+', '-', '_']);

function checkInline(text: string, line: number, offset: number): MarkdownCheck {
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined || !ESCAPABLE.has(next))
        return { ok: false, line, column: offset + i + 1, reason: 'invalid escape sequence' };
      i += 1;
    } else if (c === '*') {
      if (open < 0) open = i;
      else if (i === open + 1) return { ok: false, line, column: offset + i + 1, reason: 'empty emphasis' };
      else open = -1;
    }
  }
  if (open >= 0) return { ok: false, line, column: offset + open + 1, reason: 'emphasis not closed on the same line' };
  return { ok: true };
}

export function checkSimpleMarkdown(text: string): MarkdownCheck {
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n] ?? '';
    const lineNo = n + 1;
    if (line.startsWith('#')) {
      const m = /^(#{1,3}) (.*)$/.exec(line);
      if (!m) return { ok: false, line: lineNo, column: 1, reason: 'a heading is #, ## or ### followed by a space' };
      const body = m[2] ?? '';
      if (body.trim().length === 0)
        return { ok: false, line: lineNo, column: (m[1]?.length ?? 0) + 2, reason: 'empty heading' };
      const r = checkInline(body, lineNo, (m[1]?.length ?? 0) + 1);
      if (!r.ok) return r;
      continue;
    }
    if (line === '---') continue;
    if (line.startsWith('+')) {
      if (!line.startsWith('+ ') || line.slice(2).trim().length === 0)
        return { ok: false, line: lineNo, column: 1, reason: 'a list item is "+ " followed by text' };
      const r = checkInline(line.slice(2), lineNo, 2);
      if (!r.ok) return r;
      continue;
    }
    if (line.startsWith('|')) {
      const trimmed = line.trimEnd();
      if (trimmed.length < 2 || !trimmed.endsWith('|') || trimmed.endsWith('\\|')) {
        return { ok: false, line: lineNo, column: trimmed.length, reason: 'a table row must end with |' };
      }
      const r = checkInline(trimmed.slice(1, -1), lineNo, 1);
      if (!r.ok) return r;
      continue;
    }
    const r = checkInline(line, lineNo, 0);
    if (!r.ok) return r;
  }
  return { ok: true };
}
