import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCasePayload, encodeCasePayload, type CasePayload } from '../../../../src/core/cases/case-payload';
import { answer, ASTRID, ASTRID_SIGNATURE } from './case-fixtures';
import { DataKeyError, createDataKey, unwrapDataKey } from '../../../../src/core/cases/data-key';
import { PayloadUnreadableError, decryptPayload, encryptPayload } from '../../../../src/core/cases/payload-crypto';
import type { KeyWrapper } from '../../../../src/core/platform';

const key = randomBytes(32);

describe('payload encryption (AES-256-GCM)', () => {
  it('round-trips and hides the plaintext', () => {
    const plaintext = Buffer.from('Astrid Lindqvist, Storgatan 12');
    const blob = encryptPayload(key, 'case-1', plaintext);
    expect(blob.includes(plaintext)).toBe(false);
    expect(blob.includes(Buffer.from('Astrid'))).toBe(false);
    expect(decryptPayload(key, 'case-1', blob).toString()).toBe(plaintext.toString());
  });

  it('uses a fresh nonce for every write', () => {
    const a = encryptPayload(key, 'case-1', Buffer.from('same'));
    const b = encryptPayload(key, 'case-1', Buffer.from('same'));
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('binds the payload to its case id (AAD): moved to another case it does not decrypt', () => {
    const blob = encryptPayload(key, 'case-1', Buffer.from('x'));
    expect(() => decryptPayload(key, 'case-2', blob)).toThrow(PayloadUnreadableError);
  });

  it('detects an altered byte and a wrong key', () => {
    const blob = encryptPayload(key, 'case-1', Buffer.from('hello world'));
    const altered = Buffer.from(blob);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(() => decryptPayload(key, 'case-1', altered)).toThrow(/authentication/);
    expect(() => decryptPayload(randomBytes(32), 'case-1', blob)).toThrow(PayloadUnreadableError);
    expect(() => decryptPayload(key, 'case-1', blob.subarray(0, 10))).toThrow(/truncated/);
  });
});

describe('case payload framing', () => {
  it('keeps answers, identification and document bytes exactly', () => {
    const pdf = randomBytes(5000);
    const payload: CasePayload = {
      flowVersion: 2,
      flowTitle: { sv: 'Felanmälan', en: 'Report a fault', ar: 'الإبلاغ عن عطل' },
      classification: '3.1',
      kioskId: 'k1',
      startedAt: null,
      submittedAt: '2025-03-01T09:30:00.000Z',
      language: 'ar',
      answers: [answer('a', 'å ä ö'), answer('val', ['x', 'y'], 'checkboxes')],
      identification: ASTRID,
      signing: ASTRID_SIGNATURE,
      assistedBy: 'staff-7',
      confirmation: { email: 'astrid@example.se', language: 'ar' },
      documents: [
        { name: 'a.pdf', kind: 'case', mediaType: 'application/pdf', bytes: new Uint8Array(pdf) },
        { name: 'empty.txt', kind: 'attachment', mediaType: 'text/plain', bytes: new Uint8Array(0) },
      ],
    };
    const back = decodeCasePayload(encodeCasePayload(payload));
    expect(back.answers).toEqual(payload.answers);
    expect(back.identification).toEqual(payload.identification);
    expect(back.signing).toEqual(payload.signing);
    expect(back.confirmation).toEqual(payload.confirmation);
    expect(back.flowTitle).toEqual(payload.flowTitle);
    expect(back.assistedBy).toBe('staff-7');
    expect(Buffer.from(back.documents[0]?.bytes ?? []).equals(pdf)).toBe(true);
    expect(back.documents[1]?.bytes.length).toBe(0);
  });
});

describe('a version 1 payload (queued by a kiosk before envelope version 2)', () => {
  it('is still read, converted to the typed values, so the case is delivered after an upgrade', () => {
    const items = [answer('beskrivning', 'Trasig lykta')];
    const header = {
      v: 1,
      flowVersion: 3,
      kioskId: 'k1',
      submittedAt: '2025-03-01T09:30:00.000Z',
      answers: { language: 'en', startedAt: '2025-03-01T09:20:00.000Z', items },
      identification: {
        method: 'bankid',
        personalNumber: '198112189876',
        name: 'Astrid Lindqvist',
        givenName: 'Astrid',
        surname: 'Lindqvist',
      },
      signing: {
        method: 'bankid-sign',
        documentHash: ASTRID_SIGNATURE.documentHash,
        signedText: 'text',
        completedAt: '2025-03-01T09:29:00.000Z',
        completionData: { signature: 'c2ln', ocspResponse: 'b2NzcA==', user: { personalNumber: '198112189876' } },
      },
      assistedBy: null,
      documents: [{ name: 'a.pdf', mediaType: 'application/pdf', length: 3 }],
    };
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const back = decodeCasePayload(Buffer.concat([length, json, Buffer.from('PDF')]), 'felanmalan');
    expect(back).toMatchObject({
      flowVersion: 3,
      flowTitle: { sv: 'felanmalan', en: 'felanmalan' },
      language: 'en',
      startedAt: '2025-03-01T09:20:00.000Z',
      answers: items,
      identification: { method: 'bankid', personalNumber: '198112189876', givenName: 'Astrid' },
      signing: { method: 'bankid', signedAt: '2025-03-01T09:29:00.000Z', signature: 'c2ln', ocspResponse: 'b2NzcA==' },
      confirmation: null,
    });
    expect(back.documents[0]).toMatchObject({ name: 'a.pdf', kind: 'case' });
  });

  it('is refused (a dead letter for staff, not a crash) when it does not match its schema', () => {
    const json = Buffer.from(JSON.stringify({ v: 2, flowVersion: 'x' }));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    expect(() => decodeCasePayload(Buffer.concat([length, json]))).toThrow(/does not match its schema/);
  });
});

describe('data key', () => {
  const xorWrapper = (protects: boolean): KeyWrapper => ({
    kind: 'test-xor',
    protects,
    wrap: (k) => Buffer.from(k.map((b) => b ^ 0x5a)),
    unwrap: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
  });

  it('is generated once, wrapped, and unwraps to the same 32 bytes', () => {
    const { key: k, record } = createDataKey(xorWrapper(true));
    expect(k.length).toBe(32);
    expect(record.wrapped.equals(k)).toBe(false);
    expect(unwrapDataKey(xorWrapper(true), record, 'db').equals(k)).toBe(true);
  });

  it('refuses a key store that does not protect (Electron basic_text)', () => {
    expect(() => createDataKey(xorWrapper(false))).toThrow(DataKeyError);
    expect(() => createDataKey(xorWrapper(false))).toThrow(/does not protect/);
  });

  it('explains a wrapper that cannot unwrap, naming the database, and says nothing was deleted', () => {
    const { record } = createDataKey(xorWrapper(true));
    const failing: KeyWrapper = {
      ...xorWrapper(true),
      kind: 'other',
      unwrap: () => {
        throw new Error('keyring locked');
      },
    };
    expect(() => unwrapDataKey(failing, record, '/data/cases.sqlite')).toThrow(
      /\/data\/cases\.sqlite.*keyring locked.*Nothing was deleted/s,
    );
  });
});
