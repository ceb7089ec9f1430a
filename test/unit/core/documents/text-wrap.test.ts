import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBold, wrapRuns, wrapText } from '../../../../src/core/documents/text-wrap';

/** Every character 1 unit wide, a space too. */
const measure = (s: string) => Array.from(s).length;

describe('wrapText', () => {
  it('breaks between words at the width and keeps paragraphs', () => {
    expect(wrapText('en två tre fyra fem', measure, 8)).toEqual(['en två', 'tre fyra', 'fem']);
    expect(wrapText('a\n\nb', measure, 8)).toEqual(['a', '', 'b']);
  });

  it('breaks a word wider than the line between characters', () => {
    expect(wrapText('kort ' + 'x'.repeat(20), measure, 8)).toEqual(['kort', 'xxxxxxxx', 'xxxxxxxx', 'xxxx']);
  });

  it('never loses a character and never exceeds the width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (raw, width) => {
        const text = raw.replace(/\r/g, '');
        const lines = wrapText(text, measure, width);
        for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/[ \n]/g, '')).toBe(text.replace(/[ \n]/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bold runs', () => {
  it('parses **bold** and keeps unpaired stars as text', () => {
    expect(parseBold('Obs! **Viktigt** nu')).toEqual([
      { text: 'Obs! ', bold: false },
      { text: 'Viktigt', bold: true },
      { text: ' nu', bold: false },
    ]);
    expect(parseBold('2 ** 3')).toEqual([
      { text: '2 ', bold: false },
      { text: '** 3', bold: false },
    ]);
  });

  it('wraps runs at the width, merging neighbours of the same weight', () => {
    const lines = wrapRuns(parseBold('ett **två tre** fyra'), (t) => measure(t), 8);
    expect(lines).toEqual([
      [
        { text: 'ett', bold: false },
        { text: ' två', bold: true },
      ],
      [
        { text: 'tre', bold: true },
        { text: ' fyra', bold: false },
      ],
    ]);
  });
});
