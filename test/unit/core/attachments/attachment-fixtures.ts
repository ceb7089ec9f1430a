/** A small flow with attachment fields, and a visit and logger, for the attachment tests. */
import { KioskFailure } from '../../../../src/contract/errors';
import { flowDefinitionSchema, type FlowDefinition, type FlowDefinitionInput } from '../../../../src/contract/flows';
import { createLogger } from '../../../../src/core/log/logger';
import { Visit } from '../../../../src/core/session/visit';

const t = (sv: string, en = sv) => ({ sv, en });

export function attachmentFlow(fields: Record<string, unknown>[] = []): FlowDefinition {
  const input: FlowDefinitionInput = {
    id: 'bilagor',
    version: 1,
    title: t('Ansökan med bilagor', 'Application with attachments'),
    description: t('Test'),
    category: 'Test',
    identification: 'none',
    steps: [
      {
        id: 'bilagor',
        title: t('Bilagor', 'Attachments'),
        fields: [
          {
            id: 'intyg',
            type: 'attachment',
            required: true,
            label: t('Läkarintyg', 'Medical certificate'),
            expected: t('Läkarintyg', 'Medical certificate'),
            maxPages: 3,
          },
          {
            id: 'kvitton',
            type: 'attachment',
            label: t('Kvitton', 'Receipts'),
            maxAttachments: 2,
          },
          ...(fields as never[]),
        ],
      },
    ],
    paper: { handIn: t('I receptionen', 'At the reception') },
  };
  return flowDefinitionSchema.parse(input);
}

export function attachmentWorld(flow = attachmentFlow()) {
  const { logger, redactor } = createLogger({ level: 'silent' });
  const visit = new Visit(logger, redactor);
  const flows = new Map([[flow.id, flow]]);
  return { logger, visit, flows, flow };
}

/** The code and reason a call was refused with (fails the test when it was not refused). */
export async function failure(p: Promise<unknown>): Promise<{ code: string; reason: string | undefined }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof KioskFailure) return { code: err.code, reason: err.extra.reason };
    throw err;
  }
  throw new Error('expected a failure');
}
