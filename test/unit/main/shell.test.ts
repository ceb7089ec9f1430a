import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type KioskInfo, type Result } from '../../../src/contract';
import { createCaseService } from '../../../src/core/cases/service';
import { hashPin } from '../../../src/core/staff/pin-hash';
import { makeDraft, silentLogger } from '../core/cases/case-fixtures';
import { repoResources } from './test-kiosk';

vi.mock('electron', () => import('./fake-electron'));

/** The shell listens to these on the process; each test takes its listeners off again. */
const PROCESS_EVENTS = ['SIGTERM', 'SIGINT', 'uncaughtException', 'unhandledRejection'] as const;
/** The process as a plain emitter, so one loop can handle signals and error events alike. */
const proc = process as unknown as NodeJS.EventEmitter;

const fake = await import('./fake-electron');
const { startShell } = await import('../../../src/main/shell');
const { START_URL } = await import('../../../src/main/app-origin');

let dir: string;
let rendererDir: string;
let signalListeners: Record<(typeof PROCESS_EVENTS)[number], number>;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  fake.resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Kommunkiosk</title>');
  signalListeners = Object.fromEntries(
    PROCESS_EVENTS.map((e) => [e, process.listenerCount(e)]),
  ) as typeof signalListeners;
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
  for (const event of PROCESS_EVENTS) {
    const extra = proc.listeners(event).slice(signalListeners[event]);
    for (const l of extra) proc.removeListener(event, l as () => void);
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A config file; `mode: demo` (the embedded simulators) unless the YAML says otherwise. */
function configFile(yaml: string): string {
  const file = path.join(dir, 'config.yaml');
  const mode = /^mode:/m.test(yaml) ? '' : 'mode: demo\n';
  writeFileSync(file, `${mode}dataDir: ${JSON.stringify(path.join(dir, 'data'))}\nlog:\n  level: silent\n${yaml}`);
  return file;
}

/** The simulators' module of a development checkout (`out/simulators/embedded.js` once built). */
const SIMULATORS = path.join(repoResources, '..', 'src', 'simulators', 'embedded.ts');

function start(
  argv: string[],
  simulatorsModule = SIMULATORS,
  env: NodeJS.ProcessEnv = {},
): ReturnType<typeof startShell> {
  return startShell({
    argv: ['out/main/index.js', ...argv],
    env: { KIOSK_DATA_DIR: path.join(dir, 'default-data'), ...env },
    preload: '/app/out/preload/index.cjs',
    rendererDir,
    resourcesDir: repoResources,
    simulatorsModule,
  });
}

/** Lets the app quit the way Electron does, and waits until the shell has closed core. */
async function quit(): Promise<void> {
  const event = new fake.FakeEvent();
  fake.app.emit('will-quit', event);
  expect(event.defaultPrevented).toBe(true);
  await vi.waitFor(() => expect(fake.app.exitCodes).toContain(0));
}

/** Each window's renderer session (its visit), opened the way the preload does on its first call. */
const windowVisits = new WeakMap<object, string>();

async function callFromWindow(method: string, payload: unknown): Promise<Result<unknown>> {
  const w = fake.FakeBrowserWindow.instances[0]!;
  const event = { sender: w.webContents, senderFrame: w.webContents.mainFrame };
  let visitId = windowVisits.get(w);
  if (!visitId) {
    const opened = (await fake.ipcMain.handlers.get('kiosk:session')!(event)) as Result<{ visitId: string }>;
    if (!opened.ok) return opened;
    visitId = opened.value.visitId;
    windowVisits.set(w, visitId);
  }
  const handler = fake.ipcMain.handlers.get(`kiosk:${method}`)!;
  return (await handler(event, payload, visitId)) as Result<unknown>;
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

  it('passes --as-user and --online on to the check (a user that does not exist: exit 2, said why)', async () => {
    const file = configFile('');
    await start(['--check-config', file, '--as-user', 'no-such-kiosk-user', '--online']);
    expect(fake.app.exitCodes).toEqual([2]);
    expect(stderr.join('')).toContain('check-config: there is no user "no-such-kiosk-user" on this machine');
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
    writeFileSync(file, `mode: demo\ndataDir: ${JSON.stringify(path.join(blocker, 'data'))}\n`);
    await start(['--config', file]);
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).toMatch(
      /dataDir is ".*not-a-folder.*"; expected a folder the kiosk can write to \(ENOTDIR/,
    );
    // the reason is a sentence for IT, never a stack trace
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).not.toMatch(/\n\s+at /);
    await quit();
  });

  it('kiosk mode refuses Alt+F4 and the window close; a quit of the app (SIGTERM, "Stäng av") closes it', async () => {
    await start(['--config', configFile('window:\n  kiosk: true\n')]);
    const w = fake.FakeBrowserWindow.instances[0]!;
    const altF4 = new fake.FakeEvent();
    w.emit('close', altF4);
    expect(altF4.defaultPrevented).toBe(true);
    expect(fake.app.quitCalls).toBe(0);
    fake.app.emit('before-quit', new fake.FakeEvent());
    const byQuit = new fake.FakeEvent();
    w.emit('close', byQuit);
    expect(byQuit.defaultPrevented).toBe(false);
    await quit();
  });

  it('a windowed kiosk (window.kiosk: false) closes as any window does', async () => {
    await start(['--config', configFile('window:\n  kiosk: false\n')]);
    const close = new fake.FakeEvent();
    fake.FakeBrowserWindow.instances[0]!.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
    await quit();
  });

  it('staff mode\'s "Stäng av" quits the app; a visitor cannot call it', async () => {
    const pinHash = await hashPin('246810', { ln: 14, r: 8, p: 1 });
    await start([
      '--config',
      configFile(`window:\n  kiosk: true\nstaff:\n  members:\n    - id: reception-1\n      pinHash: "${pinHash}"\n`),
    ]);
    const refused = await callFromWindow('staff.shutDown', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await callFromWindow('staff.enter', { pin: '246810' })).toMatchObject({ ok: true, value: { ok: true } });
    const overview = await callFromWindow('staff.overview', {});
    expect(overview.ok && (overview.value as { canShutDown: boolean }).canShutDown).toBe(true);
    expect(await callFromWindow('staff.shutDown', {})).toEqual({ ok: true, value: {} });
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1));
    // the quit passes 'before-quit' (Electron emits it), after which the window may close
    fake.app.emit('before-quit', new fake.FakeEvent());
    const close = new fake.FakeEvent();
    fake.FakeBrowserWindow.instances[0]!.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
    await quit();
  });

  it('a stray exception or rejection is logged and counted in health ("Programmet"), and the kiosk goes on', async () => {
    const pinHash = await hashPin('246810', { ln: 14, r: 8, p: 1 });
    await start(['--config', configFile(`staff:\n  members:\n    - id: reception-1\n      pinHash: "${pinHash}"\n`)]);
    // the test runner's own listeners step aside while the shell's handle the faults
    const runner = PROCESS_EVENTS.slice(2).map((e) => [e, proc.listeners(e).slice(0, signalListeners[e])] as const);
    for (const [e, ls] of runner) for (const l of ls) proc.removeListener(e, l as () => void);
    try {
      proc.emit('uncaughtException', new Error('a timer that throws'), 'uncaughtException');
      proc.emit('unhandledRejection', new Error('nobody waited'), Promise.resolve());
    } finally {
      for (const [e, ls] of runner) for (const l of ls) proc.prependListener(e, l as () => void);
    }
    expect(fake.app.exitCodes).toEqual([]);
    expect(await callFromWindow('staff.enter', { pin: '246810' })).toMatchObject({ ok: true, value: { ok: true } });
    const health = await callFromWindow('staff.health', {});
    const checks = health.ok
      ? (health.value as { checks: Array<{ id: string; severity: string; reason: string }> }).checks
      : [];
    const processCheck = checks.find((c) => c.id === 'process');
    expect(processCheck).toMatchObject({ severity: 'warn' });
    expect(processCheck?.reason).toMatch(
      /^2 unexpected error\(s\) since the kiosk started, the kiosk kept running; the last at .* \(unhandledRejection: Error: nobody waited\)/,
    );
    expect(checks.find((c) => c.id === 'storage')).toMatchObject({ severity: 'ok' });
    expect(checks.find((c) => c.id === 'log')).toMatchObject({ severity: 'ok' });
    await quit();
  });

  it('a production package (no simulators module) without a config file is out of order and says which file it wants', async () => {
    fake.app.isPackaged = true;
    await start([], path.join(dir, 'no-simulators', 'embedded.js'));
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).toMatch(
      /expected a configuration file: --config FILE, the KIOSK_CONFIG environment variable or \/etc\/kommunkiosk\/config\.yaml; fix: install the production template/,
    );
    await quit();
  });

  it('a demo config in a production package cannot start simulators: out of order, not a crash', async () => {
    await start(['--config', configFile('')], path.join(dir, 'no-simulators', 'embedded.js'));
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    expect(info.ok && (info.value as KioskInfo).outOfOrderReasons.join('\n')).toContain(
      'identity: mode simulator needs the embedded simulators, which this build cannot start; use mode external',
    );
    await quit();
  });

  it('a production config with a simulator shows "Ur funktion" with key, file and fix', async () => {
    const file = configFile('mode: production\nidentity:\n  bankid:\n    mode: simulator\n');
    await start(['--config', file]);
    const info = await callFromWindow('app.info', {});
    expect(info.ok && (info.value as KioskInfo).state).toBe('out_of_order');
    const reasons = info.ok ? (info.value as KioskInfo).outOfOrderReasons : [];
    expect(reasons).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: identity\\.bankid\\.mode is "simulator"; expected external in mode production .*; fix: set identity\\.bankid\\.mode: external`,
        ),
      ),
    );
    await quit();
  });
});

describe('--recover-cases', () => {
  /** The case queue as the kiosk opens it: with the (fake) OS key store. */
  async function casesWithKeyStore(dataDir: string): Promise<ReturnType<typeof createCaseService>> {
    const { safeStorageKeyWrapper } = await import('../../../src/main/safe-storage-key-wrapper');
    return createCaseService({
      config: {},
      dataDir,
      keyWrapper: safeStorageKeyWrapper(),
      logger: silentLogger(),
      emit: () => {},
      startWorker: false,
    });
  }

  it('recovers the cases of a damaged database with the key store the kiosk uses, and exits 0', async () => {
    const data = path.join(dir, 'data');
    const cases = await casesWithKeyStore(data);
    const references = [1, 2, 3].map(() => cases.queue.submit(makeDraft()).reference);
    await cases.close();
    const db = path.join(data, 'cases.sqlite');
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 4096, bytes.length); // every page after the header is garbage
    writeFileSync(db, bytes);
    // in a desktop session (a display), as on Windows: the OS key store the kiosk used
    expect(
      await start(['--recover-cases', '--no-deliver', '--config', configFile('')], SIMULATORS, { DISPLAY: ':0' }),
    ).toBeNull();
    expect(fake.app.exitCodes).toEqual([0]);
    const out = stdout.join('');
    expect(out).toContain('database: damaged (moved aside to');
    expect(out).toContain('recovered and queued for delivery: 3 (3 from the journal, 0 from the damaged database)');
    expect(out).toContain('unrecoverable: 0');
    const again = await casesWithKeyStore(data);
    for (const r of references) expect(again.queue.status(r)).toBe('stored');
    await again.close();
  });

  it.skipIf(process.platform !== 'linux')(
    'without a display (a cage kiosk over ssh) it uses the key file',
    async () => {
      const data = path.join(dir, 'data');
      const cases = createCaseService({
        config: {},
        dataDir: data,
        logger: silentLogger(),
        emit: () => {},
        startWorker: false,
      });
      const reference = cases.queue.submit(makeDraft()).reference;
      await cases.close();
      writeFileSync(path.join(data, 'cases.sqlite'), Buffer.alloc(8192, 0x42));
      await start(['--recover-cases', '--no-deliver', '--config', configFile('')]);
      expect(fake.app.exitCodes).toEqual([0]);
      expect(stdout.join('')).toContain('recovered and queued for delivery: 1 (1 from the journal');
      expect(readFileSync(path.join(data, 'cases-journal', `${reference}.case`)).length).toBeGreaterThan(0);
    },
  );

  it('refuses while the kiosk runs (another instance holds the lock)', async () => {
    fake.app.singleInstance = false;
    expect(await start(['--recover-cases'])).toBeNull();
    expect(fake.app.exitCodes).toEqual([1]);
    expect(stderr.join('')).toContain('Kommunkiosk is running: stop it first');
  });
});
