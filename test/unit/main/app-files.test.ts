import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFileHandler, resolveAppFile } from '../../../src/main/app-files';
import { isAppUrl, START_URL } from '../../../src/main/app-origin';
import { contentSecurityPolicy } from '../../../src/serving/security-policy';

/** The app's policy is the kiosk's one policy (src/serving) as it is, with nothing added to connect-src. */
const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;
const SECRET = 'top secret outside the renderer';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-app-files-'));
  root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(dir, 'renderer-evil.txt'), SECRET);
  handler = createAppFileHandler(root);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the start page with the app CSP and hardening headers', async () => {
    const res = await get(START_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Kiosk</title>');
    expect(res.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("uses the host's policy with connect-src limited to the app itself (no WebSocket)", async () => {
    const sent = directives((await get(START_URL)).headers.get('content-security-policy') ?? '');
    const host = directives(contentSecurityPolicy(['ws://127.0.0.1:4567']));
    expect(sent['connect-src']).toBe("'self'");
    expect(host['connect-src']).toBe("'self' ws://127.0.0.1:4567");
    expect({ ...sent, 'connect-src': '' }).toEqual({ ...host, 'connect-src': '' });
  });

  it('serves assets with their types, and / as index.html', async () => {
    const js = await get('app://kiosk/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://kiosk/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get('app://kiosk/')).text()).toContain('<title>Kiosk</title>');
    expect((await get('app://kiosk/index.html?lang=en#x')).status).toBe(200);
  });

  it('answers 404 for missing files and folders, with the CSP still set', async () => {
    const res = await get('app://kiosk/nope.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect((await get('app://kiosk/assets')).status).toBe(404);
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/%2E%2E/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/..%2Fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/%2e%2e%5csecret.txt',
    'app://kiosk/assets%2f..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://kiosk/../renderer-evil.txt',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://evil/index.html',
    'app://kiosk:8080/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('never resolves a path outside the renderer folder', () => {
    // the URL parser folds leading dot segments away, as a browser does: the path stays inside
    for (const url of [
      'app://kiosk/../../etc/passwd',
      'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
      'app://kiosk/assets/../../../etc/passwd',
    ]) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveAppFile(root, 'app://kiosk/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'app://kiosk/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('only reads: other methods get 405', async () => {
    expect((await get(START_URL, 'POST')).status).toBe(405);
    expect((await get(START_URL, 'PUT')).status).toBe(405);
    const head = await get(START_URL, 'HEAD');
    expect(head.status).toBe(200);
  });
});

describe('app origin', () => {
  it('is recognised with the URL parser, not by prefix', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('APP://KIOSK/index.html')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/')).toBe(false);
    expect(isAppUrl('app://kiosk@evil/')).toBe(false);
    expect(isAppUrl('app://evil/?app://kiosk/')).toBe(false);
    expect(isAppUrl('https://kiosk/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});
