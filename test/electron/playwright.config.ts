import { defineConfig } from '@playwright/test';

/**
 * Electron end-to-end tests (Playwright `_electron`). They run where an Electron binary exists and
 * are skipped, with the reason printed, where it does not; a run whose only tests are skipped exits 0.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // one kiosk at a time: the app holds a single-instance lock
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  globalSetup: './report-skip-reason.ts',
});
