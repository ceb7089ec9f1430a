/**
 * The case journal: a second durable record of every case that got a receipt and is not yet delivered,
 * kept apart from the SQLite database, so no receipted case depends on one file.
 *
 * One file per case, `<journalDir>/<reference>.case`, written (temporary file, fsync, rename) before the
 * database commit and so before the receipt; removed once the receiver has the
 * case (or staff discard it). Each file is self-contained: the case's metadata, its payload encrypted
 * exactly as in the database, the database's data key as wrapped by the platform's key store, and a
 * SHA-256 over all of it. So a damaged file costs one case at most, its name still tells which case
 * (for the list of cases to follow up), and a database that is lost or damaged can be rebuilt from the
 * journal with the key file (or key store) alone.
 *
 * Layout: ["KKJ1"][u32 header length][header JSON][encrypted payload][SHA-256 of everything before].
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const MAGIC = Buffer.from('KKJ1', 'ascii');
const HASH_BYTES = 32;
const SUFFIX = '.case';
/** Where records that cannot be read are moved by the recovery (kept for IT, out of the kiosk's way). */
export const UNREADABLE_FOLDER = 'unreadable';

const headerSchema = z
  .object({
    v: z.literal(1),
    id: z.string().min(1),
    reference: z.string().min(1),
    idempotencyKey: z.string().min(1),
    flowId: z.string().min(1),
    deliveryTarget: z.string().min(1),
    submittedAt: z.number().int(),
    storedAt: z.number().int(),
    dataKey: z.object({ kind: z.string().min(1), wrapped: z.string().min(1) }).strict(),
  })
  .strict();

export interface JournalRecord {
  id: string;
  reference: string;
  idempotencyKey: string;
  flowId: string;
  deliveryTarget: string;
  submittedAt: number;
  storedAt: number;
  /** The data key of the payload, as the key store wrapped it (the same bytes the database holds). */
  dataKey: { kind: string; wrapped: Buffer };
  /** The encrypted payload (payload-crypto format, the case id as associated data). */
  blob: Buffer;
}

export type JournalEntry =
  | { reference: string; file: string; ok: true; record: JournalRecord }
  | { reference: string; file: string; ok: false; problem: string };

export function encodeJournalRecord(r: JournalRecord): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      v: 1,
      id: r.id,
      reference: r.reference,
      idempotencyKey: r.idempotencyKey,
      flowId: r.flowId,
      deliveryTarget: r.deliveryTarget,
      submittedAt: r.submittedAt,
      storedAt: r.storedAt,
      dataKey: { kind: r.dataKey.kind, wrapped: r.dataKey.wrapped.toString('base64') },
    }),
    'utf8',
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length, 0);
  const body = Buffer.concat([MAGIC, length, header, r.blob]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The record in `bytes`, or why it cannot be read (never a partial record). */
export function decodeJournalRecord(
  bytes: Buffer,
): { ok: true; record: JournalRecord } | { ok: false; problem: string } {
  if (bytes.length < MAGIC.length + 4 + HASH_BYTES) return { ok: false, problem: `truncated (${bytes.length} bytes)` };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, problem: 'not a journal record' };
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  const hash = bytes.subarray(bytes.length - HASH_BYTES);
  if (!createHash('sha256').update(body).digest().equals(hash)) return { ok: false, problem: 'checksum mismatch' };
  const headerLength = body.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + headerLength > body.length) return { ok: false, problem: 'header length out of range' };
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(body.subarray(start, start + headerLength).toString('utf8')));
  } catch {
    return { ok: false, problem: 'header unreadable' };
  }
  const { v: _v, dataKey, ...meta } = header;
  return {
    ok: true,
    record: {
      ...meta,
      dataKey: { kind: dataKey.kind, wrapped: Buffer.from(dataKey.wrapped, 'base64') },
      blob: Buffer.from(body.subarray(start + headerLength)),
    },
  };
}

/** Flushes a folder's entry list (a rename or unlink is durable only then); not possible on Windows. */
function fsyncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class CaseJournal {
  constructor(readonly dir: string) {}

  fileOf(reference: string): string {
    return path.join(this.dir, `${reference}${SUFFIX}`);
  }

  /** Creates the folder (0700) and removes temporary files a crash left behind. */
  prepare(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /** Writes a record durably: when this returns, the file is on disk under its final name. */
  write(record: JournalRecord): void {
    const file = this.fileOf(record.reference);
    const tmp = path.join(this.dir, `.${record.reference}${SUFFIX}.${process.pid}.tmp`);
    const bytes = encodeJournalRecord(record);
    let fd: number | null = null;
    try {
      fd = openSync(tmp, 'w', 0o600);
      writeSync(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      // no fsync of the folder here: the database commit that follows flushes ext4's journal, which makes
      // the rename durable with it; where it does not, a power cut in that instant loses this copy only,
      // and the next start writes it again from the database (CaseQueue.completeJournal)
      renameSync(tmp, file);
    } catch (err) {
      if (fd !== null) closeSync(fd);
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** Removes the record of a case (delivered, discarded, or never committed). A missing file is fine. */
  remove(reference: string): void {
    rmSync(this.fileOf(reference), { force: true });
  }

  has(reference: string): boolean {
    return existsSync(this.fileOf(reference));
  }

  /** The references of every record in the folder (none when the folder does not exist). */
  references(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names
      .filter((n) => n.endsWith(SUFFIX) && !n.startsWith('.'))
      .map((n) => n.slice(0, -SUFFIX.length))
      .sort();
  }

  read(reference: string): JournalEntry {
    const file = this.fileOf(reference);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      return {
        reference,
        file,
        ok: false,
        problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      };
    }
    const decoded = decodeJournalRecord(bytes);
    if (!decoded.ok) return { reference, file, ok: false, problem: decoded.problem };
    if (decoded.record.reference !== reference) {
      return { reference, file, ok: false, problem: `holds case ${decoded.record.reference}, not ${reference}` };
    }
    return { reference, file, ok: true, record: decoded.record };
  }

  entries(): JournalEntry[] {
    return this.references().map((r) => this.read(r));
  }

  /**
   * Moves a record that cannot be read out of the kiosk's way, into `unreadable/` (kept for IT).
   * Returns where it went.
   */
  setAside(reference: string): string {
    const folder = path.join(this.dir, UNREADABLE_FOLDER);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    let target = path.join(folder, `${reference}${SUFFIX}`);
    for (let n = 2; existsSync(target); n++) target = path.join(folder, `${reference}-${n}${SUFFIX}`);
    renameSync(this.fileOf(reference), target);
    fsyncFolder(this.dir);
    return target;
  }
}
