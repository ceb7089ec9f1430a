/**
 * The whole configuration schema: the base sections plus each capability's own section, each defined
 * beside the code that uses it.
 */
import type { z } from 'zod';
import { attachmentsConfigSchema } from '../attachments/config';
import { casesConfigSchema } from '../cases/config';
import { flowsConfigSchema } from '../flows/config';
import { documentsConfigSchema } from '../documents/config';
import { healthConfigSchema } from '../health/config';
import { helpConfigSchema } from '../help/config';
import { identityConfigSchema } from '../identity/config';
import { monitoringConfigSchema } from '../monitoring/config';
import { printingConfigSchema } from '../printing/config';
import { staffConfigSchema } from '../staff/config';
import type { KioskMode } from './mode-policy';
import { baseConfigSchema, simulatorsConfigSchema } from './schema';

export const kioskConfigSchema = baseConfigSchema.extend({
  flows: flowsConfigSchema.prefault({}),
  help: helpConfigSchema.prefault({}),
  identity: identityConfigSchema.prefault({}),
  cases: casesConfigSchema.prefault({}),
  documents: documentsConfigSchema.prefault({}),
  attachments: attachmentsConfigSchema.prefault({}),
  printing: printingConfigSchema.prefault({}),
  staff: staffConfigSchema.prefault({}),
  health: healthConfigSchema.prefault({}),
  monitoring: monitoringConfigSchema.prefault({}),
  simulators: simulatorsConfigSchema.prefault({}),
});

/** A parsed configuration; its mode is resolved by the loader (a file that does not say is production). */
export type KioskConfig = Omit<z.output<typeof kioskConfigSchema>, 'mode'> & { mode: KioskMode };
