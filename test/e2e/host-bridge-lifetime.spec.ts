/**
 * A kiosk stays on one connection for weeks: the screen's bridge socket must outlive every timeout of
 * Node's HTTP server, which only bound requests and idle keep-alive connections. The host here is the
 * production one (startHost, in this process) with those timeouts shortened from minutes to about a
 * second, so that a page can sit past all of them many times over in a few seconds. The visit must
 * go on on the same connection, with nothing lost.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config/load-config';
import { startHost, type RunningHost } from '../../src/host/server';
import { startEmbeddedForKiosk } from '../../src/simulators/embedded';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/host';
import { choose, CONFIG, expectStep, h1, next, openService } from './support/journey';

const SHORT = { requestTimeoutMs: 1_000, headersTimeoutMs: 800, keepAliveTimeoutMs: 500, checkIntervalMs: 200 };

let dir: string;
let host: RunningHost;

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-lifetime-'));
  const configFile = path.join(dir, 'config.yaml');
  // a demo kiosk, as the host fixture's (a config file is production otherwise, which refuses simulators)
  writeFileSync(configFile, `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\n${CONFIG}`);
  host = await startHost({
    config: loadConfig(configFile),
    rendererDir: path.join(repoRoot, 'out', 'renderer'),
    hostClientFile: path.join(repoRoot, 'out', 'host-client', 'client.js'),
    defaultDataDir: path.join(dir, 'data'),
    version: '0.0.0-test',
    resourcesDir: path.join(repoRoot, 'resources'),
    startEmbedded: startEmbeddedForKiosk,
    httpTimeouts: SHORT,
  });
});

test.afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the screen's connection outlives Node's request, header and keep-alive timeouts; the visit goes on", async ({
  page,
}) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(host.url);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  await openService(page, 'support-e-tjanster', 'Support för e-tjänster');
  await page.getByTestId('intro-begin').click();
  await page.getByLabel('Vilken e-tjänst gäller det?').fill('Ansökan om bygglov');

  // idle well past every shortened timeout (each is at most a second, checked every 200 ms)
  await page.waitForTimeout(5_000);

  await expect(page.getByTestId('connection-failure')).toHaveCount(0);
  await expect(page.getByLabel('Vilken e-tjänst gäller det?')).toHaveValue('Ansökan om bygglov');
  // the visit still answers on the same connection: the step is validated by core and the next one comes
  await choose(page, 'Vad är problemet?', 'Jag får ett felmeddelande');
  await page.getByLabel('Vilket felmeddelande fick du?').fill('Tekniskt fel 500');
  await page.getByLabel('Beskriv vad som hände').fill('Sidan laddar om.');
  await next(page);
  await expectStep(page, 'Kontaktuppgifter');
  expect(sockets).toHaveLength(1);
  const log = readFileSync(path.join(dir, 'data', 'logs', 'kiosk.log'), 'utf8');
  expect(log).not.toContain('screen connection closed');
});
