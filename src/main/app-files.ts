/**
 * Serving the built renderer (out/renderer) for the `app://` protocol: the kiosk's static file server
 * and security policy (src/serving), on the app's origin only. Plain Node and WHATWG fetch types, so
 * it is tested without Electron.
 */
import { contentSecurityPolicy, securityHeaders } from '../serving/security-policy';
import { answerStatic, resolveStaticFile } from '../serving/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Headers of every `app://` answer: the renderer talks to core over IPC, so connect-src is 'self' only. */
export const APP_RESPONSE_HEADERS = securityHeaders(contentSecurityPolicy());

/**
 * The file below `root` that an `app://kiosk/…` URL names, or null when the URL is not on the app's
 * origin, is malformed, or would reach outside `root`.
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST || parsed.port !== '')
    return null;
  return resolveStaticFile(root, parsed.pathname);
}

/** A `protocol.handle` handler serving files below `root` (out/renderer; inside app.asar when packaged). */
export function createAppFileHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await answerStatic(request.method, resolveAppFile(root, request.url));
    const body = answer.body === null ? null : new Uint8Array(answer.body);
    return new Response(body, {
      status: answer.status,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': answer.contentType },
    });
  };
}
