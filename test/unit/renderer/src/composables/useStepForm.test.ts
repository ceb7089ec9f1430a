// @vitest-environment happy-dom
/**
 * Problems core found in answers it refused reach the step screen whole: the visitor's message for
 * "at most {max} characters" needs its number, so the parameters must not be dropped on the way.
 */
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, nextTick } from 'vue';
import type { KioskError } from '../../../../../src/contract';
import type { FlowDefinition } from '../../../../../src/contract/flows';
import {
  decodeIssue,
  issuesByPath,
  refusedIssues,
  useStepForm,
} from '../../../../../src/renderer/src/composables/useStepForm';
import { useJourneyStore } from '../../../../../src/renderer/src/stores/journey';
import { sampleFlow } from '../../../contract/flows/sample-flow';
import { freshPinia } from '../../support';

describe('refusedIssues', () => {
  it('keeps each issue with its path, code and parameters', () => {
    const error: KioskError = {
      code: 'invalid_input',
      message: 'answers do not match the flow',
      issues: [
        { path: 'beskrivning', code: 'text.tooLong', params: { max: 2000 } },
        { path: 'adress.city', code: 'required' },
      ],
    };
    expect(refusedIssues(error)).toEqual([
      { path: 'beskrivning', code: 'text.tooLong', params: { max: 2000 } },
      { path: 'adress.city', code: 'required' },
    ]);
  });

  it('the parameters survive into the message the field shows', () => {
    const [issue] = refusedIssues({
      code: 'invalid_input',
      message: 'x',
      issues: [{ path: 'datum', code: 'date.tooEarly', params: { min: '2026-12-01' } }],
    });
    const shown = issuesByPath(issue ? [issue] : [])['datum']?.[0];
    expect(decodeIssue(shown)).toEqual({ code: 'date.tooEarly', params: { min: '2026-12-01' } });
  });

  it('is empty for other errors and for a refusal without issues', () => {
    expect(refusedIssues({ code: 'unavailable', message: 'x', issues: [{ path: 'a', code: 'required' }] })).toEqual([]);
    expect(refusedIssues({ code: 'invalid_input', message: 'x' })).toEqual([]);
  });
});

/**
 * One step's form as the visitor uses it: what is typed is kept for back/next, fields appear and go
 * with the answers, a stop field blocks the step, and errors come in the order of the fields.
 */
function stepForm(stepId: string) {
  const pinia = freshPinia();
  const flow: FlowDefinition = sampleFlow();
  const journey = useJourneyStore();
  journey.open(flow);
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`no step ${stepId}`);
  let api: ReturnType<typeof useStepForm> | undefined;
  mount(
    defineComponent({
      setup() {
        api = useStepForm(flow, step);
        return () => null;
      },
    }),
    { global: { plugins: [pinia] } },
  );
  if (!api) throw new Error('not mounted');
  return { form: api, journey };
}

const fieldIds = (form: ReturnType<typeof useStepForm>): string[] => form.fields.value.map((f) => f.id);

describe('a step form', () => {
  beforeEach(() => freshPinia());

  it('what the visitor types is kept in the journey (back/next and help keep it)', async () => {
    const { form, journey } = stepForm('start');
    form.form.setFieldValue('boende', 'yes');
    form.form.setFieldValue('roll', 'forare');
    await nextTick();
    expect(journey.answers).toMatchObject({ boende: 'yes', roll: 'forare' });
  });

  it('a field appears with the answer that asks for it and goes again when the answer changes', async () => {
    const { form } = stepForm('start');
    expect(fieldIds(form)).not.toContain('korkort');
    form.form.setFieldValue('roll', 'forare');
    await nextTick();
    expect(fieldIds(form)).toContain('korkort');
    form.form.setFieldValue('roll', 'passagerare');
    await nextTick();
    expect(fieldIds(form)).not.toContain('korkort');
  });

  it('a stop answer blocks the step and is the first thing said', async () => {
    const { form } = stepForm('start');
    form.form.setFieldValue('boende', 'no');
    await nextTick();
    expect(form.stops.value.map((f) => f.id)).toEqual(['ej-boende']);
    expect(form.orderedErrors.value[0]?.path).toBe('ej-boende');
  });

  it('an empty required step reports each missing answer, in the order of the fields', async () => {
    const { form } = stepForm('start');
    const result = await form.form.validate();
    expect(result.valid).toBe(false);
    expect(form.orderedErrors.value.map((e) => e.path)).toEqual(['boende', 'roll']);
    expect(decodeIssue(form.orderedErrors.value[0]?.message)?.code).toBe('required');
  });

  it('problems core reported are shown on their fields', async () => {
    const { form } = stepForm('start');
    form.form.setFieldValue('roll', 'forare');
    await nextTick();
    form.showIssues([{ path: 'korkort', code: 'text.tooLong', params: { max: 20 } }]);
    await nextTick();
    const issue = form.orderedErrors.value.find((e) => e.path === 'korkort');
    expect(decodeIssue(issue?.message)).toEqual({ code: 'text.tooLong', params: { max: 20 } });
  });
});
