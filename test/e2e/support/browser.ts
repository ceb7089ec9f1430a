import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Flags that keep Chromium quiet on a closed network (see the reference on the kiosk machine). */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium where present (Playwright cannot download its own here), Playwright's elsewhere. */
export function chromiumLaunchOptions(): LaunchOptions {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  const executablePath = candidates.find((p) => existsSync(p));
  return { ...(executablePath ? { executablePath } : {}), args: QUIET_CHROMIUM_ARGS };
}
