/**
 * Whole-flow checks that a per-object schema cannot express. Run by `flowDefinitionSchema` after the
 * shape has parsed, so every reader of a flow (core, renderer, JSON Schema users via the loader) agrees
 * on what a valid flow is.
 */
import type { Condition, FieldDefinition, FlowDefinition, PrefillSource, StepDefinition } from './definition';
import { ATTACHMENT_MAX_PER_CASE } from './attachment-limits';
import { parseDateLimit } from './dates';

export interface DefinitionProblem {
  /** Where in the flow, as a path of keys and indexes: ['steps', 1, 'fields', 3, 'visibleIf']. */
  path: Array<string | number>;
  reason: string;
}

/** How deep `not`/`all`/`any` may nest. Deeper is a sign of a mistake, and bounds evaluation. */
export const MAX_CONDITION_DEPTH = 8;

const PREFILL_FOR_TYPE: Partial<Record<FieldDefinition['type'], readonly PrefillSource[]>> = {
  text: ['person.name', 'person.givenName', 'person.surname', 'person.personnummer'],
  personnummer: ['person.personnummer'],
  email: ['person.email'],
  phone: ['person.phone'],
  address: ['person.address'],
};

type Located = { field: FieldDefinition; stepIndex: number; fieldIndex: number; order: number };

export function checkFlowDefinition(flow: FlowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const fields = new Map<string, Located>();
  const stepIds = new Map<string, number>();

  let order = 0;
  flow.steps.forEach((step, stepIndex) => {
    const firstStep = stepIds.get(step.id);
    if (firstStep !== undefined) {
      problems.push({
        path: ['steps', stepIndex, 'id'],
        reason: `duplicate step id '${step.id}' (also steps[${firstStep}])`,
      });
    } else {
      stepIds.set(step.id, stepIndex);
    }
    step.fields.forEach((field, fieldIndex) => {
      const first = fields.get(field.id);
      if (first) {
        problems.push({
          path: ['steps', stepIndex, 'fields', fieldIndex, 'id'],
          reason: `duplicate field id '${field.id}' (also steps[${first.stepIndex}].fields[${first.fieldIndex}])`,
        });
      } else {
        fields.set(field.id, { field, stepIndex, fieldIndex, order });
      }
      order += 1;
    });
  });

  flow.steps.forEach((step, stepIndex) => {
    if (step.visibleIf) {
      checkCondition(step.visibleIf, ['steps', stepIndex, 'visibleIf'], 0, problems, (ref) => {
        const target = fields.get(ref);
        if (!target) return `condition refers to field '${ref}', which does not exist in this flow`;
        if (target.stepIndex >= stepIndex)
          return `a step's condition may only refer to fields of earlier steps ('${ref}' is not)`;
        return target;
      });
    }
    let stepOrderStart = 0;
    for (let i = 0; i < stepIndex; i += 1) stepOrderStart += flow.steps[i]?.fields.length ?? 0;
    step.fields.forEach((field, fieldIndex) => {
      const base = ['steps', stepIndex, 'fields', fieldIndex] as Array<string | number>;
      const own = stepOrderStart + fieldIndex;
      if (field.visibleIf) {
        checkCondition(field.visibleIf, [...base, 'visibleIf'], 0, problems, (ref) => {
          const target = fields.get(ref);
          if (!target) return `condition refers to field '${ref}', which does not exist in this flow`;
          if (target.order >= own)
            return `a condition may only refer to fields that come before it ('${ref}' does not)`;
          return target;
        });
      }
      checkField(flow, step, field, base, problems);
    });
  });
  const attachments = flow.steps.flatMap((s) => s.fields).filter((f) => f.type === 'attachment');
  const most = attachments.reduce((n, f) => n + f.maxAttachments, 0);
  if (most > ATTACHMENT_MAX_PER_CASE) {
    problems.push({
      path: ['steps'],
      reason: `the attachment fields take up to ${most} attachments together; a case carries at most ${ATTACHMENT_MAX_PER_CASE}`,
    });
  }
  return problems;
}

function checkCondition(
  condition: Condition,
  path: Array<string | number>,
  depth: number,
  problems: DefinitionProblem[],
  resolve: (ref: string) => Located | string,
): void {
  if (depth > MAX_CONDITION_DEPTH) {
    problems.push({ path, reason: `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels` });
    return;
  }
  if ('not' in condition) {
    checkCondition(condition.not, [...path, 'not'], depth + 1, problems, resolve);
    return;
  }
  if ('all' in condition || 'any' in condition) {
    const key = 'all' in condition ? 'all' : 'any';
    const list = 'all' in condition ? condition.all : condition.any;
    list.forEach((c, i) => checkCondition(c, [...path, key, i], depth + 1, problems, resolve));
    return;
  }
  const target = resolve(condition.field);
  if (typeof target === 'string') {
    problems.push({ path: [...path, 'field'], reason: target });
    return;
  }
  const field = target.field;
  if (field.type === 'info' || field.type === 'stop') {
    problems.push({
      path: [...path, 'field'],
      reason: `condition refers to '${field.id}', a ${field.type} field that has no answer`,
    });
    return;
  }
  const allowed = allowedConditionValues(field);
  const check = (value: unknown, at: Array<string | number>) => {
    if (allowed && !allowed.includes(value as string)) {
      problems.push({
        path: at,
        reason: `'${String(value)}' is not a value of field '${field.id}' (expected one of ${allowed.map((v) => `'${v}'`).join(', ')})`,
      });
    } else if (field.type === 'consent' && typeof value !== 'boolean') {
      problems.push({ path: at, reason: `consent field '${field.id}' is compared with true or false` });
    } else if (field.type === 'number' && typeof value !== 'number') {
      problems.push({ path: at, reason: `number field '${field.id}' is compared with a number` });
    }
  };
  if ('equals' in condition) check(condition.equals, [...path, 'equals']);
  if ('in' in condition) condition.in.forEach((v, i) => check(v, [...path, 'in', i]));
  if ('includes' in condition) {
    if (field.type !== 'checkboxes') {
      problems.push({
        path: [...path, 'includes'],
        reason: `'includes' applies to checkboxes; '${field.id}' is a ${field.type} field`,
      });
    } else {
      check(condition.includes, [...path, 'includes']);
    }
  }
}

function allowedConditionValues(field: FieldDefinition): string[] | null {
  switch (field.type) {
    case 'radio':
    case 'select':
    case 'checkboxes':
      return field.options.map((o) => o.value);
    case 'yesno':
      return ['yes', 'no'];
    default:
      return null;
  }
}

function checkField(
  flow: FlowDefinition,
  step: StepDefinition,
  field: FieldDefinition,
  path: Array<string | number>,
  problems: DefinitionProblem[],
): void {
  const add = (key: string, reason: string) => problems.push({ path: [...path, key], reason });

  if ('options' in field) {
    const seen = new Set<string>();
    field.options.forEach((option, i) => {
      if (seen.has(option.value)) {
        problems.push({ path: [...path, 'options', i, 'value'], reason: `duplicate option value '${option.value}'` });
      }
      seen.add(option.value);
    });
  }
  if (
    (field.type === 'text' || field.type === 'textarea') &&
    field.minLength !== undefined &&
    field.maxLength !== undefined &&
    field.minLength > field.maxLength
  ) {
    add('minLength', `minLength ${field.minLength} is greater than maxLength ${field.maxLength}`);
  }
  if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
    add('min', `min ${field.min} is greater than max ${field.max}`);
  }
  if (field.type === 'date') {
    const min = field.min === undefined ? undefined : parseDateLimit(field.min);
    const max = field.max === undefined ? undefined : parseDateLimit(field.max);
    if (min === null) add('min', `'${field.min}' is not a real date`);
    if (max === null) add('max', `'${field.max}' is not a real date`);
    if (min && max && min.kind === 'absolute' && max.kind === 'absolute' && min.date > max.date) {
      add('min', `min ${field.min} is after max ${field.max}`);
    }
  }
  if (field.type === 'checkboxes') {
    if (field.minSelected !== undefined && field.minSelected > field.options.length) {
      add('minSelected', `minSelected ${field.minSelected} is more than the ${field.options.length} options`);
    }
    if (field.minSelected !== undefined && field.maxSelected !== undefined && field.minSelected > field.maxSelected) {
      add('minSelected', `minSelected ${field.minSelected} is greater than maxSelected ${field.maxSelected}`);
    }
  }
  if (field.type === 'text' || field.type === 'textarea') {
    if (field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        add('pattern', 'pattern is not a valid regular expression');
      }
      if (!field.patternMessage)
        add('patternMessage', 'a field with a pattern needs a patternMessage telling the visitor what to write');
    } else if (field.patternMessage) {
      add('patternMessage', 'patternMessage without a pattern');
    }
  }
  if ('editable' in field) {
    if (field.prefill !== undefined) {
      const allowed = PREFILL_FOR_TYPE[field.type] ?? [];
      if (!allowed.includes(field.prefill)) {
        add(
          'prefill',
          `a ${field.type} field cannot be prefilled from '${field.prefill}' (allowed: ${allowed.join(', ') || 'none'})`,
        );
      }
      if (flow.identification === 'none') {
        add('prefill', "prefill needs a signed-in visitor: set the flow's identification to login or sign");
      }
    } else if (!field.editable) {
      add('editable', 'editable: false only makes sense with prefill');
    }
  }
  if (field.type === 'childSelect' && flow.identification === 'none') {
    add('type', "childSelect lists the signed-in person's children: set the flow's identification to login or sign");
  }
  if (field.type === 'attachment' && field.minPages > field.maxPages) {
    add('minPages', `minPages ${field.minPages} is greater than maxPages ${field.maxPages}`);
  }
  if (field.type === 'stop' && !field.visibleIf && !step.visibleIf) {
    add('visibleIf', 'a stop field without a condition blocks every visitor');
  }
}
