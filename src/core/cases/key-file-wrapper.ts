/**
 * A `KeyWrapper` backed by a key file: a 32-byte key-encryption key that wraps the data key with
 * AES-256-GCM. The host uses it with a key file in its data folder; an Electron kiosk without a real
 * key store uses a key file that IT provisions (`openssl rand -base64 32 > cases.key; chmod 600 cases.key`).
 *
 * The file must be a regular file that others may not access, and that no group may access either —
 * except the deployment docs' `root:kiosk 0640`: owned by root, readable (only) by a group the kiosk's
 * user belongs to, so the kiosk can read its key but cannot change or delete it. Checked on POSIX; on
 * Windows the file's ACL is IT's job. A file that does not match the database gives a clear error and
 * nothing is deleted.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { KeyWrapper } from '../platform';

const KEK_BYTES = 32;
const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('kommunkiosk/data-key/v1', 'utf8');

/** What is wrong with the key file, for the staff screen and the out-of-order reason. */
export type KeyFileProblem = 'missing' | 'unreadable' | 'unprotected' | 'invalid' | 'wrong_key';

export class KeyFileError extends Error {
  constructor(
    message: string,
    readonly problem: KeyFileProblem = 'invalid',
  ) {
    super(message);
    this.name = 'KeyFileError';
  }
}

export interface KeyFileWrapperOptions {
  file: string;
  /** Generate the key file (mode 0600) when it is missing. */
  create: boolean;
  /**
   * Encrypted cases that exist without the key file (the case database, journal records), described
   * for the message; set, the key file is never created: a new key cannot read them.
   */
  existingData?: string | null;
  /** Override the platform check (tests); default process.platform. */
  platform?: NodeJS.Platform;
  /** The kiosk user's groups (tests); default this process's. */
  groups?: readonly number[];
}

function decodeKey(raw: Buffer, file: string): Buffer {
  if (raw.length === KEK_BYTES) return raw;
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === KEK_BYTES) return key;
  }
  throw new KeyFileError(
    `The key file ${file} does not hold a 32-byte key (expected 32 raw bytes, 64 hex digits or base64 of 32 bytes; found ${raw.length} bytes). ` +
      'Create one with: openssl rand -base64 32',
    'invalid',
  );
}

function createKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(KEK_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What a key file's owner and mode need from the checks: a `fs.Stats` has them. */
export interface KeyFileStat {
  mode: number;
  uid: number;
  gid: number;
}

/** The groups this process's user belongs to (empty where the platform has no such notion). */
export function processGroups(): number[] {
  const groups = typeof process.getgroups === 'function' ? process.getgroups() : [];
  return typeof process.getgid === 'function' ? [process.getgid(), ...groups] : groups;
}

/**
 * Why a key file is not protected well enough, or null: others may not touch it; a group may only read
 * it when the file belongs to root and the group is one of the kiosk user's (`root:kiosk 0640`).
 */
export function keyFileAccessProblem(stat: KeyFileStat, groups: readonly number[] = processGroups()): string | null {
  const mode = stat.mode & 0o777;
  const octal = mode.toString(8).padStart(4, '0');
  if ((mode & 0o007) !== 0) return `has mode ${octal}: others can access it`;
  if ((mode & 0o070) === 0) return null;
  if ((mode & 0o070) === 0o040 && stat.uid === 0 && groups.includes(stat.gid)) return null;
  return `has mode ${octal}: a group can access it (allowed only as root:kiosk 0640: owned by root, read-only for the kiosk's group)`;
}

function loadKey(options: KeyFileWrapperOptions): Buffer {
  const { file } = options;
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new KeyFileError(`The key file ${file} cannot be read: ${(err as Error).message}`, 'unreadable');
    }
    if (options.existingData) {
      throw new KeyFileError(
        `The key file ${file} is missing, but ${options.existingData} was encrypted with it. ` +
          'Restore that key file (from the backup made at installation); a new key cannot read those cases, so none is created.',
        'missing',
      );
    }
    if (!options.create) {
      throw new KeyFileError(
        `The key file ${file} is missing. IT must provision it (openssl rand -base64 32 > ${file}; chmod 600 ${file}).`,
        'missing',
      );
    }
    createKeyFile(file);
    stat = statSync(file);
  }
  if (!stat.isFile()) throw new KeyFileError(`The key file ${file} is not a regular file.`, 'invalid');
  if ((options.platform ?? process.platform) !== 'win32') {
    const problem = keyFileAccessProblem(stat, options.groups);
    if (problem)
      throw new KeyFileError(
        `The key file ${file} ${problem}. Refusing to start. Fix it with: chmod 600 ${file}`,
        'unprotected',
      );
  }
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    throw new KeyFileError(`The key file ${file} cannot be read: ${(err as Error).message}`, 'unreadable');
  }
  return decodeKey(raw, file);
}

export function createKeyFileWrapper(options: KeyFileWrapperOptions): KeyWrapper {
  const kek = loadKey(options);
  const { file } = options;
  return {
    kind: 'key-file',
    protects: true,
    wrap(key: Buffer): Buffer {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), nonce, body, cipher.getAuthTag()]);
    },
    unwrap(blob: Buffer): Buffer {
      if (blob.length < 1 + NONCE_BYTES + TAG_BYTES || blob[0] !== FORMAT_VERSION) {
        throw new KeyFileError('The wrapped data key was not made by a key file (unknown format).', 'wrong_key');
      }
      const nonce = blob.subarray(1, 1 + NONCE_BYTES);
      const tag = blob.subarray(blob.length - TAG_BYTES);
      const body = blob.subarray(1 + NONCE_BYTES, blob.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        throw new KeyFileError(
          `The key file ${file} is not the key this database was created with (authentication failed).`,
          'wrong_key',
        );
      }
    },
  };
}
