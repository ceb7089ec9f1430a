/**
 * The attachment field type as the visitor meets it in validation and on the review: ids of the
 * visit's attachments, within the field's limits, named from the flow with their pages.
 */
import { describe, expect, it } from 'vitest';
import {
  attachmentsDisplay,
  checkFlowDefinition,
  reviewItems,
  validateAnswers,
  type AttachmentField,
} from '../../../../src/contract/flows';
import { attachmentFlow } from '../../core/attachments/attachment-fixtures';

const flow = attachmentFlow();
const held = [
  { id: 'intyg-1', fieldId: 'intyg', pages: 2 },
  { id: 'kvitton-2', fieldId: 'kvitton', pages: 1 },
  { id: 'kvitton-3', fieldId: 'kvitton', pages: 1 },
];

describe('the attachment field', () => {
  it('is required like any field: no attachment, no going on', () => {
    expect(validateAnswers(flow, {}, { attachments: held })).toEqual([{ path: 'intyg', code: 'required' }]);
    expect(validateAnswers(flow, { intyg: [] }, { attachments: held })).toEqual([{ path: 'intyg', code: 'required' }]);
  });

  it("takes the visit's attachments of this field, each once", () => {
    expect(validateAnswers(flow, { intyg: ['intyg-1', 'intyg-1'] }, { attachments: held })).toEqual([]);
    expect(
      validateAnswers(flow, { intyg: ['intyg-1'], kvitton: ['kvitton-2', 'kvitton-3'] }, { attachments: held }),
    ).toEqual([]);
  });

  it('refuses an attachment the visit does not hold, or one of another field', () => {
    expect(validateAnswers(flow, { intyg: ['intyg-9'] }, { attachments: held })).toEqual([
      { path: 'intyg', code: 'attachment.unknown' },
    ]);
    expect(validateAnswers(flow, { intyg: ['kvitton-2'] }, { attachments: held })).toEqual([
      { path: 'intyg', code: 'attachment.unknown' },
    ]);
  });

  it('keeps the limits: attachments per field, pages per attachment', () => {
    expect(
      validateAnswers(
        flow,
        { intyg: ['intyg-1'], kvitton: ['kvitton-2', 'kvitton-3', 'kvitton-4'] },
        { attachments: held },
      ),
    ).toEqual([{ path: 'kvitton', code: 'attachment.tooMany', params: { max: 2 } }]);
    expect(
      validateAnswers(flow, { intyg: ['intyg-1'] }, { attachments: [{ id: 'intyg-1', fieldId: 'intyg', pages: 4 }] }),
    ).toEqual([{ path: 'intyg', code: 'attachment.tooManyPages', params: { max: 3 } }]);
  });

  it('refuses anything but a list of attachment ids', () => {
    for (const bad of ['intyg-1', 5, [{ id: 'intyg-1' }], ['../etc/passwd'], { a: 1 }])
      expect(validateAnswers(flow, { intyg: bad }, { attachments: held })).toEqual([
        { path: 'intyg', code: 'type', params: { expected: 'array' } },
      ]);
  });

  it("shows on the review by name and pages, in the visitor's language", () => {
    const answers = { intyg: ['intyg-1'], kvitton: ['kvitton-2', 'kvitton-3'] };
    const sv = reviewItems(flow, answers, 'sv', { attachments: held });
    expect(sv.map((i) => i.displayValue)).toEqual(['Läkarintyg (2 sidor)', 'Kvitton 1 (1 sida); Kvitton 2 (1 sida)']);
    const en = reviewItems(flow, answers, 'en', { attachments: held });
    expect(en[0]?.displayValue).toBe('Medical certificate (2 pages)');
    const field = flow.steps[0]?.fields[0] as AttachmentField;
    expect(attachmentsDisplay(field, ['intyg-1'], held, 'ar')).toBe('Medical certificate (2 صفحات)');
  });

  it('is checked as a whole flow: min ≤ max pages, at most 19 attachments a case', () => {
    const wrong = {
      ...flow,
      steps: [{ ...flow.steps[0]!, fields: [{ ...(flow.steps[0]!.fields[0] as AttachmentField), minPages: 5 }] }],
    };
    expect(checkFlowDefinition(wrong).map((p) => p.reason)).toEqual(['minPages 5 is greater than maxPages 3']);
    const many = {
      ...flow,
      steps: [
        {
          ...flow.steps[0]!,
          fields: [1, 2, 3, 4].map((n) => ({
            ...(flow.steps[0]!.fields[1] as AttachmentField),
            id: `k${n}`,
            maxAttachments: 5,
          })),
        },
      ],
    };
    expect(checkFlowDefinition(many).map((p) => p.reason)).toEqual([
      'the attachment fields take up to 20 attachments together; a case carries at most 19',
    ]);
  });
});
