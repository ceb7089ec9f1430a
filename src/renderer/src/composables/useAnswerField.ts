import { useField } from 'vee-validate';
import { computed, watch } from 'vue';
import type { AnswerIssue } from '../../../contract/flows';
import { decodeIssue, inputIdOf } from './useStepForm';

/**
 * One answer of the step form. The visitor is told about a problem when they leave the field (blur,
 * or a choice is made) or press Nästa; once shown, the error is re-checked on every change, so it
 * disappears as soon as the answer is fixed.
 */
export function useAnswerField<T>(path: string, hasHelp = false) {
  const field = useField<T>(path, undefined, { validateOnValueUpdate: false, syncVModel: false });

  watch(
    field.value,
    () => {
      if (field.errorMessage.value) void field.validate();
    },
    { deep: true },
  );

  const issue = computed<Pick<AnswerIssue, 'code' | 'params'> | null>(() => decodeIssue(field.errorMessage.value));
  const inputId = inputIdOf(path);
  const helpId = `${inputId}-help`;
  const errorId = `${inputId}-error`;
  const describedBy = computed(
    () => [hasHelp ? helpId : null, issue.value ? errorId : null].filter(Boolean).join(' ') || undefined,
  );

  function check(): void {
    void field.validate();
  }

  return {
    value: field.value,
    issue,
    inputId,
    helpId,
    errorId,
    describedBy,
    invalid: computed(() => issue.value !== null),
    check,
  };
}
