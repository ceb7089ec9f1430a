import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type KioskInfo, type Result } from '../../../src/contract';
import { repoResources } from './test-kiosk';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { startShell } = await import('../../../src/main/shell');
const { START_URL } = await import('../../../src/main/app-origin');

let dir: string;
let rendererDir: string;
let signalListeners: { SIGTERM: number; SIGINT: number };
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  fake.resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Kommunkiosk</title>');
  signalListeners = { SIGTERM: process.listenerCount('SIGTERM'), SIGINT: process.listenerCount('SIGINT') };
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const extra = process.listeners(signal).slice(signalListeners[signal]);
    for (const l of extra) process.removeListener(signal, l);
  }
  rmSync(dir, { recursive: true, force: true });
});

function configFile(yaml: string): string {
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, `dataDir: ${JSON.stringify(path.join(dir, 'data'))}\nlog:\n  level: silent\n${yaml}`);
  return file;
}

function start(argv: string[]): ReturnType<typeof startShell> {
  return startShell({
    argv: ['out/main/index.js', ...argv],
    env: { KIOSK_DATA_DIR: path.join(dir, 'default-data') },
    preload: '/app/out/preload/index.cjs',
    rendererDir,
    resourcesDir: repoResources,
  });
}

/** Lets the app quit the way Electron does, and waits until the shell has closed core. */
async function quit(): Promise<void> {
  const event = new fake.FakeEvent();
  fake.app.emit('will-quit', event);
  expect(event.defaultPrevented).toBe(true);
  await vi.waitFor(() => expect(fake.app.exitCodes).toContain(0));
}

async function callFromWindow(method: string, payload: unknown): Promise<Result<unknown>> {
  const w = fake.FakeBrowserWindow.instances[0]!;
  const handler = fake.ipcMain.handlers.get(`kiosk:${method}`)!;
  return (await handler({ sender: w.webContents, senderFrame: w.webContents.mainFrame }, payload)) as Result<unknown>;
}

describe('--check-config', () => {
  it('prints that a good file is valid and exits 0 without a window', async () => {
    const file = configFile('kiosk:\n  id: kiosk-7\n');
    expect(await start(['--check-config', file])).toBeNull();
    expect(fake.app.exitCodes).toEqual([0]);
    expect(stdout.join('')).toContain('configuration is valid');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.app.sandboxEnabled).toBe(false);
  });

  it('prints each problem with key, value and expectation and exits 1', async () => {
    const file = configFile('session:\n  warningSeconds: 5\n');
    await start([`--check-config=${file}`]);
    expect(fake.app.exitCodes).toEqual([1]);
    expect(stderr.join('')).toMatch(/session\.warningSeconds is 5; expected at least 20/);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('exits 2 with usage when the file is missing', async () => {
    await start(['--check-config']);
    expect(fake.app.exitCodes).toEqual([2]);
    expect(stderr.join('')).toContain('usage');
  });
});

describe('the kiosk shell', () => {
  it('a second instance quits without opening a window', async () => {
    fake.app.singleInstance = false;
    expect(await start([])).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('starts locked down: sandbox everywhere, app:// scheme, no menu, kiosk window on the start page', async () => {
    const shell = await start([
      '--config',
      configFile('kiosk:\n  municipality:\n    name: Testby kommun\nwindow:\n  kiosk: true\n'),
    ]);
    expect(shell).not.toBeNull();
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.Menu.applicationMenu).toBeNull();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const w = fake.FakeBrowserWindow.instances[0]!;
    expect(w.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: true,
        partition: 'kiosk',
        preload: '/app/out/preload/index.cjs',
      },
    });
    expect(w.webContents.loadedUrls).toEqual([START_URL]);
    // every webContents gets the navigation lock-down
    expect(w.webContents.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    // the kiosk partition serves the renderer and denies permissions
    const session = fake.session.fromPartition('kiosk');
    const page = await session.handledProtocols.get('app')!(new Request(START_URL));
    expect(await page.text()).toContain('<title>Kommunkiosk</title>');
    const granted = vi.fn();
    session.permissionRequestHandler?.(w.webContents, 'media', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    // the contract is bound and reaches core
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      [...methodNames.map((m) => `kiosk:${m}`), 'kiosk:session', 'kiosk:ping'].sort(),
    );
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).municipality.name).toBe('Testby kommun');
    expect(info.ok && (info.value as KioskInfo).version).toBe('9.9.9-test');
    await quit();
  });

  it('packaged builds have no developer tools', async () => {
    fake.app.isPackaged = true;
    await start(['--config', configFile('')]);
    expect((fake.FakeBrowserWindow.instances[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    await quit();
  });

  it('a second start focuses the running kiosk window', async () => {
    await start(['--config', configFile('window:\n  kiosk: false\n')]);
    const w = fake.FakeBrowserWindow.instances[0]!;
    w.minimized = true;
    const before = w.focused;
    fake.app.emit('second-instance', new fake.FakeEvent(), ['kommunkiosk'], dir);
    expect(w.minimized).toBe(false);
    expect(w.focused).toBe(before + 1);
    await quit();
  });

  it('a crashed renderer comes back on the start page with the visit reset', async () => {
    const shell = await start(['--config', configFile('')]);
    const resets: string[] = [];
    shell!.kiosk.visit.onReset('probe', (reason) => {
      resets.push(reason);
    });
    const w = fake.FakeBrowserWindow.instances[0]!;
    w.webContents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'crashed', exitCode: 11 });
    await vi.waitFor(() => expect(w.webContents.loadedUrls).toEqual([START_URL, START_URL]));
    expect(resets).toEqual(['renderer_restart']);
    expect(fake.session.fromPartition('kiosk').cleared).toEqual(['storage', 'cache', 'auth-cache', 'all-data']);
    await quit();
  });

  it('each page load is a new visit: a reload ends the last one at once, its id is refused, the partition is emptied', async () => {
    const shell = await start(['--config', configFile('')]);
    const w = fake.FakeBrowserWindow.instances[0]!;
    const event = { sender: w.webContents, senderFrame: w.webContents.mainFrame };
    const openSession = async (): Promise<string> => {
      const res = (await fake.ipcMain.handlers.get('kiosk:session')!(event)) as Result<{ visitId: string }>;
      if (!res.ok) throw new Error('no session');
      return res.value.visitId;
    };
    // the partition lives in memory only: nothing of a visit reaches the profile on disk
    expect((w.options.webPreferences as { partition: string }).partition).not.toMatch(/^persist:/);
    const first = await openSession();
    const call = (visitId: string): Promise<Result<unknown>> =>
      fake.ipcMain.handlers.get('kiosk:identity.current')!(event, {}, visitId) as Promise<Result<unknown>>;
    expect(await call(first)).toMatchObject({ ok: true });
    const resets: string[] = [];
    shell!.kiosk.visit.onReset('probe', (reason) => void resets.push(reason));
    const cleared = fake.session.fromPartition('kiosk').cleared.length;
    w.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: START_URL });
    await vi.waitFor(() => expect(resets).toEqual(['renderer_restart']));
    expect(fake.session.fromPartition('kiosk').cleared.slice(cleared)).toEqual([
      'storage',
      'cache',
      'auth-cache',
      'all-data',
    ]);
    expect(await call(first)).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    // a navigation within the page (a hash) is not a new page
    w.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true, url: START_URL });
    const second = await openSession();
    expect(second).not.toBe(first);
    expect(await call(second)).toMatchObject({ ok: true });
    expect(await call(first)).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    await quit();
  });

  it('an invalid config still opens the window, on the "Ur funktion" state with the reason', async () => {
    await start(['--config', configFile('session:\n  idleSeconds: soon\n')]);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).toMatch(/session\.idleSeconds/);
    await quit();
  });

  it('a data folder that cannot be created gives "Ur funktion", not a crash', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, `dataDir: ${JSON.stringify(path.join(blocker, 'data'))}\n`);
    await start(['--config', file]);
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).toMatch(
      /dataDir is ".*not-a-folder.*"; expected a folder the kiosk can write to \(ENOTDIR/,
    );
    expect(stderr.join('')).toContain('could not start its core');
    await quit();
  });
});
