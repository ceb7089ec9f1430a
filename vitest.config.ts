import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/reliability has its own config and script (npm run test:reliability): this stays a fast loop
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
