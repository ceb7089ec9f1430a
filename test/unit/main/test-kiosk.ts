/**
 * A real core kiosk for the shell's unit tests: config parsed from YAML, a silent logger, a data
 * folder in a temp dir, and a platform that records browser-data clears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../../src/core/config/load-config';
import { createKiosk, type Kiosk } from '../../../src/core/kiosk';
import { createLogger } from '../../../src/core/log/logger';
import type { Platform } from '../../../src/core/platform';
import { startEmbeddedForKiosk } from '../../../src/simulators/embedded';

/** One folder per test file for the simulators' test PKI, so keys are generated once, not per kiosk. */
export const simulatorDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-main-sim-'));

export const repoResources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

export interface TestKiosk {
  kiosk: Kiosk;
  clears: () => number;
  dispose: () => Promise<void>;
}

export async function createTestKiosk(
  yaml = 'kiosk:\n  municipality:\n    name: Testby kommun\n',
  platform?: Platform,
): Promise<TestKiosk> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-main-'));
  let clears = 0;
  const kiosk = await createKiosk({
    config: parseConfig(yaml, null),
    platform: platform ?? {
      name: 'electron',
      clearBrowserData: async () => {
        clears += 1;
      },
    },
    defaultDataDir: dir,
    version: '0.0.0-test',
    resourcesDir: repoResources,
    startEmbedded: (request) => startEmbeddedForKiosk({ ...request, dataDir: simulatorDir }),
    logger: createLogger({ level: 'silent' }).logger,
  });
  return {
    kiosk,
    clears: () => clears,
    dispose: async () => {
      await kiosk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
