/**
 * The on-screen keyboard's layouts. Letters follow the Swedish keyboard (å ä ö on their usual keys);
 * the number pads follow what the field asks for through its `inputmode`: personnummer and postal
 * code (numeric: digits, - and + for the separator, a space for "123 45"), phone (tel), decimal numbers;
 * a date field (`data-keyboard="date"`) gets digits and the hyphen only.
 */

/** What the field asks for, read from its inputmode/type (see `modeOf`). */
export type KeyboardMode = 'text' | 'multiline' | 'email' | 'numeric' | 'tel' | 'decimal' | 'date';

export type KeyAction =
  | { kind: 'char'; value: string }
  | { kind: 'backspace' }
  | { kind: 'shift' }
  | { kind: 'space' }
  | { kind: 'newline' }
  | { kind: 'symbols' }
  | { kind: 'letters' };

export interface KeyDef {
  action: KeyAction;
  /** Columns the key spans (1 unless wider). */
  span: number;
}

export interface Layout {
  /** 'letters' rows have 11 columns, 'pad' rows 4. */
  grid: 'letters' | 'pad';
  rows: KeyDef[][];
}

const c = (value: string, span = 1): KeyDef => ({ action: { kind: 'char', value }, span });
const k = (kind: Exclude<KeyAction['kind'], 'char'>, span = 1): KeyDef => ({ action: { kind } as KeyAction, span });
const chars = (s: string): KeyDef[] => [...s].map((ch) => c(ch));

const DIGITS_ROW = [...chars('1234567890'), k('backspace')];
const LETTER_ROWS = [chars('qwertyuiopå'), chars('asdfghjklöä')];

/** Personnummer, postal code and phone: digits, - and + for the separator, a space for "123 45". */
const NUMBER_PAD: Layout = {
  grid: 'pad',
  rows: [
    [...chars('123'), k('backspace')],
    [...chars('456'), c('-')],
    [...chars('789'), c('+')],
    [c('0', 3), k('space')],
  ],
};

const LAYOUTS: Record<KeyboardMode, Layout> = {
  text: {
    grid: 'letters',
    rows: [
      DIGITS_ROW,
      ...LETTER_ROWS,
      [k('shift', 2), ...chars('zxcvbnm,.')],
      [k('symbols', 2), c('-'), k('space', 6), c('?'), c('!')],
    ],
  },
  multiline: {
    grid: 'letters',
    rows: [
      DIGITS_ROW,
      ...LETTER_ROWS,
      [k('shift', 2), ...chars('zxcvbnm,.')],
      [k('symbols', 2), c('-'), k('space', 5), k('newline', 3)],
    ],
  },
  email: {
    grid: 'letters',
    rows: [
      DIGITS_ROW,
      ...LETTER_ROWS,
      [k('shift', 2), ...chars('zxcvbnm'), c('.', 2)],
      [k('symbols', 2), c('@', 3), c('_'), c('-'), c('.se', 2), c('.com', 2)],
    ],
  },
  numeric: NUMBER_PAD,
  tel: NUMBER_PAD,
  date: {
    grid: 'pad',
    rows: [[...chars('123'), k('backspace')], [...chars('456'), c('-')], chars('789'), [c('0', 3)]],
  },
  decimal: {
    grid: 'pad',
    rows: [[...chars('123'), k('backspace')], [...chars('456'), c('-')], [...chars('789'), c(',')], [c('0', 4)]],
  },
};

/** Numbers and the punctuation forms need (same for text, multi-line text and e-mail). */
const SYMBOLS: Layout = {
  grid: 'letters',
  rows: [
    DIGITS_ROW,
    chars('!?()/:;"\'&@'),
    chars('#%+=*_€$§<>'),
    [k('letters', 2), c(','), c('.'), c('-'), k('space', 4), c('–'), c('…')],
  ],
};

export function layoutFor(mode: KeyboardMode, symbols: boolean): Layout {
  if (symbols && (mode === 'text' || mode === 'multiline' || mode === 'email')) {
    if (mode !== 'multiline') return SYMBOLS;
    const last = SYMBOLS.rows[3] ?? [];
    // a text area keeps its new-line key on the symbols page too
    return {
      grid: 'letters',
      rows: [...SYMBOLS.rows.slice(0, 3), [...last.slice(0, 4), k('space', 3), k('newline', 3)]],
    };
  }
  return LAYOUTS[mode];
}

/** The layout a field asks for: a date field by its mark, else its inputmode first, then its type. */
export function modeOf(el: HTMLInputElement | HTMLTextAreaElement): KeyboardMode {
  if (el instanceof HTMLTextAreaElement) return 'multiline';
  if (el.dataset.keyboard === 'date') return 'date';
  const mode = el.inputMode;
  if (mode === 'numeric') return 'numeric';
  if (mode === 'decimal') return 'decimal';
  if (mode === 'tel' || el.type === 'tel') return 'tel';
  if (mode === 'email' || el.type === 'email') return 'email';
  return 'text';
}
