/**
 * What only the shell can do. Main passes Electron's implementation, host passes Node's. Core never
 * knows which one it has.
 */
export interface KeyWrapper {
  /** e.g. 'safeStorage:dpapi', 'key-file' */
  readonly kind: string;
  /** false when the backend protects nothing (Electron's basic_text): core then refuses to use it. */
  readonly protects: boolean;
  wrap(key: Buffer): Buffer;
  unwrap(blob: Buffer): Buffer;
}

export interface Platform {
  readonly name: 'electron' | 'host';
  /** Clears cookies, local/session storage, IndexedDB, caches and history of the visitor's session. */
  clearBrowserData(): Promise<void>;
  /** Wraps the data key of the case store; undefined → core uses the key file from config. */
  keyWrapper?: KeyWrapper;
  /** Shuts the kiosk down (staff mode's "Stäng av"); absent where the shell cannot (the browser host). */
  quit?: () => void;
}
