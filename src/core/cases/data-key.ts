/**
 * The data key: 32 random bytes generated once per database, used for every payload, and stored only
 * wrapped by the platform's `KeyWrapper` (Electron safeStorage where it really protects, otherwise a
 * key file). The wrapped key lives inside the database it belongs to, so a database moved aside keeps
 * the key that opens it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyWrapper } from '../platform';
import { DATA_KEY_BYTES } from './payload-crypto';
import { errorMessage } from '../../contract/errors';

export type { KeyWrapper } from '../platform';

/** The data key cannot be made available: the kiosk must not start taking cases. */
export class DataKeyError extends Error {
  constructor(
    message: string,
    options?: { cause?: unknown },
    /** unprotected: the key store protects nothing; wrong_key: it cannot unwrap this database's key. */
    readonly problem: 'unprotected' | 'wrong_key' | 'store_failed' = 'store_failed',
  ) {
    super(message, options);
    this.name = 'DataKeyError';
  }
}

export interface WrappedDataKey {
  kind: string;
  wrapped: Buffer;
}

export function assertProtectingWrapper(wrapper: KeyWrapper): void {
  if (!wrapper.protects) {
    throw new DataKeyError(
      `The key store "${wrapper.kind}" does not protect the data key (it would be stored readable). ` +
        'Refusing to store cases: provision a key file (cases.keyFile, createKeyFile: false) or a real key store.',
      undefined,
      'unprotected',
    );
  }
}

/** Generates a fresh data key and wraps it; checks the wrapper gives the same key back. */
export function createDataKey(wrapper: KeyWrapper): { key: Buffer; record: WrappedDataKey } {
  assertProtectingWrapper(wrapper);
  const key = randomBytes(DATA_KEY_BYTES);
  const wrapped = wrapper.wrap(key);
  const back = wrapper.unwrap(wrapped);
  if (back.length !== DATA_KEY_BYTES || !timingSafeEqual(back, key)) {
    throw new DataKeyError(`The key store "${wrapper.kind}" did not give back the key it wrapped.`);
  }
  return { key, record: { kind: wrapper.kind, wrapped } };
}

/** Unwraps the stored data key; a wrong key store or key file gives a clear error and deletes nothing. */
export function unwrapDataKey(wrapper: KeyWrapper, record: WrappedDataKey, databaseFile: string): Buffer {
  assertProtectingWrapper(wrapper);
  let key: Buffer;
  try {
    key = wrapper.unwrap(record.wrapped);
  } catch (err) {
    const detail = errorMessage(err);
    throw new DataKeyError(
      `The data key of ${databaseFile} (wrapped by "${record.kind}") cannot be unwrapped by "${wrapper.kind}": ${detail} ` +
        'Nothing was deleted. Restore the key store or key file this database was created with; ' +
        'do not move the database aside: its waiting cases can be read only with that key.',
      { cause: err },
      'wrong_key',
    );
  }
  if (key.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(
      `The data key of ${databaseFile} unwrapped to ${key.length} bytes instead of ${DATA_KEY_BYTES}. Nothing was deleted.`,
      undefined,
      'wrong_key',
    );
  }
  return key;
}
