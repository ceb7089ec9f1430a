/**
 * Problems core found in answers it refused reach the step screen whole: the visitor's message for
 * "at most {max} characters" needs its number, so the parameters must not be dropped on the way.
 */
import { describe, expect, it } from 'vitest';
import type { KioskError } from '../../../../../src/contract';
import { decodeIssue, issuesByPath, refusedIssues } from '../../../../../src/renderer/src/composables/useStepForm';

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
