/**
 * Encryption at rest of case payloads: AES-256-GCM with a fresh random 12-byte nonce for every write
 * and the case id as associated data, so a payload copied onto another case's row does not decrypt.
 *
 * Stored blob: [1 byte format version = 1][12 bytes nonce][ciphertext][16 bytes GCM tag].
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;
const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;

/** The payload cannot be decrypted: wrong key, wrong case, or the stored bytes were changed. */
export class PayloadUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadUnreadableError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== DATA_KEY_BYTES) throw new RangeError(`the data key must be ${DATA_KEY_BYTES} bytes`);
}

export function encryptPayload(key: Buffer, caseId: string, plaintext: Uint8Array): Buffer {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(caseId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_VERSION]), nonce, body, cipher.getAuthTag()]);
}

export function decryptPayload(key: Buffer, caseId: string, blob: Uint8Array): Buffer {
  checkKey(key);
  const data = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (data.length < HEADER_BYTES + TAG_BYTES) throw new PayloadUnreadableError('the stored payload is truncated');
  if (data[0] !== FORMAT_VERSION) throw new PayloadUnreadableError(`unknown payload format version ${String(data[0])}`);
  const nonce = data.subarray(1, HEADER_BYTES);
  const tag = data.subarray(data.length - TAG_BYTES);
  const body = data.subarray(HEADER_BYTES, data.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(caseId, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new PayloadUnreadableError('the payload failed authentication (wrong key, wrong case id or altered bytes)');
  }
}
