/** Shared pieces of the case tests: temp folders, a silent logger, drafts with known answers, a queue. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CaseDraft } from '../../../../src/core/cases/case-draft';
import type { DeliveryItem } from '../../../../src/core/cases/delivery/adapter';
import { createKeyFileWrapper } from '../../../../src/core/cases/key-file-wrapper';
import { CaseQueue, type CaseChange, type CaseQueueOptions } from '../../../../src/core/cases/queue';
import { createLogger, type Logger } from '../../../../src/core/log/logger';

export function tempDir(prefix = 'kk-cases-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function silentLogger(): Logger {
  return createLogger({ level: 'silent' }).logger;
}

/** A logger whose lines are kept for assertions. */
export function recordingLogger(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const { logger } = createLogger({ level: 'debug', destination });
  return { logger, lines: () => chunks.join('') };
}

let counter = 0;

/** A draft whose answers contain distinctive strings, so the tests can look for them on disk. */
export function makeDraft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  counter += 1;
  return {
    flowId: 'bygglov',
    flowVersion: 3,
    submittedAt: new Date('2025-03-01T09:30:00Z'),
    kioskId: 'kiosk-receptionen-1',
    answers: {
      namn: `Astrid Lindqvist-${counter}`,
      personnummer: '19811218-9876',
      adress: 'Storgatan 12, 123 45 Småstad',
      beskrivning: `Vill bygga ett uterum ${counter} med glastak`,
    },
    identification: {
      user: { personalNumber: '198112189876', name: 'Astrid Lindqvist' },
      device: { ipAddress: '192.0.2.10' },
    },
    signing: { signature: 'PHNpZ25hdHVyZT5zZWNyZXQ8L3NpZ25hdHVyZT4=', ocspResponse: 'MIIHfgoBAKCC' },
    assistedBy: null,
    documents: [
      {
        name: 'arende.pdf',
        mediaType: 'application/pdf',
        bytes: new TextEncoder().encode(`%PDF-1.7 Astrid Lindqvist ${counter}\n%%EOF`),
      },
    ],
    ...overrides,
  };
}

export interface TestQueue {
  queue: CaseQueue;
  dir: string;
  file: string;
  keyFile: string;
  changes: CaseChange[];
  reopen(options?: Partial<CaseQueueOptions>): CaseQueue;
  cleanup(): void;
}

export function openTestQueue(options: Partial<CaseQueueOptions> = {}): TestQueue {
  const t = tempDir();
  const file = path.join(t.dir, 'cases.sqlite');
  const keyFile = path.join(t.dir, 'cases.key');
  const changes: CaseChange[] = [];
  const open = (extra: Partial<CaseQueueOptions>): CaseQueue =>
    CaseQueue.open({
      file,
      keyWrapper: createKeyFileWrapper({ file: keyFile, create: true }),
      logger: silentLogger(),
      retentionDays: 30,
      targets: ['local', 'municipality'],
      defaultTarget: 'local',
      onChange: (c) => changes.push(c),
      ...options,
      ...extra,
    }).queue;
  const state: TestQueue = {
    queue: open({}),
    dir: t.dir,
    file,
    keyFile,
    changes,
    reopen(extra = {}) {
      if (state.queue.isOpen) state.queue.close();
      state.queue = open(extra);
      return state.queue;
    },
    cleanup() {
      if (state.queue.isOpen) state.queue.close();
      t.remove();
    },
  };
  return state;
}

/** A decrypted case as an adapter gets it, made from a draft. */
export function deliveryItemFrom(draft: CaseDraft, reference = 'K7-4F9Q-2'): DeliveryItem {
  const submittedAt =
    draft.submittedAt instanceof Date ? draft.submittedAt.toISOString() : new Date(draft.submittedAt).toISOString();
  return {
    caseId: randomUUID(),
    reference,
    idempotencyKey: randomUUID(),
    flowId: draft.flowId,
    payload: {
      flowVersion: draft.flowVersion,
      kioskId: draft.kioskId,
      submittedAt,
      answers: draft.answers,
      identification: draft.identification,
      signing: draft.signing ?? null,
      assistedBy: draft.assistedBy,
      documents: draft.documents,
    },
  };
}
