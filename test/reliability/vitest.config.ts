import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: real processes, real files and file systems (kill -9, faulty receivers,
 * damaged databases, full and read-only disks; the mount tests need root). Slow on purpose, so it is a
 * suite of its own: `npm run test:unit` stays a fast loop, `npm test` runs both.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // the suites start kiosk processes, mount file systems and time kills: one at a time
    fileParallelism: false,
  },
});
