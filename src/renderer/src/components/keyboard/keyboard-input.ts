/**
 * Typing into a field from the on-screen keyboard: at the caret (replacing a selection), followed by
 * a real `input` event, so v-model, vee-validate and the inactivity timer see it as typing.
 */
export type TypingTarget = HTMLInputElement | HTMLTextAreaElement;

/** Input types with a caret the keyboard can type at (the e-services' e-mail field is type=text). */
const TYPABLE = new Set(['text', 'search', 'tel', 'url', 'password']);

/** A field the on-screen keyboard serves: one line or more of text, not read-only. */
export function isTypingTarget(el: EventTarget | null): el is TypingTarget {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && TYPABLE.has(el.type) && !el.readOnly && !el.disabled;
}

function announce(el: TypingTarget, inputType: string, data: string | null): void {
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data }));
}

/** Inserts at the caret. false: the field's maxlength leaves no room. */
export function insertText(el: TypingTarget, text: string): boolean {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  if (el.maxLength >= 0 && el.value.length - (end - start) + text.length > el.maxLength) return false;
  el.setRangeText(text, start, end, 'end');
  announce(el, text === '\n' ? 'insertLineBreak' : 'insertText', text);
  return true;
}

/** Deletes the selection, or the character before the caret (a whole surrogate pair). */
export function deleteBackward(el: TypingTarget): boolean {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  if (start !== end) {
    el.setRangeText('', start, end, 'end');
  } else {
    if (start === 0) return false;
    const low = el.value.charCodeAt(start - 1);
    const from = low >= 0xdc00 && low <= 0xdfff && start >= 2 ? start - 2 : start - 1;
    el.setRangeText('', from, start, 'end');
  }
  announce(el, 'deleteContentBackward', null);
  return true;
}
