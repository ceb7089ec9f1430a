import { useForm, type TypedSchema, type TypedSchemaError } from 'vee-validate';
import { computed, watch } from 'vue';
import type { KioskError } from '../../../contract';
import {
  validateAnswers,
  visibleFields,
  type AnswerIssue,
  type Answers,
  type FieldDefinition,
  type FlowDefinition,
  type StepDefinition,
} from '../../../contract/flows';
import { useJourneyStore } from '../stores/journey';

/** vee-validate holds error messages as strings: ours are issues (code + params), translated when shown. */
export function encodeIssue(issue: Pick<AnswerIssue, 'code' | 'params'>): string {
  return JSON.stringify(issue.params ? { code: issue.code, params: issue.params } : { code: issue.code });
}

export function decodeIssue(message: string | undefined): Pick<AnswerIssue, 'code' | 'params'> | null {
  if (!message) return null;
  try {
    const parsed = JSON.parse(message) as Pick<AnswerIssue, 'code' | 'params'>;
    return typeof parsed.code === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The problems core found in answers it refused (`invalid_input`), with their parameters (a text's
 * `max`, a date's `min`), which the visitor's message needs. Empty for any other error. A code this
 * renderer does not know is shown with the general "check the answer" text (see useIssueText).
 */
export function refusedIssues(error: KioskError): AnswerIssue[] {
  if (error.code !== 'invalid_input' || !error.issues) return [];
  return error.issues.map((i) => ({
    path: i.path,
    code: i.code as AnswerIssue['code'],
    ...(i.params ? { params: i.params } : {}),
  }));
}

/** Issues grouped by path, in vee-validate's shape. */
export function issuesByPath(issues: readonly AnswerIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path] ??= []).push(encodeIssue(issue));
  return out;
}

/** The paths a field can have errors on, in the order the visitor sees them. */
export function fieldPaths(field: FieldDefinition): string[] {
  return field.type === 'address' ? [`${field.id}.street`, `${field.id}.postalCode`, `${field.id}.city`] : [field.id];
}

/** The element a path's error links to (the input, or the first option of a group). */
export function inputIdOf(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/**
 * The form of one step: vee-validate driven by the same `validateAnswers` core runs (with this step's
 * id, so only its fields report), over all answers of the visit (conditions look at earlier steps).
 * Every change is written back to the journey store, so back/next and the help screen keep answers.
 */
export function useStepForm(flow: FlowDefinition, step: StepDefinition) {
  const journey = useJourneyStore();

  const schema: TypedSchema<Answers, Answers> = {
    __type: 'VVTypedSchema',
    async parse(values) {
      // a visible stop field is not an error of an input: the step shows it and Nästa is blocked (see `stops`)
      const issues = validateAnswers(flow, values, { ...journey.context, stepId: step.id }).filter(
        (i) => i.code !== 'stop',
      );
      const errors: TypedSchemaError[] = Object.entries(issuesByPath(issues)).map(([path, list]) => ({
        path,
        errors: list,
      }));
      return errors.length > 0 ? { errors } : { value: values, errors: [] };
    },
  };

  const form = useForm<Answers>({
    initialValues: JSON.parse(JSON.stringify(journey.answers)) as Answers,
    validationSchema: schema,
    keepValuesOnUnmount: true,
  });

  watch(form.values, (values) => journey.setAnswers(JSON.parse(JSON.stringify(values)) as Answers), { deep: true });

  const stepFieldIds = new Set(step.fields.map((f) => f.id));
  /** The step's fields shown for the answers now (visibleIf applied live; the store's answers are
   *  replaced on every change, which makes this recompute). */
  // The same array while the same fields stay visible: a keystroke replaces the store's answers, and a
  // new array would re-render every field of the step (100 of them on a long step) for each key.
  const fields = computed<FieldDefinition[]>((previous) => {
    const now = visibleFields(flow, journey.answers, journey.context).filter((f) => stepFieldIds.has(f.id));
    return previous && previous.length === now.length && previous.every((f, i) => f === now[i]) ? previous : now;
  });
  /** Visible stop fields: while there is one, the visitor cannot go on from this step. */
  const stops = computed(() => fields.value.filter((f) => f.type === 'stop'));

  /** Current errors in the order of the fields on screen. */
  const orderedErrors = computed(() => {
    const out: Array<{ path: string; field: FieldDefinition; message: string }> = [];
    for (const field of fields.value) {
      if (field.type === 'stop') {
        out.push({ path: field.id, field, message: encodeIssue({ code: 'stop' }) });
        continue;
      }
      for (const path of fieldPaths(field)) {
        const message = form.errors.value[path];
        if (message) out.push({ path, field, message });
      }
    }
    return out;
  });

  function showIssues(issues: readonly AnswerIssue[]): void {
    const grouped = issuesByPath(issues.filter((i) => i.code !== 'stop' && i.path !== ''));
    form.setErrors(Object.fromEntries(Object.entries(grouped).map(([p, list]) => [p, list[0]])));
  }

  return { form, fields, stops, orderedErrors, showIssues };
}
