import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LocalisedText } from '../../../contract';
import type { CaseStatusValue } from '../../../contract/namespaces/cases';
import {
  flowFields,
  mergePrefill,
  isAnswerable,
  visibleFields,
  visibleSteps,
  type AnswerIssue,
  type Answers,
  type ChildOption,
  type FlowDefinition,
  type StepDefinition,
  type ValidationContext,
} from '../../../contract/flows';
import { useAttachmentsStore } from './attachments';

/** A plain copy of an answer (answers in the store are reactive proxies, which structuredClone refuses). */
function plainCopy(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export interface Receipt {
  reference: string;
  submittedAt: string;
  status: CaseStatusValue;
  service: LocalisedText;
  /** The attachments sent with the case, by name and pages. */
  attachments: Array<{ name: string; pages: number }>;
}

/**
 * What core's prefill answered after login (`submission.prefill`). Its count of children left out for
 * secrecy is not kept: nothing on screen may differ for a family that has such a child.
 */
export interface PrefillResult {
  answers: Record<string, unknown>;
  children: ChildOption[];
}

/**
 * One visitor's way through one e-service: the definition, the answers as typed (kept across steps,
 * help and back/next), what the register filled in, and the receipt. Cleared with the visit.
 */
export const useJourneyStore = defineStore('journey', () => {
  const flow = ref<FlowDefinition | null>(null);
  const answers = ref<Answers>({});
  const stepId = ref<string | null>(null);
  const children = ref<ChildOption[]>([]);
  const prefilled = ref(false);
  /** Field ids whose answer came from the register and may not be changed. */
  const lockedFields = ref<string[]>([]);
  /** "Ändra" on the review: Nästa leads back to the review once the answers hold. */
  const editingFromReview = ref(false);
  /** Problems core reported (flows.validate / submission) to show when the step opens. */
  const pendingIssues = ref<AnswerIssue[]>([]);
  const receipt = ref<Receipt | null>(null);

  const attachments = useAttachmentsStore();
  /** What validation may know besides the answers: the signed-in person's children, the visit's attachments. */
  const context = computed<ValidationContext>(() => ({
    ...(prefilled.value ? { children: children.value } : {}),
    attachments: attachments.summaries,
  }));
  const steps = computed<StepDefinition[]>(() =>
    flow.value ? visibleSteps(flow.value, answers.value, context.value) : [],
  );
  const currentStep = computed<StepDefinition | null>(() => steps.value.find((s) => s.id === stepId.value) ?? null);
  const stepNumber = computed(() => steps.value.findIndex((s) => s.id === stepId.value) + 1);

  function open(definition: FlowDefinition): void {
    flow.value = definition;
    answers.value = {};
    stepId.value = definition.steps[0]?.id ?? null;
    children.value = [];
    prefilled.value = false;
    lockedFields.value = [];
    editingFromReview.value = false;
    pendingIssues.value = [];
    receipt.value = null;
  }

  /** Register answers: fields that may not be edited always take them, others only when still empty. */
  function applyPrefill(result: PrefillResult): void {
    const def = flow.value;
    if (!def) return;
    const merged = mergePrefill(def, plainCopy(result.answers) as Answers, answers.value);
    answers.value = merged.answers;
    lockedFields.value = merged.locked;
    children.value = result.children.map((c) => ({ personnummer: c.personnummer, name: c.name }));
    prefilled.value = true;
  }

  /** Forget everything the register gave (after logging out). */
  function forgetPerson(): void {
    const def = flow.value;
    if (def && prefilled.value) {
      const next: Answers = { ...answers.value };
      for (const { field } of flowFields(def)) {
        if (('prefill' in field && field.prefill !== undefined) || field.type === 'childSelect') delete next[field.id];
      }
      answers.value = next;
    }
    children.value = [];
    prefilled.value = false;
    lockedFields.value = [];
  }

  function setAnswers(next: Answers): void {
    answers.value = next;
  }

  /** The answers of the fields the visitor can see now: hidden fields are never sent. */
  function answersToSend(): Answers {
    const def = flow.value;
    if (!def) return {};
    const out: Answers = {};
    for (const field of visibleFields(def, answers.value, context.value)) {
      if (!isAnswerable(field) || !Object.hasOwn(answers.value, field.id)) continue;
      const value = answers.value[field.id];
      if (value !== undefined && value !== null) out[field.id] = plainCopy(value);
    }
    return out;
  }

  /** The visible step holding a field (for an issue path such as `adress.city`). */
  function stepOfPath(path: string): string | null {
    const fieldId = path.split('.')[0] ?? '';
    return steps.value.find((s) => s.fields.some((f) => f.id === fieldId))?.id ?? null;
  }

  return {
    flow,
    answers,
    stepId,
    children,
    prefilled,
    lockedFields,
    editingFromReview,
    pendingIssues,
    receipt,
    context,
    steps,
    currentStep,
    stepNumber,
    open,
    applyPrefill,
    forgetPerson,
    setAnswers,
    answersToSend,
    stepOfPath,
  };
});
