/**
 * The Content-Security-Policy of every document served from `app://`. The same policy as the browser
 * host's header (src/host/server.ts) except that the renderer talks to core over IPC, so it needs no
 * WebSocket: connect-src is 'self' only. Sent as a response header by the protocol handler; the
 * renderer's index.html carries the same policy as a meta tag.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every `app://` response. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
});
