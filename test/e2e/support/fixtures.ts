/**
 * The e2e specs' `test`: Playwright's own, with a kiosk host for every test that asks for one.
 *
 * - `host`: a host started with `hostConfig` (the journeys' CONFIG unless the file says
 *   `test.use({ hostConfig: … })`) and `hostEnv`, before the test.
 * - `startHost(config, env?)`: for a test that needs a kiosk set up its own way (a broken config, a
 *   folder written first, another BankID scenario); it can be called more than once.
 *
 * Every host is stopped, and its folder removed, when the test ends; when the test failed, the host's
 * output is attached to the report first.
 */
import { test as base, type TestInfo } from '@playwright/test';
import { startTestHost, type TestHost } from './host';
import { checkDeliveredCases } from './delivered-cases';
import { CONFIG } from './journey';

export { expect } from '@playwright/test';

export type StartHost = (configYaml: string, extraEnv?: Record<string, string>) => Promise<TestHost>;

export interface HostFixtures {
  /** The config of `host` (YAML). */
  hostConfig: string;
  /** Environment variables for `host`'s process, on top of the test runner's. */
  hostEnv: Record<string, string>;
  host: TestHost;
  startHost: StartHost;
}

async function stopHost(h: TestHost, testInfo: TestInfo, name: string): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus) {
    // the host is stopped after the test has ended (timed out, failed): a page still open from here
    // on shows "Kiosken tappade kontakten", which is this teardown, not what made the test fail
    const note = `\n[fixture] the test ended (${testInfo.status}) after ${Math.round(testInfo.duration / 1000)} s; the host is stopped now\n`;
    await testInfo.attach(name, { body: h.output() + note, contentType: 'text/plain' });
  }
  // every case this host delivered (FGS packages, envelopes) is checked before its folder goes
  await h.stop({ beforeRemove: async () => checkDeliveredCases(h.dir, testInfo) });
}

export const test = base.extend<HostFixtures>({
  hostConfig: [CONFIG, { option: true }],
  hostEnv: [{}, { option: true }],
  host: async ({ hostConfig, hostEnv }, use, testInfo) => {
    const h = await startTestHost(hostConfig, hostEnv);
    await use(h);
    await stopHost(h, testInfo, 'host output');
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  startHost: async ({}, use, testInfo) => {
    const hosts: TestHost[] = [];
    await use(async (configYaml, extraEnv = {}) => {
      const h = await startTestHost(configYaml, extraEnv);
      hosts.push(h);
      return h;
    });
    for (const [i, h] of hosts.entries())
      await stopHost(h, testInfo, hosts.length === 1 ? 'host output' : `host output ${i + 1}`);
  },
});
