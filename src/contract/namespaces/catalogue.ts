import { z } from 'zod';
import { method } from '../define';

export const localisedTextSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) }).catchall(z.string());
export type LocalisedText = z.infer<typeof localisedTextSchema>;

export const catalogueEntrySchema = z.object({
  id: z.string(),
  title: localisedTextSchema,
  description: localisedTextSchema,
  category: z.string(),
  identification: z.enum(['none', 'login', 'sign']),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const catalogueMethods = {
  /** The e-services this kiosk offers: those enabled in config whose definitions loaded cleanly. */
  'catalogue.list': method(z.object({}).strict(), z.object({ services: z.array(catalogueEntrySchema) })),
} as const;
