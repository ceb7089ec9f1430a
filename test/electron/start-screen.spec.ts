import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { displayProblem, findElectronBinary } from './electron-binary';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainJs = path.join(repoRoot, 'out', 'main', 'index.js');
const binary = findElectronBinary();
const noDisplay = displayProblem();
const skipReason = binary.ok ? noDisplay : binary.reason;

test.skip(skipReason !== null, `Electron e2e skipped: ${skipReason ?? ''}`);

/** Chromium refuses to run as root without this; only the test run needs it, never the kiosk. */
const rootArgs = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];

let dir: string;
let app: ElectronApplication | null = null;

test.beforeEach(() => {
  expect(existsSync(mainJs), `${mainJs} is missing: run "npm run build" first`).toBe(true);
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-'));
});
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = null;
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(yaml: string): string {
  const file = path.join(dir, 'config.yaml');
  // the embedded simulators: a config file is production unless it says demo
  writeFileSync(file, `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\n${yaml}`);
  return file;
}

test('the kiosk window shows the start screen with the municipality from config', async () => {
  const config = writeConfig(
    'kiosk:\n  municipality:\n    name: Testby kommun\nwindow:\n  kiosk: false\n  width: 1080\n  height: 1400\n',
  );
  app = await electron.launch({
    executablePath: binary.ok ? binary.path : '',
    args: [...rootArgs, mainJs, '--config', config],
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: path.join(dir, 'data') } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Testby kommun');
  expect(page.url()).toBe('app://kiosk/index.html');
  // the renderer has no Node and sees exactly the contract
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  const info = await page.evaluate(() =>
    (globalThis as unknown as { kiosk: { app: { info: (i: object) => Promise<unknown> } } }).kiosk.app.info({}),
  );
  expect(info).toMatchObject({ ok: true, value: { municipality: { name: 'Testby kommun' } } });
  const invalid = await page.evaluate(() =>
    (globalThis as unknown as { kiosk: { session: { reset: (i: object) => Promise<unknown> } } }).kiosk.session.reset({
      reason: 'nope',
    }),
  );
  expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  // window.open and navigation away are refused: still one window, still on the app
  await page.evaluate(() =>
    (globalThis as unknown as { open: (url: string, target: string) => unknown }).open(
      'https://example.org/',
      '_blank',
    ),
  );
  expect(app.windows()).toHaveLength(1);
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Testby kommun');
  expect(page.url()).toBe('app://kiosk/index.html');
});

test('--check-config reports a broken file and exits 1 without a window', () => {
  const config = writeConfig('session:\n  warningSeconds: 5\n');
  const result = spawnSync(binary.ok ? binary.path : '', [...rootArgs, mainJs, '--check-config', config], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('session.warningSeconds is 5; expected at least 20');
});
