import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerStatic, resolveStaticFile } from '../../../src/serving/static-files';

let dir: string;
let root: string;
const SECRET = 'top secret outside the renderer';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-static-'));
  root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(path.join(root, 'assets', 'a.woff2'), 'font');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As the browser host asks: the pathname of an http://127.0.0.1 URL. */
const pathname = (p: string): string => new URL(p, 'http://127.0.0.1').pathname;

describe('the static file server of both shells', () => {
  it('serves / and folders as index.html, with the file type', async () => {
    const answer = await answerStatic('GET', resolveStaticFile(root, pathname('/')));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/html; charset=utf-8');
    expect(answer.body?.toString()).toContain('<title>Kiosk</title>');
    expect((await answerStatic('GET', resolveStaticFile(root, '/assets/a.woff2'))).contentType).toBe('font/woff2');
  });

  it('answers HEAD without a body, other methods with 405, folders and missing files with 404', async () => {
    const file = resolveStaticFile(root, '/index.html');
    expect(await answerStatic('HEAD', file)).toMatchObject({ status: 200, body: null });
    expect((await answerStatic('POST', file)).status).toBe(405);
    expect((await answerStatic('GET', path.join(root, 'assets'))).status).toBe(404);
    expect((await answerStatic('GET', resolveStaticFile(root, '/nope.js'))).status).toBe(404);
    expect((await answerStatic('GET', null)).status).toBe(404);
  });

  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/C:%5cWindows',
  ])('the host gets the same strict path checks as app:// (%s)', async (p) => {
    expect(resolveStaticFile(root, pathname(p))).toBeNull();
    const answer = await answerStatic('GET', resolveStaticFile(root, pathname(p)));
    expect(answer.status).toBe(404);
    expect(answer.body?.toString()).not.toContain(SECRET);
  });
});
