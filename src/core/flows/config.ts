/**
 * The `flows` section of the kiosk's config file:
 *
 *   flows:
 *     dirs: [/etc/kommunkiosk/flows]     # extra folders of *.yaml flows (relative to the config file)
 *     enabled: all                       # or a list of flow ids offered in the catalogue
 */
import { z } from 'zod';
import { flowIdSchema } from '../../contract/flows/definition';

export const flowsConfigSchema = z
  .object({
    /** Extra folders with flow files, besides the shipped resources/flows. Relative to the config file. */
    dirs: z.array(z.string().min(1)).default([]),
    /** Which flows the catalogue offers: 'all' that load cleanly, or these ids in this order. */
    enabled: z.union([z.literal('all'), z.array(flowIdSchema).min(1)]).default('all'),
  })
  .strict();
