/**
 * The Electron composition root: app lifecycle, the single-instance lock, the `app://` protocol,
 * the locked-down window, the contract over IPC and renderer recovery. All behaviour lives in core;
 * this file only wires Electron to it.
 */
import { app, Menu, session as electronSession, type BrowserWindow, type WebContents } from 'electron';
import { runCaseRecovery } from '../core/cases/recovery-command';
import { runCheckConfigCommand } from '../core/config/check-config-command';
import {
  defaultDataDir,
  loadConfig,
  resolveConfigPath,
  resolveFrom,
  type ConfigResult,
} from '../core/config/load-config';
import { createKiosk, type Kiosk } from '../core/kiosk';
import { createLogger } from '../core/log/logger';
import { installProcessFaultHandlers, type ProcessFaults } from '../core/log/process-faults';
import type { Platform } from '../core/platform';
import { APP_ORIGIN, START_URL } from './app-origin';
import { parseShellCommand } from './command-line';
import { embeddedSimulators, type EmbeddedSimulators } from './embedded-simulators';
import { bindContract, type ContractBinding } from './ipc';
import { createElectronPlatform } from './platform';
import { registerAppScheme, serveRenderer } from './protocol';
import { watchRenderer } from './renderer-recovery';
import { guardWindowClose } from './close-guard';
import { safeStorageKeyWrapper } from './safe-storage-key-wrapper';
import { acquireSingleInstance } from './single-instance';
import { createKioskWindow, KIOSK_PARTITION, lockDownNavigation, lockDownSession, windowModeFor } from './window';
import { errorMessage } from '../contract/errors';

export interface ShellOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** out/preload/index.cjs */
  preload: string;
  /** out/renderer */
  rendererDir: string;
  /** The shipped resources (flows, help, fonts): `<resources>/resources` when packaged, the repo's otherwise. */
  resourcesDir: string;
  /** out/simulators/embedded.js: present in a development checkout and a demo package, not in a production package. */
  simulatorsModule: string;
}

export interface RunningShell {
  kiosk: Kiosk;
  window: () => BrowserWindow | null;
}

/** How long shutdown waits for core to close (BankID cancels, log flush) before exiting anyway. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * The page's renderer session (and so its visit) ends the moment the page goes away: a reload or
 * another navigation of the main frame, or the window's contents being destroyed. A crash is handled
 * by renderer recovery, which ends it the same way before loading the start screen again.
 */
function endSessionWhenPageGoes(contents: WebContents, binding: ContractBinding): void {
  contents.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
    if (details.isMainFrame && !details.isSameDocument) void binding.endSession('renderer_restart');
  });
  contents.on('destroyed', () => void binding.endSession('session_closed'));
}

/** `--check-config FILE [--as-user USER] [--online]`: prints the result and exits 0, 1 or 2. No window, no lock. */
async function runCheckConfig(args: string[], resourcesDir: string): Promise<void> {
  const code = await runCheckConfigCommand(args, {
    resourcesDir,
    output: { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
  });
  app.exit(code);
}

/**
 * `--recover-cases`: with the kiosk stopped (the single-instance lock says so), recovers the case queue
 * with the OS key store the kiosk uses, prints the report and exits (0, 3 with unrecoverable cases, 1).
 */
async function runRecoverCases(
  command: Extract<ReturnType<typeof parseShellCommand>, { kind: 'recover-cases' }>,
  options: ShellOptions,
): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    process.stderr.write(
      'Kommunkiosk is running: stop it first (systemctl stop kommunkiosk, or close it from staff mode).\n',
    );
    app.exit(1);
    return;
  }
  // the OS key store needs the app ready, which on Linux needs a display; a Linux kiosk without a
  // display (cage, run over ssh) has no keyring either and uses its key file
  const headless = process.platform === 'linux' && !options.env.DISPLAY && !options.env.WAYLAND_DISPLAY;
  if (!headless) await app.whenReady();
  const code = await runCaseRecovery({
    config: loadConfig(resolveConfigPath(options.argv, options.env).file),
    defaultDataDir: command.dataDir ?? defaultDataDir(options.env),
    keyWrapper: headless ? undefined : safeStorageKeyWrapper(),
    deliver: command.deliver,
    deliverTimeoutMs: command.deliverTimeoutMs,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  app.exit(code);
}

async function createKioskOrOutOfOrder(
  config: ConfigResult,
  platform: Platform,
  shell: ShellOptions,
  simulators: EmbeddedSimulators,
  processFaults: ProcessFaults,
): Promise<Kiosk> {
  const options = {
    platform,
    processFaults,
    defaultDataDir: defaultDataDir(shell.env),
    version: app.getVersion(),
    resourcesDir: shell.resourcesDir,
    // the embedded defaults (simulated BankID and register) for `mode: simulator`, where this build has them
    ...(simulators.available ? { startEmbedded: simulators.start } : {}),
  };
  try {
    return await createKiosk({ ...options, config });
  } catch (err) {
    // e.g. the data folder cannot be created: show "Ur funktion" with the reason, log to stderr
    const reason = errorMessage(err);
    process.stderr.write(`Kommunkiosk could not start its core: ${reason}\n`);
    const { logger, redactor } = createLogger({ level: 'info', destination: process.stderr });
    const dataDir =
      config.ok && config.config.dataDir ? resolveFrom(config.baseDir, config.config.dataDir) : options.defaultDataDir;
    return createKiosk({
      ...options,
      config: {
        ok: false,
        file: config.file,
        problems: [
          { key: 'dataDir', value: JSON.stringify(dataDir), expected: `a folder the kiosk can write to (${reason})` },
        ],
      },
      logger,
      redactor,
    });
  }
}

/**
 * Starts the kiosk. Returns null when the process must not open a window (`--check-config`, a
 * second instance, a usage error); the process is then already exiting.
 */
export async function startShell(options: ShellOptions): Promise<RunningShell | null> {
  const command = parseShellCommand(options.argv);
  if (command.kind === 'usage-error') {
    process.stderr.write(`${command.message}\n`);
    app.exit(2);
    return null;
  }
  if (command.kind === 'check-config') {
    await runCheckConfig(command.args, options.resourcesDir);
    return null;
  }
  if (command.kind === 'recover-cases') {
    await runRecoverCases(command, options);
    return null;
  }
  // from here on no stray error ends the kiosk: it is logged and counted (docs/architecture.md, "Fault policy")
  const processFaults = installProcessFaultHandlers();

  app.enableSandbox();
  registerAppScheme();

  let window: BrowserWindow | null = null;
  const currentWindow = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);
  const currentContents = (): WebContents | null => currentWindow()?.webContents ?? null;

  if (!acquireSingleInstance(currentWindow)) {
    app.quit();
    return null;
  }

  await app.whenReady();
  Menu.setApplicationMenu(null);

  const simulators = embeddedSimulators(options.simulatorsModule);
  const config = loadConfig(resolveConfigPath(options.argv, options.env).file, {
    modeWithoutFile: simulators.available ? 'demo' : 'production',
    defaultDataDir: defaultDataDir(options.env),
  });
  const session = electronSession.fromPartition(KIOSK_PARTITION);
  const platform = createElectronPlatform(session, currentContents, () => app.quit());
  const kiosk = await createKioskOrOutOfOrder(config, platform, options, simulators, processFaults);
  processFaults.useLogger(kiosk.logger);
  const logger = kiosk.logger.child({ component: 'shell' });
  if (!config.ok) logger.error({ file: config.file }, 'configuration invalid; showing "Ur funktion"');

  app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents, logger));
  app.on('child-process-gone', (_event, details) => {
    logger.warn(
      { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name },
      'child process gone',
    );
  });
  lockDownSession(session, logger, (request) => kiosk.mediaPermission(request, APP_ORIGIN));
  serveRenderer(session, options.rendererDir);
  const binding = bindContract(kiosk, currentContents);

  const mode = windowModeFor(config, app.isPackaged);
  window = createKioskWindow({
    mode,
    preload: options.preload,
    devTools: !app.isPackaged,
    title: 'Kommunkiosk',
    logger,
  });
  guardWindowClose(app, window, mode, logger);
  const recovery = watchRenderer(window.webContents, kiosk, {
    giveUp: () => app.exit(1),
    // the dead page's session ends; a page that died before it opened one still gets a reset visit
    endVisit: async () => {
      if (!(await binding.endSession('renderer_restart'))) await kiosk.sessions.closeCurrent('renderer_restart');
    },
  });
  endSessionWhenPageGoes(window.webContents, binding);
  window.on('closed', () => {
    window = null;
  });

  let closed = false;
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    binding.dispose();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([recovery.settled().then(() => kiosk.close()), timeout])
      .catch(() => undefined)
      .finally(() => app.exit(0));
  });
  const quit = (): void => app.quit();
  process.once('SIGTERM', quit);
  process.once('SIGINT', quit);

  try {
    await window.loadURL(START_URL);
  } catch (err) {
    logger.error({ err }, 'the start screen could not be loaded');
  }
  logger.info({ kiosk: mode.kiosk, packaged: app.isPackaged }, 'kiosk window open');
  return { kiosk, window: currentWindow };
}
