/**
 * Configuration of the documents (config section `documents`). Every key has a default, so the main
 * command prints blanketts and receipts out of the box.
 */
import { z } from 'zod';

export const documentsConfigSchema = z
  .object({
    /**
     * Where a visitor follows their case ("Mina sidor"), printed as a QR code on the receipt.
     * `{reference}` in the URL is replaced by the case reference. null: no QR code; the receipt says
     * to contact the municipality with the reference.
     */
    minaSidorUrl: z
      .url({ protocol: /^https$/, error: 'an https:// address' })
      .max(500)
      .nullable()
      .default(null),
    /** Post address printed on the blankett of a flow that names none (`paper.postAddress`). */
    postAddress: z.array(z.string().min(1).max(100)).min(1).max(6).nullable().default(null),
  })
  .strict();

export type DocumentsConfigInput = z.input<typeof documentsConfigSchema>;
