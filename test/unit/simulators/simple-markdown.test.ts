import { describe, expect, it } from 'vitest';
import { checkSimpleMarkdown } from '../../../src/simulators/bankid/simple-markdown';

describe('simpleMarkdownV1 validation in the simulator', () => {
  it.each([
    '# Rubrik',
    '## Rubrik 2\n### Rubrik 3',
    '+ punkt ett\n+ punkt *två*',
    '| Kolumn 1 | Kolumn 2 |\n|---|---|\n| a | b |',
    '---',
    'Vanlig text med \\* stjärna och \\# och \\| och \\\\',
    '*Fet* text och mer *fet*',
    'text\r\nmed CRLF',
    '',
  ])('accepts %j', (text) => {
    expect(checkSimpleMarkdown(text)).toEqual({ ok: true });
  });

  it.each([
    ['#Rubrik', 1, 1, 'heading'],
    ['#### För djup', 1, 1, 'heading'],
    ['# ', 1, 3, 'empty heading'],
    ['+punkt', 1, 1, 'list item'],
    ['+ ', 1, 1, 'list item'],
    ['| a | b', 1, 7, 'table row'],
    ['text *öppen', 1, 6, 'not closed'],
    ['ok\n**', 2, 2, 'empty emphasis'],
    ['fel \\q escape', 1, 5, 'escape'],
  ])('rejects %j at line %i column %i', (text, line, column, reason) => {
    const r = checkSimpleMarkdown(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.line, r.column]).toEqual([line, column]);
      expect(r.reason).toContain(reason);
    }
  });
});
