/**
 * Delivery into a folder (a mounted share of the municipality, or `<dataDir>/outbox` as the embedded
 * default): `<dir>/<reference>/envelope.json` plus the documents beside it. Atomic: everything is
 * written into a hidden temporary folder in the same directory, each file fsynced, and the folder
 * renamed into place, so a reader never sees half a case. A folder that already holds the same
 * idempotency key means an earlier attempt got there (the kiosk died before noting it): delivered.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import type { ResolvedDirectoryTarget } from '../config';
import { envelopeBytes } from '../envelope';
import { errorCodeOf, safeReason, type DeliveryAdapter, type DeliveryItem, type DeliveryOutcome } from './adapter';
import { createDeliveryFormatter, type FgsContext } from './delivery-format';

const TEMP_PREFIX = '.tmp-';
const STALE_TEMP_MS = 3_600_000;
const ENVELOPE_FILE = 'envelope.json';

async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A plain, unique file name for each document (never `envelope.json`, never a path). */
export function documentFileNames(names: readonly string[]): string[] {
  const used = new Set<string>([ENVELOPE_FILE]);
  return names.map((name, i) => {
    let base =
      name
        // eslint-disable-next-line no-control-regex
        .replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_')
        .replace(/^\.+/, '_')
        .slice(0, 120) || `document-${i + 1}`;
    while (used.has(base.toLowerCase())) base = `${i + 1}-${base}`;
    used.add(base.toLowerCase());
    return base;
  });
}

async function existingKey(folder: string): Promise<string | null | undefined> {
  try {
    const envelope = JSON.parse(await readFile(path.join(folder, ENVELOPE_FILE), 'utf8')) as {
      idempotencyKey?: unknown;
    };
    return typeof envelope.idempotencyKey === 'string' ? envelope.idempotencyKey : null;
  } catch (err) {
    if (errorCodeOf(err) === 'ENOENT') {
      try {
        await stat(folder);
        return null; // a folder without our envelope
      } catch {
        return undefined;
      }
    }
    return null;
  }
}

export function createDirectoryAdapter(
  target: ResolvedDirectoryTarget,
  options: { logger: Logger; fgs?: FgsContext | undefined },
): DeliveryAdapter {
  const dir = target.dir;
  const formatter = createDeliveryFormatter(target, options.fgs);
  let cleaned = false;

  async function ensureDir(): Promise<boolean> {
    try {
      return (await stat(dir)).isDirectory();
    } catch (err) {
      if (errorCodeOf(err) !== 'ENOENT' || !target.createDir) return false;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return true;
    }
  }

  /** Removes temporary folders an attempt left behind when the kiosk died (they hold personal data). */
  async function cleanStaleTemps(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    const now = Date.now();
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.name.startsWith(TEMP_PREFIX)) continue;
      const full = path.join(dir, entry.name);
      try {
        if (now - (await stat(full)).mtimeMs > STALE_TEMP_MS) await rm(full, { recursive: true, force: true });
      } catch (err) {
        options.logger.warn({ err, dir }, 'could not remove a stale temporary delivery folder');
      }
    }
  }

  async function alreadyThere(folder: string, item: DeliveryItem): Promise<DeliveryOutcome | null> {
    const key = await existingKey(folder);
    if (key === undefined) return null;
    if (key === item.idempotencyKey) return { kind: 'delivered', receiverReference: null, duplicate: true };
    return { kind: 'rejected', reason: `the folder already holds a different case named ${item.reference}` };
  }

  /**
   * FGS: `<dir>/uuid-<idempotency key>.zip`, written to a hidden temporary file, fsynced, renamed into
   * place. The name comes from the case's key, so a package already there is an earlier attempt.
   */
  async function writePackage(item: DeliveryItem, signal: AbortSignal): Promise<DeliveryOutcome> {
    const pkg = formatter.fgsPackage(item);
    const final = path.join(dir, pkg.fileName);
    try {
      await stat(final);
      return { kind: 'delivered', receiverReference: `${path.basename(dir)}/${pkg.fileName}`, duplicate: true };
    } catch (err) {
      if (errorCodeOf(err) !== 'ENOENT') throw err;
    }
    const temp = path.join(dir, `${TEMP_PREFIX}${pkg.objId}-${randomUUID()}.zip`);
    try {
      await writeDurably(temp, pkg.bytes);
      if (signal.aborted) throw Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
      await rename(temp, final);
      await syncDirectory(dir);
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
    }
    return { kind: 'delivered', receiverReference: `${path.basename(dir)}/${pkg.fileName}`, duplicate: false };
  }

  async function write(item: DeliveryItem, signal: AbortSignal): Promise<DeliveryOutcome> {
    if (!(await ensureDir())) {
      return {
        kind: 'retry',
        offline: true,
        reason: 'delivery folder is missing or not a folder (share not mounted?)',
      };
    }
    await cleanStaleTemps();
    if (formatter.format === 'fgs') return writePackage(item, signal);
    const folder = path.join(dir, item.reference);
    const earlier = await alreadyThere(folder, item);
    if (earlier) return earlier;

    const names = documentFileNames(item.payload.documents.map((d) => d.name));
    const renamed: DeliveryItem = {
      ...item,
      payload: {
        ...item.payload,
        documents: item.payload.documents.map((d, i) => ({ ...d, name: names[i] ?? d.name })),
      },
    };
    const envelope = envelopeBytes(formatter.envelope(renamed, false));
    const temp = path.join(dir, `${TEMP_PREFIX}${item.reference}-${randomUUID()}`);
    await mkdir(temp, { mode: 0o700 });
    try {
      for (const [i, doc] of renamed.payload.documents.entries()) {
        if (signal.aborted) throw Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
        await writeDurably(path.join(temp, names[i] ?? doc.name), doc.bytes);
      }
      await writeDurably(path.join(temp, ENVELOPE_FILE), envelope);
      await syncDirectory(temp);
      if (signal.aborted) throw Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
      try {
        await rename(temp, folder);
      } catch (err) {
        const code = errorCodeOf(err);
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') {
          const raced = await alreadyThere(folder, item);
          if (raced) return raced;
        }
        throw err;
      }
      await syncDirectory(dir);
      return { kind: 'delivered', receiverReference: `${path.basename(dir)}/${item.reference}`, duplicate: false };
    } finally {
      await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  return {
    type: 'directory',
    async deliver(item, signal) {
      try {
        return await write(item, signal);
      } catch (err) {
        const code = errorCodeOf(err) ?? 'error';
        if (code === 'ABORT_ERR')
          return { kind: 'retry', offline: false, reason: 'attempt stopped (kiosk shutting down)' };
        const offline = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EHOSTDOWN' || code === 'ESTALE';
        return { kind: 'retry', offline, reason: safeReason(`writing into the delivery folder failed: ${code}`) };
      }
    },
    async probe() {
      try {
        return await ensureDir();
      } catch {
        return false;
      }
    },
    close() {
      return Promise.resolve();
    },
  };
}
