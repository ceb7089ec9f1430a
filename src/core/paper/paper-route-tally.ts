/**
 * How often the paper route was used, for IT — and nothing more. A paper-route visit may be that of a
 * person with protected identity, and at a small office a dated log line ("protected login at 10:32")
 * tells who came. So no line is written per visit: visits are counted per calendar day (kiosk time)
 * and the day's count is logged once that day is over, as "paper route used" with the date and the
 * number only — no reason, no time, no order reference. A count not yet logged when the kiosk stops is
 * dropped (writing it at shutdown would date the last visits).
 */
import type { Logger } from '../log/logger';

/** How often the tally looks whether the day has turned. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

function dayOf(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export class PaperRouteTally {
  private day: string;
  private count = 0;
  private readonly timer: ReturnType<typeof setInterval> | null;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    checkEveryMs: number | null = CHECK_EVERY_MS,
  ) {
    this.day = dayOf(this.now());
    this.timer = checkEveryMs === null ? null : setInterval(() => this.rollOver(), checkEveryMs);
    this.timer?.unref();
  }

  /** One visit used the paper route. */
  add(): void {
    this.rollOver();
    this.count += 1;
  }

  /** Logs the count of a day that is over (if any visit used the paper route that day). */
  rollOver(): void {
    const today = dayOf(this.now());
    if (today === this.day) return;
    if (this.count > 0) this.logger.info({ day: this.day, count: this.count }, 'paper route used');
    this.day = today;
    this.count = 0;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
