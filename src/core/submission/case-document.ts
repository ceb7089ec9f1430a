/**
 * The last word on a visitor's answers: core validates them again (it never trusts the renderer) and
 * builds the case document that is stored, rendered as PDF and delivered to the municipality. Its
 * answers are the delivery contract's `CaseAnswer` (src/contract/delivery/envelope.ts).
 */
import type { CaseAnswer } from '../../contract/delivery/envelope';
import { KioskFailure } from '../../contract/errors';
import { analyseAnswers } from '../../contract/flows/answers-schema';
import {
  isAnswerable,
  type FlowDefinition,
  type Identification,
  type LocalisedText,
} from '../../contract/flows/definition';
import { displayValue } from '../../contract/flows/review';
import type { AnswerValue, ValidationContext } from '../../contract/flows/validation-context';

export interface SubmissionContext extends Omit<ValidationContext, 'stepId'> {
  kioskId: string;
  /** When the visitor opened the flow, if known. */
  startedAt?: Date;
  /** The submission time; default now. */
  now?: Date;
  /** The visitor's language (recorded; the document's texts are given in sv and en). */
  language?: string;
}

export interface CaseDocument {
  flow: { id: string; version: number; title: LocalisedText; category: string; identification: Identification };
  kioskId: string;
  language: string;
  times: {
    /** ISO 8601 (UTC). */
    startedAt: string | null;
    submittedAt: string;
  };
  /** The answered visible fields, in flow order. Hidden fields are never included. */
  answers: CaseAnswer[];
  /** Delivery target named by the flow; null for the default target. */
  deliveryTarget: string | null;
}

/**
 * Re-validates `rawAnswers` against `flow` and builds the case document. Throws
 * KioskFailure('invalid_input', …, { issues }) when anything is wrong (including a visible stop field);
 * the message holds only the flow id and the issue codes, never answers.
 */
export function prepareSubmission(flow: FlowDefinition, rawAnswers: unknown, ctx: SubmissionContext): CaseDocument {
  const validation: ValidationContext = {
    today: ctx.today ?? ctx.now,
    children: ctx.children,
    prefill: ctx.prefill,
    ...(ctx.attachments ? { attachments: ctx.attachments } : {}),
  };
  const { fields, clean, issues } = analyseAnswers(flow, rawAnswers, validation);
  if (issues.length > 0) {
    const codes = [...new Set(issues.map((i) => i.code))].join(', ');
    throw new KioskFailure(
      'invalid_input',
      `answers do not satisfy flow ${flow.id} v${flow.version}: ${issues.length} problem(s) (${codes})`,
      {
        issues: issues.map((i) => ({ path: i.path, code: i.code, ...(i.params ? { params: i.params } : {}) })),
      },
    );
  }
  const answers: CaseAnswer[] = [];
  for (const { step, field } of fields) {
    if (!isAnswerable(field) || !Object.hasOwn(clean, field.id)) continue;
    const value = clean[field.id] as AnswerValue;
    answers.push({
      stepId: step.id,
      stepTitle: step.title,
      fieldId: field.id,
      type: field.type,
      label: field.label,
      value,
      displayValue: {
        sv: displayValue(field, value, 'sv', validation),
        en: displayValue(field, value, 'en', validation),
      },
    });
  }
  const submittedAt = ctx.now ?? new Date();
  return {
    flow: {
      id: flow.id,
      version: flow.version,
      title: flow.title,
      category: flow.category,
      identification: flow.identification,
    },
    kioskId: ctx.kioskId,
    language: ctx.language ?? 'sv',
    times: { startedAt: ctx.startedAt ? ctx.startedAt.toISOString() : null, submittedAt: submittedAt.toISOString() },
    answers,
    deliveryTarget: flow.delivery.target ?? null,
  };
}
