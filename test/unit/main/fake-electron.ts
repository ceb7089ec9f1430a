/**
 * A stand-in for the `electron` module in unit tests (`vi.mock('electron', () => import('./fake-electron'))`).
 * Each fake records what the shell did with it: options, handlers, listeners, calls. Only the parts
 * of Electron's API the shell uses exist; calling anything else fails the test loudly.
 */
import { EventEmitter } from 'node:events';

/** An Electron-style event object whose preventDefault is observable. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebFrame {
  parent: FakeWebFrame | null = null;
  destroyed = false;
  constructor(
    public url: string,
    readonly processId: number,
    readonly routingId: number,
  ) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let nextProcessId = 10;

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeWebFrame;
  readonly sent: unknown[][] = [];
  readonly loadedUrls: string[] = [];
  readonly zoomFactors: number[] = [];
  visualZoomLimits: [number, number] | null = null;
  crashCount = 0;
  destroyed = false;
  historyCleared = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly navigationHistory = {
    clear: (): void => {
      this.historyCleared += 1;
    },
  };

  constructor() {
    super();
    const pid = nextProcessId++;
    this.mainFrame = new FakeWebFrame('about:blank', pid, 1);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.mainFrame.url = url;
  }
  forcefullyCrashRenderer(): void {
    this.crashCount += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return false;
  }
  setZoomFactor(factor: number): void {
    this.zoomFactors.push(factor);
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  menuRemoved = false;
  shown = false;
  focused = 0;
  minimized = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused += 1;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  displayMediaRequestHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  readonly beforeRequest: Array<{ filter: { urls: string[] }; listener: BeforeRequestListener }> = [];
  readonly cleared: string[] = [];
  readonly handledProtocols = new Map<string, (request: Request) => Promise<Response>>();

  constructor(readonly partition: string) {
    super();
  }

  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequestListener): void => {
      this.beforeRequest.push({ filter, listener });
    },
  };
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>): void => {
      this.handledProtocols.set(scheme, handler);
    },
    unhandle: (scheme: string): void => {
      this.handledProtocols.delete(scheme);
    },
    isProtocolHandled: (scheme: string): boolean => this.handledProtocols.has(scheme),
  };

  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: (details: unknown) => boolean): void {
    this.devicePermissionHandler = h;
  }
  setDisplayMediaRequestHandler(h: (request: unknown, callback: (streams: unknown) => void) => void): void {
    this.displayMediaRequestHandler = h;
  }
  async clearStorageData(): Promise<void> {
    this.cleared.push('storage');
  }
  async clearCache(): Promise<void> {
    this.cleared.push('cache');
  }
  async clearAuthCache(): Promise<void> {
    this.cleared.push('auth-cache');
  }
  async clearData(): Promise<void> {
    this.cleared.push('all-data');
  }
}

const sessions = new Map<string, FakeSession>();
export const session = {
  fromPartition(partition: string): FakeSession {
    let s = sessions.get(partition);
    if (!s) sessions.set(partition, (s = new FakeSession(partition)));
    return s;
  },
};

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstance = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  getVersion(): string {
    return '9.9.9-test';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}
export const app = new FakeApp();

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
};

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
};

/** Reversible stand-in for OS encryption, so wrap/unwrap round trips can be checked. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(text, 'utf8').toString('hex')}`);
  },
  decryptString(blob: Buffer): string {
    const s = blob.toString();
    if (!s.startsWith('enc:')) throw new Error('not encrypted by this store');
    return Buffer.from(s.slice(4), 'hex').toString('utf8');
  },
};

// --- renderer side (preload) ---
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: {} });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return this.answer(channel, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

/** Puts every fake back to its first state (call in beforeEach). */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances = [];
  sessions.clear();
  ipcMain.handlers.clear();
  app.removeAllListeners();
  app.isPackaged = false;
  app.singleInstance = true;
  app.sandboxEnabled = false;
  app.quitCalls = 0;
  app.exitCodes = [];
  Menu.applicationMenu = undefined;
  protocol.privileged = [];
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.answer = async () => ({ ok: true, value: {} });
}

export { FakeBrowserWindow as BrowserWindow };
