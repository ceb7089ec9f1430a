/**
 * The visit: what core knows about the visitor at the kiosk right now, and the single reset that
 * ends it. Every capability that holds visitor state or runs something on the visitor's behalf
 * registers a reset hook here; `reset()` runs them all (errors in one never stop the others) and
 * then drops the state. Nothing in here is ever written to disk.
 */
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';

export interface SignedInPerson {
  /** 12 digits. */
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
}

export interface VisitState {
  /** Set after a completed BankID auth order. */
  person: SignedInPerson | null;
  /**
   * The paper route: the visitor has protected identity (said so, or the register says so) or
   * BankID cannot be used. Nothing of this visit may be written anywhere.
   */
  paperRoute: { reason: 'protected_identity' | 'register_protected' | 'bankid_unavailable' | 'no_bankid' } | null;
  /** Staff marked this visit as assisted (staff id only). */
  assistedBy: string | null;
}

export type ResetHook = (reason: string) => void | Promise<void>;

export class Visit {
  state: VisitState = Visit.empty();
  private readonly hooks: Array<{ name: string; hook: ResetHook }> = [];
  private generation = 0;

  constructor(
    private readonly logger: Logger,
    private readonly redactor: Redactor,
  ) {}

  static empty(): VisitState {
    return { person: null, paperRoute: null, assistedBy: null };
  }

  /** A number that changes at every reset: async work started in an earlier visit checks it. */
  get id(): number {
    return this.generation;
  }

  onReset(name: string, hook: ResetHook): void {
    this.hooks.push({ name, hook });
  }

  signIn(person: SignedInPerson): void {
    this.redactor.remember(person.personalNumber, person.name, person.givenName, person.surname);
    this.state.person = person;
  }

  /** Runs every hook, then forgets the visitor. Returns how many hooks reported work cancelled. */
  async reset(reason: string): Promise<number> {
    this.generation += 1;
    let cancelled = 0;
    const results = await Promise.allSettled(this.hooks.map(async ({ hook }) => hook(reason)));
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        this.logger.warn({ hook: this.hooks[i]?.name, err: r.reason }, 'reset hook failed; the visit was reset anyway');
      } else {
        cancelled += 1;
      }
    });
    this.state = Visit.empty();
    this.redactor.forget();
    this.logger.info({ reason, generation: this.generation }, 'visit reset');
    return cancelled;
  }
}
