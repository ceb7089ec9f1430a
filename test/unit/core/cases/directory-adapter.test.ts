import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectoryAdapter, documentFileNames } from '../../../../src/core/cases/delivery/directory-adapter';
import { deliveryItemFrom, makeDraft, silentLogger, tempDir } from './case-fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function setup(): { root: string; dir: string } {
  const t = tempDir('kk-dir-');
  cleanup = t.remove;
  return { root: t.dir, dir: path.join(t.dir, 'share') };
}

const signal = () => new AbortController().signal;

describe('directory adapter', () => {
  it('writes envelope.json and the PDF into <dir>/<reference>/ atomically, leaving no temporary files', async () => {
    const { dir } = setup();
    mkdirSync(dir);
    const draft = makeDraft();
    const item = deliveryItemFrom(draft, 'AB-CDEF-7');
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: false },
      { logger: silentLogger() },
    );
    expect(await a.deliver(item, signal())).toEqual({
      kind: 'delivered',
      receiverReference: 'share/AB-CDEF-7',
      duplicate: false,
    });
    expect(readdirSync(dir)).toEqual(['AB-CDEF-7']);
    const folder = path.join(dir, 'AB-CDEF-7');
    expect(readdirSync(folder).sort()).toEqual(['arende.pdf', 'envelope.json']);
    const envelope = JSON.parse(readFileSync(path.join(folder, 'envelope.json'), 'utf8')) as {
      idempotencyKey: string;
      answers: unknown;
      documents: Array<{ name: string; base64?: string }>;
    };
    expect(envelope.idempotencyKey).toBe(item.idempotencyKey);
    expect(envelope.answers).toEqual(draft.answers);
    expect(envelope.documents[0]).not.toHaveProperty('base64');
    expect(readFileSync(path.join(folder, 'arende.pdf')).equals(Buffer.from(draft.documents[0]!.bytes))).toBe(true);
  });

  it('an attempt repeated after a crash finds its own case there and counts it delivered, once', async () => {
    const { dir } = setup();
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: true },
      { logger: silentLogger() },
    );
    const item = deliveryItemFrom(makeDraft(), 'AB-CDEF-7');
    await a.deliver(item, signal());
    expect(await a.deliver(item, signal())).toMatchObject({ kind: 'delivered', duplicate: true });
    expect(readdirSync(dir)).toEqual(['AB-CDEF-7']);
  });

  it('does not overwrite another case that has the same reference (another kiosk on the share): dead letter', async () => {
    const { dir } = setup();
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: true },
      { logger: silentLogger() },
    );
    await a.deliver(deliveryItemFrom(makeDraft(), 'AB-CDEF-7'), signal());
    const before = readFileSync(path.join(dir, 'AB-CDEF-7', 'envelope.json'));
    expect((await a.deliver(deliveryItemFrom(makeDraft(), 'AB-CDEF-7'), signal())).kind).toBe('rejected');
    expect(readFileSync(path.join(dir, 'AB-CDEF-7', 'envelope.json')).equals(before)).toBe(true);
  });

  it('a share that is not mounted means offline (it is not created under the mount point)', async () => {
    const { dir } = setup();
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: false },
      { logger: silentLogger() },
    );
    expect(await a.deliver(deliveryItemFrom(makeDraft()), signal())).toMatchObject({ kind: 'retry', offline: true });
    expect(await a.probe(signal())).toBe(false);
    mkdirSync(dir);
    expect(await a.probe(signal())).toBe(true);
  });

  it('a file where the folder should be is offline, not a crash', async () => {
    const { dir } = setup();
    writeFileSync(dir, 'not a folder');
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: true },
      { logger: silentLogger() },
    );
    expect(await a.deliver(deliveryItemFrom(makeDraft()), signal())).toMatchObject({ kind: 'retry', offline: true });
  });

  it('removes temporary folders a crashed attempt left (they hold personal data), but not fresh ones', async () => {
    const { dir } = setup();
    mkdirSync(path.join(dir, '.tmp-OLD-1'), { recursive: true });
    writeFileSync(path.join(dir, '.tmp-OLD-1', 'envelope.json'), '{"answers":"Astrid"}');
    const old = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(path.join(dir, '.tmp-OLD-1'), old, old);
    mkdirSync(path.join(dir, '.tmp-NEW-1'));
    const a = createDirectoryAdapter(
      { type: 'directory', format: 'envelope', dir, createDir: false },
      { logger: silentLogger() },
    );
    await a.deliver(deliveryItemFrom(makeDraft(), 'AB-CDEF-7'), signal());
    expect(readdirSync(dir).sort()).toEqual(['.tmp-NEW-1', 'AB-CDEF-7']);
  });

  it('keeps document names plain and unique', () => {
    expect(documentFileNames(['envelope.json', '../../etc/passwd', 'a.pdf', 'a.pdf', '.hidden'])).toEqual([
      '1-envelope.json',
      '.._.._etc_passwd'.replace(/^\.+/, '_'),
      'a.pdf',
      '4-a.pdf',
      '_hidden',
    ]);
  });
});
