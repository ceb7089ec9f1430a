import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileError, createKeyFileWrapper, keyFileAccessProblem } from '../../../../src/core/cases/key-file-wrapper';
import { tempDir } from './case-fixtures';

const posix = process.platform !== 'win32';
let cleanup: () => void = () => {};
afterEach(() => cleanup());

function dir(): string {
  const t = tempDir();
  cleanup = t.remove;
  return t.dir;
}

describe('key file wrapper', () => {
  it('creates a 0600 key file when allowed, and wraps/unwraps with it', () => {
    const file = path.join(dir(), 'sub', 'cases.key');
    const wrapper = createKeyFileWrapper({ file, create: true });
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(wrapper.protects).toBe(true);
    expect(wrapper.kind).toBe('key-file');
    const dataKey = randomBytes(32);
    const wrapped = wrapper.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(createKeyFileWrapper({ file, create: false }).unwrap(wrapped).equals(dataKey)).toBe(true);
  });

  it('refuses to start without a provisioned key file, saying how to make one', () => {
    const file = path.join(dir(), 'cases.key');
    expect(() => createKeyFileWrapper({ file, create: false })).toThrow(KeyFileError);
    expect(() => createKeyFileWrapper({ file, create: false })).toThrow(/missing.*openssl rand -base64 32/);
  });

  it.skipIf(!posix)('refuses a key file others or a foreign group can read, naming the file and its mode', () => {
    const file = path.join(dir(), 'cases.key');
    writeFileSync(file, randomBytes(32).toString('base64'));
    chmodSync(file, 0o644);
    expect(() => createKeyFileWrapper({ file, create: false })).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has mode 0644`),
    );
    chmodSync(file, 0o640);
    // the kiosk's user is not in the file's group
    expect(() => createKeyFileWrapper({ file, create: false, groups: [] })).toThrow(/mode 0640.*chmod 600/);
    chmodSync(file, 0o600);
    expect(() => createKeyFileWrapper({ file, create: false })).not.toThrow();
  });

  it("accepts the deployment docs' root:kiosk 0640, and nothing looser", () => {
    const kioskGroup = 1001;
    const rootKiosk = (mode: number, uid = 0, gid = kioskGroup) =>
      keyFileAccessProblem({ mode: 0o100000 | mode, uid, gid }, [kioskGroup]);
    expect(rootKiosk(0o600)).toBeNull();
    expect(rootKiosk(0o400)).toBeNull();
    expect(rootKiosk(0o640)).toBeNull();
    expect(rootKiosk(0o440)).toBeNull();
    expect(rootKiosk(0o660)).toMatch(/mode 0660: a group can access it/); // the group could rewrite the key
    expect(rootKiosk(0o650)).toMatch(/a group can access it/);
    expect(rootKiosk(0o644)).toMatch(/mode 0644: others can access it/);
    expect(rootKiosk(0o640, 1001)).toMatch(/a group can access it/); // not root's: the kiosk could change it anyway, and the group is loose
    expect(rootKiosk(0o640, 0, 2000)).toMatch(/a group can access it/); // a group the kiosk is not in
  });

  it('accepts IT-provisioned keys as base64, hex or 32 raw bytes; refuses other lengths', () => {
    const d = dir();
    const raw = randomBytes(32);
    const forms = { 'b64.key': `${raw.toString('base64')}\n`, 'hex.key': raw.toString('hex'), 'raw.key': raw };
    const wrapped = createKeyFileWrapper({ file: path.join(d, 'k0'), create: true });
    void wrapped;
    const blobs: Buffer[] = [];
    for (const [name, content] of Object.entries(forms)) {
      const file = path.join(d, name);
      writeFileSync(file, content, { mode: 0o600 });
      const w = createKeyFileWrapper({ file, create: false });
      blobs.push(w.wrap(Buffer.alloc(32, 7)));
    }
    // the same key in three spellings opens each other's wraps
    const hex = createKeyFileWrapper({ file: path.join(d, 'hex.key'), create: false });
    for (const b of blobs) expect(hex.unwrap(b).equals(Buffer.alloc(32, 7))).toBe(true);
    const short = path.join(d, 'short.key');
    writeFileSync(short, 'abc', { mode: 0o600 });
    expect(() => createKeyFileWrapper({ file: short, create: false })).toThrow(/does not hold a 32-byte key/);
  });

  it('a different key file gives a clear error and leaves the file alone', () => {
    const d = dir();
    const a = path.join(d, 'a.key');
    const b = path.join(d, 'b.key');
    const blob = createKeyFileWrapper({ file: a, create: true }).wrap(randomBytes(32));
    const other = createKeyFileWrapper({ file: b, create: true });
    const before = readFileSync(b);
    expect(() => other.unwrap(blob)).toThrow(/b\.key is not the key this database was created with/);
    expect(readFileSync(b).equals(before)).toBe(true);
  });
});
