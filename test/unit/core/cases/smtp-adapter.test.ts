import { validateFgsPackage } from '../../../support/fgs-validation';
import { FGS_CONTEXT } from './case-fixtures';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedSmtpTarget } from '../../../../src/core/cases/config';
import type { DeliveryAdapter } from '../../../../src/core/cases/delivery/adapter';
import { classifySmtpError, createSmtpAdapter } from '../../../../src/core/cases/delivery/smtp-adapter';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { startMailServer, type ReceivedMail } from './mail-server';
import { deliveryItemFrom, makeDraft, silentLogger, tempDir } from './case-fixtures';

let pki: TestPki;
let work: { dir: string; remove(): void };
let caFile: string;
let passFile: string;
const open: Array<{ close(): Promise<void> }> = [];

beforeAll(() => {
  pki = createTestPki({ name: 'Mail server', clientName: 'kiosk-test-client' });
  work = tempDir('kk-smtp-');
  caFile = path.join(work.dir, 'ca.pem');
  passFile = path.join(work.dir, 'smtp-pass');
  writeFileSync(caFile, pki.caCertPem);
  writeFileSync(passFile, 'kiosk-lösen\n');
});
afterAll(() => work.remove());
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function mailServer(extra: Partial<SMTPServerOptions> = {}): Promise<{ port: number; mails: ReceivedMail[] }> {
  const server = await startMailServer(pki, extra);
  open.push(server);
  return server;
}

function adapter(port: number, extra: Partial<ResolvedSmtpTarget> = {}): DeliveryAdapter {
  const a = createSmtpAdapter(
    {
      type: 'smtp',
      format: 'envelope',
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      auth: { user: 'kiosk', passFile },
      from: 'kiosk@kommun.example',
      to: 'registrator@kommun.example',
      caFile,
      timeoutMs: 5000,
      ...extra,
    },
    { logger: silentLogger(), fgs: FGS_CONTEXT },
  );
  open.push(a);
  return a;
}

/** The decoded parts of a MIME message: headers (lower-case names) and body bytes. */
function mimeParts(raw: string): Array<{ headers: Record<string, string>; body: Buffer }> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      const headers: Record<string, string> = {};
      for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const text = rest.join('\n\n');
      const body = /base64/i.test(headers['content-transfer-encoding'] ?? '')
        ? Buffer.from(text.replace(/\s+/g, ''), 'base64')
        : Buffer.from(text);
      return { headers, body };
    });
}

const signal = () => new AbortController().signal;

describe('smtp adapter against a real SMTP server', () => {
  it('with format fgs sends one FGS package (zip) as the attachment, and the package validates', async () => {
    const server = await mailServer();
    const item = deliveryItemFrom(makeDraft());
    const outcome = await adapter(server.port, { format: 'fgs' }).deliver(item, signal());
    expect(outcome).toMatchObject({ kind: 'delivered' });
    const parts = mimeParts(server.mails[0]?.raw ?? '');
    const zip = parts.find((p) => /application\/zip/.test(p.headers['content-type'] ?? ''));
    expect(zip?.headers['content-disposition']).toContain(`uuid-${item.idempotencyKey}.zip`);
    expect(parts.some((p) => /envelope\.json/.test(p.headers['content-disposition'] ?? ''))).toBe(false);
    const result = validateFgsPackage(new Uint8Array(zip?.body ?? []));
    expect(result.problems, result.report.join('\n')).toEqual([]);
  }, 60_000);

  it('sends over STARTTLS with login: envelope.json and the PDF attached, Message-ID from the case id', async () => {
    const server = await mailServer();
    const draft = makeDraft();
    const item = deliveryItemFrom(draft);
    const outcome = await adapter(server.port).deliver(item, signal());
    expect(outcome).toMatchObject({ kind: 'delivered', duplicate: false });
    expect((outcome as { receiverReference: string }).receiverReference).toMatch(/^250/);
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('kiosk');
    expect(mail.to).toEqual(['registrator@kommun.example']);
    expect(mail.raw).toMatch(new RegExp(`^Message-ID: <${item.caseId}\\.case@kommun\\.example>`, 'mi'));
    expect(mail.raw).toMatch(new RegExp(`^X-Kommunkiosk-Idempotency-Key: ${item.idempotencyKey}`, 'mi'));
    const parts = mimeParts(mail.raw);
    const envelopePart = parts.find((p) => /envelope\.json/.test(p.headers['content-disposition'] ?? ''));
    const pdfPart = parts.find((p) => /arende\.pdf/.test(p.headers['content-disposition'] ?? ''));
    const envelope = JSON.parse(envelopePart?.body.toString('utf8') ?? '{}') as {
      answers: unknown;
      reference: string;
      documents: Array<{ base64?: string }>;
    };
    expect(envelope.answers).toEqual(draft.answers);
    expect(envelope.reference).toBe('K7-4F9Q-2');
    expect(envelope.documents[0]?.base64).toBeUndefined();
    expect(pdfPart?.body.equals(Buffer.from(draft.documents[0]!.bytes))).toBe(true);
    // the plain-text body carries no answers
    const textPart = parts.find((p) => /text\/plain/.test(p.headers['content-type'] ?? ''));
    expect(textPart?.body.toString('utf8')).not.toMatch(/Astrid|9876|Storgatan/);
  });

  it('every attempt of one case carries the same Message-ID, so the registry can drop the duplicate', async () => {
    const server = await mailServer();
    const a = adapter(server.port);
    const item = deliveryItemFrom(makeDraft());
    await a.deliver(item, signal());
    await a.deliver(item, signal());
    const ids = server.mails.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim());
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
  });

  it('never sends without TLS: a server that offers no STARTTLS means retry, and nothing was sent', async () => {
    const server = await mailServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const outcome = await adapter(server.port).deliver(deliveryItemFrom(makeDraft()), signal());
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/TLS/) as unknown });
    expect(server.mails).toHaveLength(0);
  });

  it('a mail server with a certificate outside the pinned CA is not trusted', async () => {
    const server = await mailServer();
    const other = path.join(work.dir, 'other-ca.pem');
    writeFileSync(other, createTestPki({ name: 'Someone else', clientName: 'x' }).caCertPem);
    const outcome = await adapter(server.port, { caFile: other }).deliver(deliveryItemFrom(makeDraft()), signal());
    expect(outcome.kind).toBe('retry');
    expect(server.mails).toHaveLength(0);
  });

  it('a permanent rejection of the recipient becomes a dead letter; a temporary one a retry', async () => {
    const permanent = await mailServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const rejected = await adapter(permanent.port).deliver(deliveryItemFrom(makeDraft()), signal());
    expect(rejected.kind).toBe('rejected');
    expect((rejected as { reason: string }).reason).toMatch(/550/);
    expect((rejected as { reason: string }).reason).not.toMatch(/registrator@/);

    const temporary = await mailServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      },
    });
    expect((await adapter(temporary.port).deliver(deliveryItemFrom(makeDraft()), signal())).kind).toBe('retry');
  });

  it('a wrong password is a retry with a clear reason (a target problem, not the case)', async () => {
    const server = await mailServer();
    const wrong = path.join(work.dir, 'wrong-pass');
    writeFileSync(wrong, 'fel');
    const outcome = await adapter(server.port, { auth: { user: 'kiosk', passFile: wrong } }).deliver(
      deliveryItemFrom(makeDraft()),
      signal(),
    );
    expect(outcome).toMatchObject({ kind: 'retry', offline: false });
  });

  it('a mail server that is down means offline; the probe agrees', async () => {
    const server = await mailServer();
    const port = server.port;
    await open.pop()?.close();
    const a = adapter(port);
    expect(await a.deliver(deliveryItemFrom(makeDraft()), signal())).toMatchObject({ kind: 'retry', offline: true });
    expect(await a.probe(signal())).toBe(false);
  });

  it('classifies nodemailer errors', () => {
    expect(
      classifySmtpError(
        Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <a@b.se> unknown' }),
      ).kind,
    ).toBe('rejected');
    expect(
      classifySmtpError(
        Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 503, response: '503 bad sequence' }),
      ).kind,
    ).toBe('retry');
    expect(
      classifySmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })),
    ).toMatchObject({ offline: true });
    expect(classifySmtpError(Object.assign(new Error('getaddrinfo ENOTFOUND mail'), { code: 'EDNS' }))).toMatchObject({
      offline: true,
    });
  });
});
