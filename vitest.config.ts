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
    // Worker threads that keep their module cache from file to file: the suite is ~1,100 small tests
    // over the same core modules, and re-importing them for each of ~90 files (forks, isolated) cost
    // more CPU than the tests themselves (105 s of CPU against 46 s). Every file still gets a fresh
    // test context; the only module mock is the same electron stand-in everywhere (test/unit/main).
    // Vitest's default on a 2-core machine is one worker; the tests wait on scrypt, SQLite and child
    // processes often enough that one worker per core is faster.
    pool: 'threads',
    isolate: false,
    maxWorkers: '100%',
  },
});
