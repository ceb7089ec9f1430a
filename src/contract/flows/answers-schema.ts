/**
 * Validating a visitor's answers against a flow — the one implementation the renderer (as the visitor
 * types) and core (again, on submit) both run.
 *
 * One pass over the fields in flow order works out which fields are visible (step and field
 * `visibleIf`, against the valid answers of earlier visible fields), validates the visible answerable
 * ones and collects the normalised values. Hidden fields are never validated and never kept. Nothing
 * here throws, whatever `answers` holds.
 */
import { z } from 'zod';
import { evaluateCondition } from './conditions';
import { isAnswerable, type FieldDefinition, type FlowDefinition, type StepDefinition } from './definition';
import { validateField } from './field-validation';
import type { AnswerIssue } from './issues';
import { resolveContext, type AnswerValue, type CleanAnswers, type ValidationContext } from './validation-context';

export interface AnswersAnalysis {
  /** Visible steps, in order. */
  steps: StepDefinition[];
  /** Visible fields (including info and stop), in order, with their step. */
  fields: Array<{ step: StepDefinition; field: FieldDefinition }>;
  /** Valid, normalised answers of visible fields, keyed by field id (unanswered optional fields absent). */
  clean: CleanAnswers;
  /** Problems (only of `ctx.stepId`'s fields when given). */
  issues: AnswerIssue[];
}

function readAnswer(answers: unknown, id: string): unknown {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return undefined;
  try {
    return Object.hasOwn(answers, id) ? (answers as Record<string, unknown>)[id] : undefined;
  } catch {
    return undefined;
  }
}

export function analyseAnswers(flow: FlowDefinition, answers: unknown, ctx?: ValidationContext): AnswersAnalysis {
  const resolved = resolveContext(ctx);
  const clean: CleanAnswers = {};
  const issues: AnswerIssue[] = [];
  const steps: StepDefinition[] = [];
  const fields: AnswersAnalysis['fields'] = [];
  const lookup = (id: string): AnswerValue | undefined => (Object.hasOwn(clean, id) ? clean[id] : undefined);

  if (resolved.stepId !== undefined && !flow.steps.some((s) => s.id === resolved.stepId)) {
    issues.push({ path: '', code: 'step.unknown' });
  }
  for (const step of flow.steps) {
    if (step.visibleIf && !evaluateCondition(step.visibleIf, lookup)) continue;
    steps.push(step);
    const report = resolved.stepId === undefined || resolved.stepId === step.id;
    for (const field of step.fields) {
      if (field.visibleIf && !evaluateCondition(field.visibleIf, lookup)) continue;
      fields.push({ step, field });
      if (field.type === 'stop') {
        if (report) issues.push({ path: field.id, code: 'stop' });
        continue;
      }
      if (!isAnswerable(field)) continue;
      const result = validateField(field, readAnswer(answers, field.id), resolved);
      if (result.ok) {
        if (result.value !== undefined) clean[field.id] = result.value;
      } else if (report) {
        issues.push(...result.issues);
      }
    }
  }
  return { steps, fields, clean, issues };
}

/** Problems with the answers: `[]` means the visitor may go on (or submit, without `stepId`). */
export function validateAnswers(flow: FlowDefinition, answers: unknown, ctx?: ValidationContext): AnswerIssue[] {
  return analyseAnswers(flow, answers, ctx).issues;
}

/** The fields shown for these answers (info and stop included), in order. */
export function visibleFields(flow: FlowDefinition, answers: unknown, ctx?: ValidationContext): FieldDefinition[] {
  return analyseAnswers(flow, answers, ctx).fields.map((f) => f.field);
}

/** The steps shown for these answers, in order (the renderer's progress indicator and back/next). */
export function visibleSteps(flow: FlowDefinition, answers: unknown, ctx?: ValidationContext): StepDefinition[] {
  return analyseAnswers(flow, answers, ctx).steps;
}

/** Valid, normalised answers of visible fields only: hidden, unknown and invalid answers are dropped. */
export function cleanAnswers(flow: FlowDefinition, answers: unknown, ctx?: ValidationContext): CleanAnswers {
  return analyseAnswers(flow, answers, ctx).clean;
}

/**
 * A zod schema over the whole answers object of a flow: parsing gives the clean answers, failing gives
 * one custom issue per problem with `message` = the issue code, `params` = { code, ...params } and
 * `path` = [fieldId] or [fieldId, part]. Visibility is worked out from the value being parsed, so one
 * schema serves a whole form (e.g. behind vee-validate's typed-schema interface).
 */
export function buildAnswersSchema(flow: FlowDefinition, ctx?: ValidationContext): z.ZodType<CleanAnswers, unknown> {
  return z.unknown().transform((answers, zctx) => {
    const result = analyseAnswers(flow, answers, ctx);
    for (const issue of result.issues) {
      zctx.addIssue({
        code: 'custom',
        path: issue.path === '' ? [] : issue.path.split('.'),
        message: issue.code,
        params: { code: issue.code, ...issue.params },
        input: undefined,
      });
    }
    return result.clean;
  });
}
