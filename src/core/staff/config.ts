/**
 * The `staff` section of the kiosk's config file:
 *
 *   staff:
 *     members:
 *       - id: reception-1
 *         pinHash: 'scrypt$ln=15,r=8,p=1$…$…'   # from `npm run hash-pin`; never the PIN itself
 *     timeoutSeconds: 120                        # staff mode ends after this long without a touch
 *     lockout: { attempts: 5, seconds: 300, maxSeconds: 3600 }   # wrong PINs in a row → locked; doubles per lock
 *
 * With no members (the default) staff mode cannot be entered; that is a valid configuration.
 */
import { z } from 'zod';
import { isPinHash, PIN_HASH_FORMAT } from './pin-hash';

/** Names a staff member in the audit log and on the staff screen: a role or desk, not a person's full name. */
export const staffIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
    'letters, digits, ".", "_" and "-" (at most 40 characters), e.g. reception-1',
  );

export const staffMemberSchema = z
  .object({
    id: staffIdSchema,
    pinHash: z.string().refine(isPinHash, { message: `a PIN hash ${PIN_HASH_FORMAT}` }),
  })
  .strict();

export const staffConfigSchema = z
  .object({
    members: z
      .array(staffMemberSchema)
      .max(50)
      .default([])
      .superRefine((members, ctx) => {
        const seen = new Set<string>();
        members.forEach((m, i) => {
          const id = m.id.toLowerCase();
          if (seen.has(id))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'id'],
              message: `a staff id used only once ("${m.id}" appears twice)`,
            });
          seen.add(id);
        });
      }),
    /** Staff mode ends after this many seconds without a touch on the staff screen. */
    timeoutSeconds: z.number().int().min(30).max(3600).default(120),
    lockout: z
      .object({
        /** Wrong PINs in a row before the PIN pad locks. */
        attempts: z.number().int().min(3).max(20).default(5),
        /** How long the first lock lasts (survives a restart). Each further lock before a right PIN doubles it … */
        seconds: z.number().int().min(60).max(86_400).default(300),
        /** … up to this long. */
        maxSeconds: z.number().int().min(60).max(604_800).default(3600),
      })
      .strict()
      .prefault({})
      .refine((l) => l.maxSeconds >= l.seconds, { message: 'at least lockout.seconds', path: ['maxSeconds'] }),
    /** `<dataDir>/audit.log` is rotated (audit.log.1, .2 …) when it would grow past maxSizeMb. */
    auditLog: z
      .object({
        maxSizeMb: z.number().int().min(1).max(1024).default(5),
        /** Older files kept; the oldest beyond this is removed (ship them centrally if policy wants more). */
        files: z.number().int().min(1).max(100).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type StaffConfigInput = z.input<typeof staffConfigSchema>;
export type StaffConfig = z.output<typeof staffConfigSchema>;
