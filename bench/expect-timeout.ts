/**
 * The journeys the benches drive wait with Playwright's `expect`, whose timeout outside the test runner
 * is 5 s; at 4× CPU, or on a busy machine, a screen (a signing round trip, the QR) can take longer. The
 * runner's own setting (test/e2e/playwright.config.ts) is made here the one way Playwright has outside a
 * runner: its expect module's configuration (the same module instance @playwright/test uses).
 * Not a benchmark itself: `bench/run.ts` runs only `*.bench.ts`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../test/e2e/support/host';

export function allowSlowScreens(timeoutMs: number): void {
  // by its path: the package's exports do not name the file
  const file = path.join(repoRoot, 'node_modules/playwright/lib/matchers/expect.js');
  const matchers = createRequire(import.meta.url)(file) as {
    expectConfig: () => Record<string, unknown>;
    setExpectConfig: (c: Record<string, unknown>) => void;
  };
  matchers.setExpectConfig({ ...matchers.expectConfig(), timeout: timeoutMs });
}
