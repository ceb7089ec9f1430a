import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/browser';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // a journey's own steps take ~30 s here; its teardown then validates every delivered case (FGS
  // packages through xmllint, xsltproc and Saxon), which on a busy 2-core CI machine can double it
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1080, height: 1400 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
