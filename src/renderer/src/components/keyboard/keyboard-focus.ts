/** Marks the on-screen keyboard's root element (keys, the hide and show buttons). */
export const KEYBOARD_ATTRIBUTE = 'data-onscreen-keyboard';

/**
 * Whether focus went into the on-screen keyboard. A visitor who moves to a key with a switch or the
 * Tab key is still typing in the field: the field must not be checked as if they had left it.
 */
export function isOnScreenKeyboard(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[${KEYBOARD_ATTRIBUTE}]`) !== null;
}
