/**
 * Typing with the number keypad through the on-screen keyboard, in speech mode (docs/speech.md,
 * "Typing with the keypad"). Keypad Enter on a text field starts it; the keypad then moves a reading
 * cursor over the on-screen keyboard's keys as over a map — 6 right, 4 left, 8 up a row, 2 down a row
 * (to the key under the same place) — each key read as it is reached; Enter presses the key (the
 * on-screen keyboard types it into the field, as a tap would) and the character typed is said;
 * 5 reads what the field holds; point (back) leaves typing, the field keeps what was typed.
 *
 * Focus stays in the field all along (the caret, validation and the inactivity timer see ordinary
 * typing); the key under the cursor is shown to a sighted helper with a frame (data-speech-cursor).
 * Where the kiosk has no on-screen keyboard (a physical keyboard is attached) it is not started and
 * the visitor is told to type on the keyboard, as before.
 */
import { nextTick } from 'vue';
import type { Language } from '../../../contract';
import { isTypingTarget, type TypingTarget } from '../components/keyboard/keyboard-input';
import type { Part, Translate } from './screen-reading';

const CURSOR = 'data-speech-cursor';

export interface KeypadTyping {
  /** The field being typed in, or null. */
  field(): TypingTarget | null;
  /** Starts typing in the field: false when there is no on-screen keyboard to type with. */
  start(field: HTMLElement): Promise<boolean>;
  /** A keypad key while typing (KeyboardEvent.code); false: not typing's key, the usual command. */
  key(code: string): boolean;
  /** Leaves typing without a word (the visitor went elsewhere, the screen changed, speech off). */
  stop(): void;
}

function keyboard(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid=onscreen-keyboard]');
}

/** The keys, row by row, each with the column it starts at and how many it spans. */
function keyRows(): Array<Array<{ el: HTMLButtonElement; from: number; span: number }>> {
  const root = keyboard();
  if (!root) return [];
  return [...root.querySelectorAll('.osk-row')].map((row) => {
    let column = 0;
    return [...row.querySelectorAll<HTMLButtonElement>('button.key')].map((el) => {
      const span = Number(/\bspan-(\d+)\b/.exec(el.className)?.[1] ?? '1');
      const key = { el, from: column, span };
      column += span;
      return key;
    });
  });
}

/** What a key is called: its letter, or its name ("Mellanslag", "Radera") without the symbol drawn on it. */
function keyName(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden=true]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function createKeypadTyping(options: {
  t: Translate;
  /** Says the parts (not queued: the visitor moved). */
  say(parts: Part[]): void;
  part(key: string, values?: Record<string, unknown>): Part;
  /** The language the kiosk speaks now (a key is read in it). */
  ui(): Language;
  /** What the field says as a stop (its name, role and content), when typing ends. */
  describeField(field: HTMLElement): Part[];
  /** Shows the keyboard's keys if the visitor had hidden them. */
  showKeys(): void;
}): KeypadTyping {
  const { t, say, part } = options;
  const plain = (text: string): Part => ({ text, language: options.ui() });
  let field: TypingTarget | null = null;
  let row = 0;
  let column = 0;

  function current(): HTMLButtonElement | null {
    const rows = keyRows();
    row = Math.min(Math.max(row, 0), rows.length - 1);
    const keys = rows[row] ?? [];
    const key = keys.find((k) => column >= k.from && column < k.from + k.span) ?? keys[keys.length - 1];
    if (!key) return null;
    mark(key.el);
    return key.el;
  }

  function mark(el: HTMLElement | null): void {
    for (const old of document.querySelectorAll(`[${CURSOR}]`)) if (old !== el) old.removeAttribute(CURSOR);
    el?.setAttribute(CURSOR, '');
  }

  /** A key as it is read: "k", "stort K", "Radera", "Skift, på". */
  function describeKey(el: HTMLElement): string {
    const name = keyName(el);
    if (name.length === 1 && name !== name.toLocaleLowerCase('sv-SE')) return t('speech.typing.capital', { key: name });
    const pressed = el.getAttribute('aria-pressed');
    if (pressed !== null) return `${name}, ${t(pressed === 'true' ? 'speech.typing.on' : 'speech.typing.off')}`;
    return name;
  }

  function readKey(): void {
    const el = current();
    if (el) say([plain(describeKey(el))]);
  }

  function moveAcross(by: 1 | -1): void {
    const keys = keyRows()[row] ?? [];
    const at = keys.findIndex((k) => column >= k.from && column < k.from + k.span);
    const next = keys[Math.min(Math.max(at + by, 0), keys.length - 1)];
    if (next) column = next.from;
    readKey();
  }

  function moveRow(by: 1 | -1): void {
    const rows = keyRows();
    row = Math.min(Math.max(row + by, 0), rows.length - 1);
    readKey();
  }

  function contents(): Part {
    const value = field?.value ?? '';
    return value.trim() === '' ? part('speech.state.empty') : part('speech.typing.contains', { value });
  }

  async function press(): Promise<void> {
    const el = current();
    if (!el || !field) return;
    const name = keyName(el);
    const char = el.classList.contains('key-char');
    el.click();
    await nextTick();
    if (char) {
      // the character typed, as the field now has it (a capital after Skift)
      say([plain(name.length === 1 ? describeKey(el) : name)]);
      return;
    }
    // Radera, Mellanslag, Ny rad: the key, then what the field holds; Skift and the layouts: the key's state
    if (el.classList.contains('key-backspace') || el.classList.contains('key-space')) {
      say([plain(name), contents()]);
      return;
    }
    readKey();
  }

  function stop(): void {
    field = null;
    mark(null);
  }

  return {
    field: () => field,
    async start(el) {
      if (!isTypingTarget(el)) return false;
      el.focus();
      // the on-screen keyboard opens on the field's focus, a render later
      await nextTick();
      if (!keyboard()) return false;
      options.showKeys();
      await nextTick();
      if (keyRows().length === 0) return false;
      field = el;
      row = 0;
      column = 0;
      const first = current();
      say([part('speech.typing.start'), ...(first ? [plain(describeKey(first))] : [])]);
      return true;
    },
    key(code) {
      if (!field) return false;
      if (!field.isConnected || document.activeElement !== field) {
        stop();
        return false;
      }
      switch (code) {
        case 'Numpad6':
          moveAcross(1);
          return true;
        case 'Numpad4':
          moveAcross(-1);
          return true;
        case 'Numpad8':
          moveRow(-1);
          return true;
        case 'Numpad2':
          moveRow(1);
          return true;
        case 'NumpadEnter':
          void press();
          return true;
        case 'Numpad5':
          say([contents()]);
          return true;
        case 'Numpad0':
          say([part('speech.typing.help')]);
          return true;
        case 'NumpadDecimal': {
          const was = field;
          stop();
          say([part('speech.typing.done'), ...options.describeField(was)]);
          return true;
        }
        default:
          return false;
      }
    },
    stop,
  };
}
