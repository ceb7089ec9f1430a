/**
 * Serving the built renderer (out/renderer) for the `app://` protocol: URL → file below the root,
 * refusing anything that would leave it, with the app's security headers on every answer. Plain
 * Node and WHATWG fetch types, so it is tested without Electron.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { APP_RESPONSE_HEADERS } from './content-security-policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/**
 * The file below `root` that an `app://kiosk/…` URL names, or null when the URL is not on the app's
 * origin, is malformed, or would reach outside `root` (`..`, encoded separators, NUL, drive letters).
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
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\') || /(^|\/)\.\.(\/|$)/.test(rel)) return null;
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  if (!file.startsWith(base + path.sep)) return null;
  return file;
}

function answer(status: number, body: string | Uint8Array | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body as ConstructorParameters<typeof Response>[0], {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': contentType },
  });
}

/** A `protocol.handle` handler serving files below `root` (out/renderer; inside app.asar when packaged). */
export function createAppFileHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
    const file = resolveAppFile(root, request.url);
    if (!file) return answer(404, 'Not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return answer(404, 'Not found');
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return answer(200, request.method === 'HEAD' ? null : new Uint8Array(body), type);
    } catch {
      return answer(404, 'Not found');
    }
  };
}
