/**
 * Serving the built renderer from a folder, for both shells: the Electron `app://` protocol
 * (src/main/app-files.ts) and the browser host (src/host/server.ts). A URL path maps to a file below
 * the root; anything that would leave it (`..`, encoded separators, NUL, drive letters) or is not a
 * file is not found. Only GET and HEAD are answered.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

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

const TEXT = 'text/plain; charset=utf-8';

/**
 * The file below `root` that a URL's pathname (still percent-encoded, as `new URL(…).pathname`
 * gives it) names; a folder means its index.html. Null when malformed or outside `root`.
 */
export function resolveStaticFile(root: string, pathname: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
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

export interface StaticAnswer {
  status: 200 | 404 | 405;
  contentType: string;
  /** Null for HEAD. */
  body: Buffer | null;
}

/**
 * The answer to a request for `file` (from resolveStaticFile; null: nothing that may be served).
 * Never throws.
 */
export async function answerStatic(method: string, file: string | null): Promise<StaticAnswer> {
  if (method !== 'GET' && method !== 'HEAD')
    return { status: 405, contentType: TEXT, body: Buffer.from('Method not allowed') };
  const notFound: StaticAnswer = { status: 404, contentType: TEXT, body: Buffer.from('Not found') };
  if (!file) return notFound;
  try {
    if (!(await stat(file)).isFile()) return notFound;
    const body = await readFile(file);
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, contentType, body: method === 'HEAD' ? null : body };
  } catch {
    return notFound;
  }
}
