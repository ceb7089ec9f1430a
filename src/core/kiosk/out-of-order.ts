/**
 * Why the kiosk is out of order, from three sources kept apart so one never hides another: problems at
 * start-up (an invalid config, a capability that could not start), the case storage's current faults,
 * and staff's "Ur funktion" switch with the fixed notice visitors are told.
 */
import type { OutOfOrderNotice } from '../../contract';

export class OutOfOrderState {
  private readonly startup: string[] = [];
  private staffReasons: string[] = [];
  private staffNotice: OutOfOrderNotice | null = null;
  private storage: () => string[] = () => [];
  /** Tells the screen the state changed; bound once the kiosk's info exists (a storage fault may come first). */
  private announcer: () => void = () => {};

  /** A problem that keeps visitors out until the kiosk is started again. */
  addStartupProblem(line: string): void {
    this.startup.push(line);
  }

  /** The case storage's current problems (they pass by themselves when the storage recovers). */
  watchStorage(problems: () => string[]): void {
    this.storage = problems;
  }

  onChange(announce: () => void): void {
    this.announcer = announce;
  }

  /** Staff's contribution; an empty list turns the switch off (and drops the notice). */
  setByStaff(reasons: string[], notice: OutOfOrderNotice | null = null): void {
    this.staffReasons = [...reasons];
    this.staffNotice = reasons.length > 0 ? notice : null;
    this.announce();
  }

  announce(): void {
    this.announcer();
  }

  reasons(): string[] {
    return [...this.startup, ...this.storage(), ...this.staffReasons];
  }

  get notice(): OutOfOrderNotice | null {
    return this.staffNotice;
  }
}
