/**
 * Staff's "Ur funktion" switch: on with a fixed reason visitors are told (and an optional note for
 * staff, scrubbed), off again; kept in a small state file so it survives a restart. What the
 * out-of-order screen lists "for staff and IT" — any visitor can open it — holds neither the note nor
 * the staff id; both stay in the staff panel (and the note in the audit log).
 */
import path from 'node:path';
import { z } from 'zod';
import { outOfOrderNoticeSchema, type OutOfOrderNotice } from '../../contract/namespaces/app';
import type { OutOfOrderState } from '../../contract/namespaces/staff';
import type { Logger } from '../log/logger';
import { readStateFile, writeStateFile } from './state-file';

export const OUT_OF_ORDER_FILE = 'staff-out-of-order.json';

const outOfOrderFileSchema = z.object({
  version: z.literal(1),
  on: z.boolean(),
  by: z.string().nullable(),
  since: z.string().nullable(),
  // files written before the fixed reasons existed have none: the kiosk was switched off all the same
  reason: outOfOrderNoticeSchema.nullable().optional(),
  note: z.string().nullable(),
});

const IN_SERVICE: OutOfOrderState = { on: false, by: null, since: null, reason: null, note: null };

/** Staff's contribution to the kiosk's out-of-order state (reasons null: switched on again). */
export type PublishOutOfOrder = (reasons: string[] | null, notice: OutOfOrderNotice | null) => void;

export class OutOfOrderSwitch {
  private current: OutOfOrderState = IN_SERVICE;
  private readonly file: string;

  /** Reads the state a restart left; a kiosk switched off before it starts out of order. */
  constructor(
    private readonly options: { dataDir: string; logger: Logger; publish: PublishOutOfOrder; now: () => number },
  ) {
    this.file = path.join(options.dataDir, OUT_OF_ORDER_FILE);
    const { logger } = options;
    const read = readStateFile(this.file);
    if (read.found) {
      const parsed = 'value' in read ? outOfOrderFileSchema.safeParse(read.value) : null;
      if (parsed?.success) {
        const { on, by, since, reason, note } = parsed.data;
        this.current = { on, by, since, reason: on ? (reason ?? 'technical_problem') : null, note };
      } else {
        logger.warn({ file: this.file }, 'out-of-order state unreadable; the kiosk starts in service');
      }
    }
    if (this.current.on) {
      logger.warn(
        { by: this.current.by, since: this.current.since },
        'kiosk starts out of order: staff switched it off before the restart',
      );
      this.publish();
    }
  }

  state(): OutOfOrderState {
    return { ...this.current };
  }

  /** The state `set` would make (the audit entry is written around `set`). */
  next(staffId: string, on: boolean, reason: OutOfOrderNotice | undefined, note: string | null): OutOfOrderState {
    return on
      ? {
          on: true,
          by: staffId,
          since: new Date(this.options.now()).toISOString(),
          reason: reason ?? 'technical_problem',
          note,
        }
      : IN_SERVICE;
  }

  set(next: OutOfOrderState, staffId: string): OutOfOrderState {
    const { logger } = this.options;
    try {
      writeStateFile(this.file, { version: 1, ...next });
    } catch (err) {
      // the switch still works now; it just would not survive a restart
      logger.error({ err, file: this.file }, 'out-of-order state could not be saved');
    }
    this.current = { ...next };
    this.publish();
    logger.warn(
      { staffId, on: next.on },
      next.on ? 'staff switched the kiosk out of order' : 'staff switched the kiosk back into service',
    );
    return { ...next };
  }

  private publish(): void {
    const s = this.current;
    this.options.publish(
      s.on ? [`Switched off by staff in the staff panel${s.since ? ` at ${s.since}` : ''}`] : null,
      s.on ? (s.reason ?? 'technical_problem') : null,
    );
  }
}
