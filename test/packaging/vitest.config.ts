import { defineConfig } from 'vitest/config';

/** Tests of the packaged app: they need `npm run build` first (npm test runs them after it). */
export default defineConfig({
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
