import { computed } from 'vue';
import type { FieldDefinition } from '../../../contract/flows';
import { isOnScreenKeyboard } from '../components/keyboard/keyboard-focus';
import { useAnswerField } from './useAnswerField';
import { useIssueText } from './useIssueText';

/**
 * One input (input, textarea, select) inside a FieldShell: its answer, its error in the visitor's
 * words, and what ties input, label, help and error together. `shell` is bound on the FieldShell
 * (ids and error; label, required, help and note are the field's own), `inputAttrs` on the input
 * (id, aria-invalid, aria-required, aria-describedby, and autocomplete="off": a shared kiosk must never keep
 * or offer what a visitor typed — Chromium then neither saves it for autofill nor restores it with the
 * tab's session; see docs/architecture.md, "The visit").
 */
export function useShellInput<T>(
  field: () => FieldDefinition,
  path: string,
  options: { hasHelp: boolean; required: () => boolean },
) {
  const a = useAnswerField<T>(path, options.hasHelp);
  const { issueText, issueAttrs } = useIssueText();
  const error = computed(() => (a.issue.value ? issueText(field(), a.issue.value, path) : null));
  const errorAttrs = computed(() => (a.issue.value ? issueAttrs(field(), a.issue.value) : {}));

  const shell = computed(() => ({
    inputId: a.inputId,
    helpId: a.helpId,
    errorId: a.errorId,
    error: error.value,
    errorAttrs: errorAttrs.value,
  }));
  const inputAttrs = computed(() => ({
    id: a.inputId,
    'aria-invalid': a.invalid.value ? ('true' as const) : undefined,
    'aria-required': options.required() ? ('true' as const) : undefined,
    'aria-describedby': a.describedBy.value,
    autocomplete: 'off' as const,
  }));

  /**
   * Leaving the field checks what was written in it; moving to the on-screen keyboard's keys is not
   * leaving it. An empty field is not a mistake yet: a visitor who only passed by (or changed the text
   * size or language with the field focused) is told about a missing answer by Nästa, not by this.
   */
  function onBlur(e: FocusEvent): void {
    if (isOnScreenKeyboard(e.relatedTarget)) return;
    const v = a.value.value;
    if ((v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) && !a.invalid.value) return;
    a.check();
  }

  return { ...a, shell, inputAttrs, onBlur };
}
