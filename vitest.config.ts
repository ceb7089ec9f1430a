import { defineConfig } from 'vitest/config';
import { INTEGRATION_TESTS } from './test/suites';

export default defineConfig({
  test: {
    // the fast loop: test/reliability and the integration files have their own configs and scripts
    // (npm run test:reliability, npm run test:integration); see test/suites.ts
    include: ['test/unit/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...INTEGRATION_TESTS],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
