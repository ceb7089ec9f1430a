/**
 * The `help` section of the kiosk's config file ("Frågor och svar"):
 *
 *   help:
 *     dir: /etc/kommunkiosk/help     # sv.md, en.md, ar.md of your own (relative to the config file)
 */
import { z } from 'zod';

export const helpConfigSchema = z
  .object({
    /**
     * A folder with the municipality's own "Frågor och svar": `<language>.md` (sv.md, en.md, ar.md).
     * Each file replaces the shipped text of its language; a language without a file (or with a broken
     * one) keeps the shipped text. Relative to the config file. null: the shipped texts only.
     */
    dir: z.string().min(1).nullable().default(null),
  })
  .strict();
