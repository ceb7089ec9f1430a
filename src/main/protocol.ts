/**
 * The `app://` protocol: registered as a standard, secure scheme before the app is ready (so the
 * renderer gets a real origin, storage and a secure context), and handled on the kiosk's session by
 * serving the built renderer.
 *
 * Not granted: `bypassCSP` (our CSP applies), `corsEnabled` (nothing else may read app:// across
 * origins), `allowServiceWorkers`, `stream`. Same-origin module scripts need none of them.
 */
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './app-origin';
import { createAppFileHandler } from './app-files';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` as `app://kiosk/` on the given session (the window's partition). */
export function serveRenderer(session: Session, rendererDir: string): void {
  if (session.protocol.isProtocolHandled(APP_SCHEME)) session.protocol.unhandle(APP_SCHEME);
  session.protocol.handle(APP_SCHEME, createAppFileHandler(rendererDir));
}
