import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver, type ReceiverOptions } from '../../../src/simulators/receiver/server';
import { request } from './support/https-json';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kk-receiver-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function receiver(options: Partial<ReceiverOptions> = {}): Promise<Receiver> {
  const r = await startReceiver({ dir: options.dir ?? dir(), ...options });
  cleanups.push(() => r.close());
  return r;
}

function envelope(key = randomUUID(), reference = 'AB-CDEF-7'): Record<string, unknown> {
  const pdf = Buffer.from('%PDF-1.7 test');
  return {
    envelopeVersion: 2,
    flow: { id: 'bygglov', version: 1 },
    reference,
    idempotencyKey: key,
    submittedAt: '2025-03-01T09:30:00.000Z',
    kioskId: 'k1',
    answers: { a: 1 },
    identification: null,
    signing: null,
    assistedBy: null,
    documents: [
      {
        name: 'arende.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        base64: pdf.toString('base64'),
      },
    ],
  };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const env = body as { idempotencyKey?: string };
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(env.idempotencyKey ? { 'idempotency-key': env.idempotencyKey } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('receiver simulator', () => {
  it('stores envelope, documents and receipt in a folder before answering with its reference', async () => {
    const r = await receiver();
    const env = envelope();
    const res = await post(r.casesUrl, env);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ receiverReference: 'MOTT-000001' });
    const [stored] = r.stored();
    expect(readdirSync(stored!.folder).sort()).toEqual(['arende.pdf', 'envelope.json', 'receipt.json']);
    expect(readFileSync(path.join(stored!.folder, 'arende.pdf'), 'utf8')).toBe('%PDF-1.7 test');
    expect(JSON.parse(readFileSync(path.join(stored!.folder, 'envelope.json'), 'utf8'))).toEqual(env);
  });

  it('stores a case once per Idempotency-Key: replays the receipt (default) or answers 409', async () => {
    const r = await receiver();
    const env = envelope();
    await post(r.casesUrl, env);
    const again = await post(r.casesUrl, env);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual({ receiverReference: 'MOTT-000001' });

    const c = await receiver({ duplicates: 'conflict' });
    await post(c.casesUrl, env);
    const dup = await post(c.casesUrl, env);
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ receiverReference: 'MOTT-000001' });
    expect(r.stored()).toHaveLength(1);
    expect(c.stored()).toHaveLength(1);
  });

  it('stores concurrent requests for one key once, and remembers keys across a restart', async () => {
    const d = dir();
    const r = await startReceiver({ dir: d });
    const env = envelope();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(r.casesUrl, env).then((x) => x.json())));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await r.close();
    const again = await receiver({ dir: d });
    expect(await (await post(again.casesUrl, env)).json()).toEqual({ receiverReference: 'MOTT-000001' });
    expect(await (await post(again.casesUrl, envelope())).json()).toEqual({ receiverReference: 'MOTT-000002' });
    expect(readdirSync(d).filter((f) => !f.startsWith('.'))).toHaveLength(2);
  });

  it('refuses what it cannot take, with a short error code', async () => {
    const r = await receiver({ maxBodyBytes: 10_000 });
    const env = envelope();
    expect((await post(r.casesUrl, env, { 'content-type': 'text/plain' })).status).toBe(415);
    const noKey = await fetch(r.casesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(env),
    });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toEqual({ error: 'missing_idempotency_key' });
    expect((await post(r.casesUrl, env, { 'idempotency-key': randomUUID() })).status).toBe(400);
    expect((await post(r.casesUrl, { ...env, envelopeVersion: 3 })).status).toBe(422);
    const docs = (env.documents as Array<Record<string, unknown>>).map((d) => ({ ...d, sha256: '0'.repeat(64) }));
    expect(await (await post(r.casesUrl, { ...env, documents: docs })).json()).toEqual({
      error: 'document_checksum_mismatch',
    });
    expect((await post(r.casesUrl, '{not json', { 'idempotency-key': randomUUID() })).status).toBe(400);
    expect((await post(r.casesUrl, { ...env, answers: 'x'.repeat(20_000) })).status).toBe(413);
    expect(r.stored()).toHaveLength(0);
  });

  it('injects faults through its control endpoint; ack_lost stores but never answers', async () => {
    const r = await receiver();
    const set = await fetch(`${r.url}/_control/faults`, {
      method: 'POST',
      body: JSON.stringify({
        faults: [
          { kind: 'ack_lost', times: 1 },
          { kind: 'status', status: 503, times: 1 },
        ],
      }),
    });
    expect(await set.json()).toEqual({ faults: 2 });
    const env = envelope();
    await expect(post(r.casesUrl, env)).rejects.toThrow();
    expect(r.stored()).toHaveLength(1);
    expect((await post(r.casesUrl, env)).status).toBe(503);
    expect((await post(r.casesUrl, env)).status).toBe(200);
    const stats = (await (await fetch(`${r.url}/_control/stats`)).json()) as {
      counters: { stored: number; duplicates: number; faults: number };
    };
    expect(stats.counters).toMatchObject({ stored: 1, duplicates: 1, faults: 2 });
  });

  it('runs as its own process: prints its URL first and stops on SIGTERM', async () => {
    const d = dir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/simulators/receiver/cli.ts', '--dir', path.join(d, 'in'), '--quiet'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const lines = createInterface({ input: child.stdout });
    const url = await new Promise<string>((resolve) => lines.once('line', resolve));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cases$/);
    expect((await post(url, envelope())).status).toBe(200);
    expect(existsSync(path.join(d, 'in'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('with --tls it serves HTTPS trusted through the CA file it prints, and only through that', async () => {
    const d = dir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/simulators/receiver/cli.ts', '--dir', path.join(d, 'in'), '--tls', '--quiet'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const lines = createInterface({ input: child.stdout });
    const [url, caFile] = await new Promise<string[]>((resolve) => {
      const got: string[] = [];
      lines.on('line', (line) => {
        got.push(line);
        if (got.length === 2) resolve(got);
      });
    });
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/cases$/);
    expect(caFile).toBe(path.join(d, 'receiver-ca.pem'));
    const env = envelope();
    const send = (ca?: string) =>
      request(url ?? '', {
        method: 'POST',
        body: JSON.stringify(env),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': env.idempotencyKey as string },
        ...(ca ? { ca } : {}),
      });
    const answer = await send(readFileSync(caFile ?? '', 'utf8'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ receiverReference: 'MOTT-000001' });
    // without the printed CA the test certificate is not trusted
    await expect(send()).rejects.toThrow(/certificate/i);
    child.kill('SIGTERM');
  });
});
