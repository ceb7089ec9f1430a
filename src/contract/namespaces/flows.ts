import { z } from 'zod';
import { method } from '../define';
import { flowDefinitionObjectSchema, flowIdSchema } from '../flows/definition';
import { answerIssueSchema } from '../flows/issues';

/**
 * The flow engine over the bridge. The renderer renders a flow from its definition and validates with
 * the same functions core uses (src/contract/flows); `flows.validate` is core's word on it (it knows the
 * visitor's children and register data). Submission is `submission.submit` (after `submission.startSign`
 * for a signed e-service), where core validates again.
 */
export const flowsMethods = {
  /** The definition of an offered flow (enabled in config and loaded cleanly); not_found otherwise. */
  'flows.get': method(z.object({ id: flowIdSchema }).strict(), flowDefinitionObjectSchema),
  /** Validate answers (of one step, or all); `issues: []` means go on. not_found for an unknown flow or step. */
  'flows.validate': method(
    z
      .object({
        id: flowIdSchema,
        answers: z.record(z.string(), z.unknown()),
        stepId: z.string().max(64).optional(),
      })
      .strict(),
    z.object({ issues: z.array(answerIssueSchema) }),
  ),
} as const;
