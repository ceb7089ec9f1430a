/**
 * The visitor's confirmation e-mail, against a real SMTP server (smtp-server, STARTTLS, login): sent
 * once the case has reached the municipality — not while it waits — through the relay; says the
 * e-service, the reference, the date and Mina sidor, never the answers or the personnummer; is retried
 * like a delivery; and the address is encrypted at rest and erased once sent or given up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { confirmationMailText } from '../../../../src/core/cases/confirmation/confirmation-mail';
import { createCaseService, type CaseService } from '../../../../src/core/cases/service';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { answer, makeDraft, recordingLogger, silentLogger, tempDir } from './case-fixtures';
import { MAIL_PASSWORD, MAIL_USER, startMailServer } from './mail-server';

let pki: TestPki;
let work: { dir: string; remove(): void };
let caFile: string;
let passFile: string;
const cleanups: Array<() => unknown> = [];

beforeAll(() => {
  pki = createTestPki({ name: 'Mail relay', clientName: 'kiosk-test-client' });
  work = tempDir('kk-confirm-');
  caFile = path.join(work.dir, 'ca.pem');
  passFile = path.join(work.dir, 'relay-pass');
  writeFileSync(caFile, pki.caCertPem);
  writeFileSync(passFile, `${MAIL_PASSWORD}\n`);
});
afterAll(() => work.remove());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CONTEXT = {
  municipality: 'Testby kommun',
  minaSidorUrl: 'https://minasidor.testby.se/arenden?ref={reference}',
  contact: { phone: '08-123 45 00', email: 'kontakt@testby.se' },
};

function service(relayPort: number, extra: { outbox?: string; logger?: ReturnType<typeof silentLogger> } = {}) {
  const t = tempDir();
  cleanups.push(() => t.remove());
  const s: CaseService = createCaseService({
    dataDir: t.dir,
    config: {
      backoff: { baseMs: 100, capMs: 200 },
      ...(extra.outbox ? { delivery: { targets: { local: { type: 'directory', dir: extra.outbox } } } } : {}),
      confirmation: {
        host: '127.0.0.1',
        port: relayPort,
        auth: { user: MAIL_USER, passFile },
        caFile,
        from: 'Testby kommun <noreply@testby.se>',
        timeoutMs: 5000,
      },
    },
    logger: extra.logger ?? silentLogger(),
    emit: () => {},
    confirmationContext: CONTEXT,
  });
  cleanups.push(() => s.close());
  return { service: s, dataDir: t.dir };
}

const visitorAnswers = () => [
  answer('beskrivning', 'Hemlig beskrivning av ärendet', 'textarea'),
  answer('epost', 'astrid@example.se', 'email'),
];

describe('confirmation e-mail', () => {
  it('is sent over TLS once the case is delivered: service, reference, date, Mina sidor; no answers, no personnummer', async () => {
    const relay = await startMailServer(pki);
    cleanups.push(() => relay.close());
    const { service: s } = service(relay.port);
    const stored = s.queue.submit(
      makeDraft({ answers: visitorAnswers(), confirmation: { email: 'astrid@example.se', language: 'sv' } }),
    );
    await s.worker.whenIdle();
    await s.confirmations?.whenIdle();
    expect(relay.mails).toHaveLength(1);
    const mail = relay.mails[0]!;
    expect(mail.to).toEqual(['astrid@example.se']);
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe(MAIL_USER);
    const raw = mail.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain(stored.reference);
    expect(raw).toContain('minasidor.testby.se/arenden?ref=3D' + stored.reference);
    expect(raw).not.toContain('198112189876');
    expect(raw).not.toContain('Hemlig beskrivning');
    expect(raw).toMatch(/Auto-Submitted: auto-generated/);
  });

  it('says it in Swedish, English, and English for an Arabic visitor', () => {
    const base = {
      email: 'a@example.se',
      reference: 'K7-4F9Q-2',
      flowTitle: { sv: 'Felanmälan', en: 'Report a fault' },
      submittedAt: '2025-03-01T09:30:00.000Z',
      deliveredAt: '2025-03-01T09:31:00.000Z',
    };
    const sv = confirmationMailText({ ...base, language: 'sv' }, CONTEXT);
    expect(sv.subject).toBe('Vi har tagit emot ditt ärende K7-4F9Q-2');
    expect(sv.text).toContain('Vi har nu mottagit ditt ärende!');
    expect(sv.text).toContain('E-tjänst: Felanmälan');
    expect(sv.text).toContain('Inlämnat: 1 mars 2025 kl. 10:30');
    const en = confirmationMailText({ ...base, language: 'en' }, CONTEXT);
    expect(en.text).toContain('E-service: Report a fault');
    expect(confirmationMailText({ ...base, language: 'ar' }, CONTEXT)).toEqual(en);
  });

  it('is not sent while the case only waits in the kiosk (the municipality is unreachable)', async () => {
    const relay = await startMailServer(pki);
    cleanups.push(() => relay.close());
    const { service: s } = service(relay.port, { outbox: path.join(work.dir, 'not-mounted', 'inkorg') });
    s.queue.submit(
      makeDraft({ answers: visitorAnswers(), confirmation: { email: 'astrid@example.se', language: 'sv' } }),
    );
    await s.worker.whenIdle();
    await s.confirmations?.whenIdle();
    expect(s.queue.stats().waiting).toBe(1);
    expect(relay.mails).toHaveLength(0);
  });

  it('is retried after the relay refuses for now (4xx), then sent; the address is encrypted and then erased', async () => {
    let refusals = 2;
    const relay = await startMailServer(pki, {
      onRcptTo(_address, _session, callback) {
        if (refusals > 0) {
          refusals -= 1;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        } else callback();
      },
    });
    cleanups.push(() => relay.close());
    const { logger, lines } = recordingLogger();
    const { service: s, dataDir } = service(relay.port, { logger });
    s.queue.submit(
      makeDraft({ answers: visitorAnswers(), confirmation: { email: 'astrid@example.se', language: 'en' } }),
    );
    await s.worker.whenIdle();
    // pending: the address is in the database, encrypted
    const db = () => readFileSync(path.join(dataDir, 'cases.sqlite')).toString('latin1') + readWal(dataDir);
    for (let i = 0; i < 50 && relay.mails.length === 0; i++) {
      expect(db()).not.toContain('astrid@example.se');
      await new Promise((r) => setTimeout(r, 100));
      await s.confirmations?.whenIdle();
    }
    expect(relay.mails).toHaveLength(1);
    expect(refusals).toBe(0);
    s.queue.checkpoint();
    expect(db()).not.toContain('astrid@example.se');
    expect(lines()).not.toContain('astrid@example.se');
    expect(lines()).toContain('confirmation e-mail failed; will retry');
  });

  it('gives up on a permanent refusal (5xx), erasing the address, and never for a case that asked for none', async () => {
    const relay = await startMailServer(pki, {
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      },
    });
    cleanups.push(() => relay.close());
    const { service: s } = service(relay.port);
    s.queue.submit(
      makeDraft({ answers: visitorAnswers(), confirmation: { email: 'nobody@example.se', language: 'sv' } }),
    );
    s.queue.submit(makeDraft({ answers: visitorAnswers(), confirmation: null }));
    await s.worker.whenIdle();
    await s.confirmations?.whenIdle();
    expect(s.queue.confirmations.nextDueAt()).toBeNull();
    expect(relay.mails).toHaveLength(0);
  });

  it('needs a signed-in visitor: the queue refuses a confirmation without identification', () => {
    const { service: s } = service(1);
    expect(() =>
      s.queue.submit(
        makeDraft({ identification: null, signing: null, confirmation: { email: 'a@example.se', language: 'sv' } }),
      ),
    ).toThrow(/not valid/);
  });
});

function readWal(dataDir: string): string {
  try {
    return readFileSync(path.join(dataDir, 'cases.sqlite-wal')).toString('latin1');
  } catch {
    return '';
  }
}
