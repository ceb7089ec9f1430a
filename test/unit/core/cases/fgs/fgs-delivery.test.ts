/**
 * `format: fgs` over the directory and HTTPS transports (SMTP: smtp-adapter.test.ts): the package lands
 * whole under its own name, an attempt repeated after a crash is recognised, and what arrived validates.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { casesConfigSchema } from '../../../../../src/core/cases/config';
import { createDirectoryAdapter } from '../../../../../src/core/cases/delivery/directory-adapter';
import { createHttpsAdapter } from '../../../../../src/core/cases/delivery/https-adapter';
import { startReceiver, type Receiver } from '../../../../../src/simulators/receiver/server';
import { validateFgsPackage } from '../../../../support/fgs-validation';
import { deliveryItemFrom, FGS_CONTEXT, makeDraft, silentLogger, tempDir } from '../case-fixtures';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const signal = () => new AbortController().signal;

describe('format fgs', () => {
  it('is a per-target choice, envelope by default, with a default classification', () => {
    const parsed = casesConfigSchema.parse({
      delivery: {
        targets: {
          arkiv: { type: 'directory', dir: '/mnt/arkiv', format: 'fgs', classification: '1.1' },
          kommun: { type: 'https', url: 'https://arende.kommun.example/cases' },
        },
        defaultTarget: 'kommun',
      },
    });
    expect(parsed.delivery.targets.arkiv).toMatchObject({ format: 'fgs', classification: '1.1' });
    expect(parsed.delivery.targets.kommun).toMatchObject({ format: 'envelope' });
    expect(
      casesConfigSchema.safeParse({ delivery: { targets: { a: { type: 'directory', format: 'zip' } } } }).success,
    ).toBe(false);
  });

  it('directory: writes <dir>/uuid-<key>.zip atomically; a second attempt finds it; it validates', async () => {
    const t = tempDir();
    cleanups.push(() => t.remove());
    const adapter = createDirectoryAdapter(
      { type: 'directory', dir: t.dir, createDir: false, format: 'fgs', classification: '9.9' },
      { logger: silentLogger(), fgs: FGS_CONTEXT },
    );
    const item = deliveryItemFrom(makeDraft());
    expect(await adapter.deliver(item, signal())).toMatchObject({ kind: 'delivered', duplicate: false });
    expect(readdirSync(t.dir)).toEqual([`uuid-${item.idempotencyKey}.zip`]);
    expect(await adapter.deliver(item, signal())).toMatchObject({ kind: 'delivered', duplicate: true });
    const result = validateFgsPackage(readFileSync(path.join(t.dir, `uuid-${item.idempotencyKey}.zip`)));
    expect(result.problems, result.report.join('\n')).toEqual([]);
    expect(result.envelope).toMatchObject({ flow: { classification: '9.9' } });
  }, 60_000);

  it('directory: removes a temporary package left by a crash once it is old', async () => {
    const t = tempDir();
    cleanups.push(() => t.remove());
    const stale = path.join(t.dir, '.tmp-uuid-x.zip');
    writeFileSync(stale, 'half');
    const { utimesSync } = await import('node:fs');
    utimesSync(stale, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    const adapter = createDirectoryAdapter(
      { type: 'directory', dir: t.dir, createDir: false, format: 'fgs' },
      { logger: silentLogger(), fgs: FGS_CONTEXT },
    );
    await adapter.deliver(deliveryItemFrom(makeDraft()), signal());
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  }, 60_000);

  it('https: posts application/zip with Content-Digest; the receiver checks and stores it once', async () => {
    const t = tempDir();
    cleanups.push(() => t.remove());
    const receiver: Receiver = await startReceiver({ dir: t.dir });
    cleanups.push(() => receiver.close());
    const adapter = createHttpsAdapter(
      { type: 'https', format: 'fgs', url: receiver.casesUrl, timeoutMs: 10_000 },
      { logger: silentLogger(), fgs: FGS_CONTEXT },
    );
    cleanups.push(() => adapter.close());
    const item = deliveryItemFrom(makeDraft());
    expect(await adapter.deliver(item, signal())).toMatchObject({
      kind: 'delivered',
      receiverReference: 'MOTT-000001',
    });
    expect(await adapter.deliver(item, signal())).toMatchObject({ kind: 'delivered' });
    expect(receiver.counters()).toMatchObject({ stored: 1, duplicates: 1 });
    const folder = receiver.stored()[0]?.folder as string;
    const zip = readFileSync(path.join(folder, `uuid-${item.idempotencyKey}.zip`));
    const result = validateFgsPackage(zip);
    expect(result.problems, result.report.join('\n')).toEqual([]);
  }, 60_000);
});
