/**
 * Sends the visitors' confirmation e-mails through the municipality's mail relay, one at a time, once
 * their cases have reached the municipality. Retried like a delivery (exponential back-off with full
 * jitter); a permanent refusal (SMTP 5xx) or an age beyond `maxAgeHours` gives up. Either way the row,
 * and with it the address, is erased; logs name the case reference only, never the address.
 */
import type { Logger } from '../../log/logger';
import type { ConfirmationConfig } from '../config';
import { classifySmtpError } from '../delivery/smtp-adapter';
import { safeReason } from '../delivery/adapter';
import { backoffDelay, type BackoffPolicy } from '../delivery/backoff';
import { createSmtpTransport } from '../delivery/smtp-transport';
import type { CaseQueue } from '../queue';
import { confirmationMailText, type MailContext } from './confirmation-mail';

const LEASE_MS = 5 * 60_000;
const MAX_TIMER_MS = 2_147_483_647;

export interface ConfirmationSenderOptions {
  queue: CaseQueue;
  config: ConfirmationConfig;
  context: MailContext;
  backoff: BackoffPolicy;
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

export class ConfirmationSender {
  private readonly transport;
  private readonly log: Logger;
  private readonly now: () => number;
  private running = false;
  private busy: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ConfirmationSenderOptions) {
    this.transport = createSmtpTransport(options.config, 'the confirmation e-mail relay');
    this.log = options.logger.child({ area: 'confirmation' });
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.running = true;
    this.nudge();
  }

  /** Look for due confirmations now (a case was just delivered). */
  nudge(): void {
    if (!this.running || this.busy) return;
    clearTimeout(this.timer);
    this.busy = this.drain()
      .catch((err: unknown) => this.log.error({ err }, 'confirmation e-mails paused: the case database failed'))
      .finally(() => {
        this.busy = null;
        this.schedule();
      });
  }

  /** Resolves when no confirmation is due now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.busy) await this.busy;
    const next = this.options.queue.isOpen ? this.options.queue.confirmations.nextDueAt() : null;
    if (!this.running || next === null || next > this.now()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.busy;
    this.transport.close();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private schedule(): void {
    const idle = (): void => {
      for (const w of this.idleWaiters.splice(0)) w();
    };
    if (!this.running || !this.options.queue.isOpen) return idle();
    let next: number | null;
    try {
      next = this.options.queue.confirmations.nextDueAt();
    } catch (err) {
      this.log.error({ err }, 'confirmation e-mails paused: the case database failed');
      return idle();
    }
    if (next === null) return idle();
    const wait = next - this.now();
    if (wait > 0) idle();
    this.timer = setTimeout(() => this.nudge(), Math.min(Math.max(0, wait), MAX_TIMER_MS));
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (!this.running || !this.options.queue.isOpen) return;
      const store = this.options.queue.confirmations;
      let due;
      try {
        due = store.claimDue(this.now(), this.now() + LEASE_MS);
      } catch (err) {
        this.log.error({ err }, 'confirmation e-mails cannot be read from the case database');
        return;
      }
      if (!due) return;
      if ('unreadable' in due) {
        this.log.error('a confirmation e-mail could not be decrypted; dropped');
        continue;
      }
      const { reference } = due.mail;
      const maxAgeMs = this.options.config.maxAgeHours * 3_600_000;
      if (this.now() - due.createdAt > maxAgeMs) {
        store.finish(due.seq, 'failed');
        this.log.warn({ reference, attempts: due.attempts }, 'confirmation e-mail given up (too old); address erased');
        continue;
      }
      const { subject, text } = confirmationMailText(due.mail, this.options.context);
      try {
        const transport = await this.transport.get();
        await transport.sendMail({
          from: this.options.config.from,
          to: due.mail.email,
          subject,
          text,
          messageId: `<${due.caseId}.confirmation@${/@([^>\s]+)/.exec(this.options.config.from)?.[1] ?? 'kommunkiosk.invalid'}>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Kommunkiosk-Reference': reference },
        });
        store.finish(due.seq, 'sent');
        this.log.info({ reference, attempts: due.attempts }, 'confirmation e-mail sent; address erased');
      } catch (err) {
        const outcome = classifySmtpError(err);
        if (outcome.kind === 'rejected') {
          store.finish(due.seq, 'failed');
          this.log.warn(
            { reference, reason: outcome.reason },
            'confirmation e-mail refused by the relay; address erased',
          );
        } else {
          const reason = outcome.kind === 'retry' ? outcome.reason : 'unexpected outcome';
          const delay = backoffDelay(due.attempts, this.options.backoff, this.options.random);
          store.retryAt(due.seq, this.now() + delay, safeReason(reason));
          this.log.warn({ reference, reason, retryInMs: delay }, 'confirmation e-mail failed; will retry');
        }
      }
    }
  }
}
