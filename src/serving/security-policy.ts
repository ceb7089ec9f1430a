/**
 * The kiosk's one security policy for the documents it serves, used by both shells: the Electron
 * `app://` protocol (src/main/app-files.ts), the browser host's HTTP server (src/host/server.ts) and,
 * through the renderer's build, the policy meta tag of index.html (electron.vite.config.ts).
 *
 * Everything comes from the app itself ('self'), nothing inline, nothing framed, no forms, no base
 * URL; images may also be data: URLs (the BankID QR code). The browser host's renderer talks to core
 * over a WebSocket, so it alone adds that socket to connect-src; Electron's renderer talks over IPC.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a browser ignores in a meta tag (and warns about): they are sent as headers only. */
const HEADER_ONLY = new Set(['frame-ancestors']);

/**
 * The Content-Security-Policy header. `connect` adds sources to connect-src (the host's
 * `ws://127.0.0.1:<port>`).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return DIRECTIVES.map(([name, value]) =>
    name === 'connect-src' && connect.length > 0 ? `${name} ${value} ${connect.join(' ')}` : `${name} ${value}`,
  ).join('; ');
}

/** The same policy as a meta tag can carry it (index.html), for a page opened without the headers. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Headers sent with every answer of either shell, with the given policy. */
export function securityHeaders(policy: string): Readonly<Record<string, string>> {
  return Object.freeze({
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
}

/** What src/renderer/index.html holds where the policy meta tag's content goes. */
export const POLICY_PLACEHOLDER = '%KIOSK_CONTENT_SECURITY_POLICY%';

/** index.html with the policy filled in (the renderer's build calls this; a missing placeholder is an error). */
export function withPolicyMeta(html: string): string {
  if (!html.includes(POLICY_PLACEHOLDER))
    throw new Error(`index.html has no ${POLICY_PLACEHOLDER} for its Content-Security-Policy meta tag`);
  return html.replaceAll(POLICY_PLACEHOLDER, META_CONTENT_SECURITY_POLICY);
}
