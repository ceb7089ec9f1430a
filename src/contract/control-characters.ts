/**
 * Text that must stay on one line (a log field, a print job title, a delivery error reason, a form
 * answer's single-line value): every run of control characters (C0, DEL, C1) and of Unicode line or
 * paragraph separators becomes one space, so nothing can start a new line or hide in the text.
 */
export function controlCharactersToSpace(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}
