/**
 * Pending confirmation e-mails in the case database (table case_confirmations, migration 2). A row is
 * written by the queue in the transaction that marks a case delivered and erases its payload; it holds
 * the address and what the mail says, encrypted with the data key like a payload (its own associated
 * data, so it cannot pass for a payload). The row goes when the mail is sent or given up: the address
 * is kept no longer than it takes to send it.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { localisedTextSchema } from '../../../contract/namespaces/catalogue';
import { languageCodeSchema } from '../../../contract/delivery/envelope';
import { decryptPayload, encryptPayload } from '../payload-crypto';

/** What a confirmation e-mail says (no answers, no personnummer). */
export const confirmationMailSchema = z
  .object({
    email: z.email(),
    language: languageCodeSchema,
    reference: z.string().min(1),
    flowTitle: localisedTextSchema,
    submittedAt: z.string(),
    deliveredAt: z.string(),
  })
  .strict();
export type ConfirmationMail = z.infer<typeof confirmationMailSchema>;

export interface DueConfirmation {
  seq: number;
  caseId: string;
  attempts: number;
  createdAt: number;
  mail: ConfirmationMail;
}

const aad = (caseId: string): string => `${caseId}:confirmation`;

export class ConfirmationStore {
  private readonly stmt: {
    insert: Database.Statement;
    markCase: Database.Statement;
    due: Database.Statement<[number], { seq: number; id: string; blob: Buffer; attempts: number; created_at: number }>;
    lease: Database.Statement;
    remove: Database.Statement;
    retry: Database.Statement;
    next: Database.Statement<[], { at: number | null }>;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly key: Buffer,
  ) {
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO case_confirmations (case_seq, blob, next_attempt_at, created_at) VALUES (@seq, @blob, @at, @at)',
      ),
      markCase: db.prepare('UPDATE cases SET confirmation = @state WHERE seq = @seq'),
      due: db.prepare(
        `SELECT c.seq, c.id, f.blob, f.attempts, f.created_at FROM case_confirmations f JOIN cases c ON c.seq = f.case_seq
         WHERE f.next_attempt_at <= ? ORDER BY f.next_attempt_at LIMIT 1`,
      ),
      lease: db.prepare(
        'UPDATE case_confirmations SET attempts = attempts + 1, next_attempt_at = @until WHERE case_seq = @seq',
      ),
      remove: db.prepare('DELETE FROM case_confirmations WHERE case_seq = ?'),
      retry: db.prepare(
        'UPDATE case_confirmations SET next_attempt_at = @at, last_error = @reason WHERE case_seq = @seq',
      ),
      next: db.prepare('SELECT MIN(next_attempt_at) AS at FROM case_confirmations'),
    };
  }

  /** Called by the queue inside the transaction that marks the case delivered. */
  add(seq: number, caseId: string, mail: ConfirmationMail, now: number): void {
    const plaintext = Buffer.from(JSON.stringify(confirmationMailSchema.parse(mail)), 'utf8');
    const blob = encryptPayload(this.key, aad(caseId), plaintext);
    plaintext.fill(0);
    this.stmt.insert.run({ seq, blob, at: now });
    this.stmt.markCase.run({ seq, state: 'pending' });
  }

  /**
   * The next confirmation due, leased until `leaseUntil` (a sender that dies mid-send leaves it to be
   * sent again then). A row that no longer decrypts is dropped and reported as null with `unreadable`.
   */
  claimDue(now: number, leaseUntil: number): DueConfirmation | { unreadable: number } | null {
    const row = this.stmt.due.get(now);
    if (!row) return null;
    this.stmt.lease.run({ seq: row.seq, until: leaseUntil });
    try {
      const plaintext = decryptPayload(this.key, aad(row.id), row.blob);
      const mail = confirmationMailSchema.parse(JSON.parse(plaintext.toString('utf8')));
      plaintext.fill(0);
      return { seq: row.seq, caseId: row.id, attempts: row.attempts + 1, createdAt: row.created_at, mail };
    } catch {
      this.finish(row.seq, 'failed');
      return { unreadable: row.seq };
    }
  }

  /** Sent, or given up: the row (and with it the address) is erased. */
  finish(seq: number, state: 'sent' | 'failed'): void {
    this.db
      .transaction(() => {
        this.stmt.remove.run(seq);
        this.stmt.markCase.run({ seq, state });
      })
      .immediate();
  }

  retryAt(seq: number, at: number, reason: string): void {
    this.stmt.retry.run({ seq, at, reason });
  }

  /** When the next confirmation is due, or null when none waits. */
  nextDueAt(): number | null {
    return this.stmt.next.get()?.at ?? null;
  }
}
