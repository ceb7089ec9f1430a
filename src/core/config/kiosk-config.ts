/**
 * The whole configuration schema: the base sections plus each capability's own section.
 */
import type { z } from 'zod';
import { baseConfigSchema } from './schema';

export const kioskConfigSchema = baseConfigSchema;

export type KioskConfigInput = z.input<typeof kioskConfigSchema>;
export type KioskConfig = z.output<typeof kioskConfigSchema>;
