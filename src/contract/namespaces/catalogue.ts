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
  /**
   * `eidTest`: the kiosk also offers "Testa din e-legitimation" (an e-ID is configured); it is no
   * e-service: it signs in, says whether the e-ID works, and keeps nothing (identity.startTest).
   */
  'catalogue.list': method(
    z.object({}).strict(),
    z.object({ services: z.array(catalogueEntrySchema), eidTest: z.boolean().optional() }),
  ),
} as const;
