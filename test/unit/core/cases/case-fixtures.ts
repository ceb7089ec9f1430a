/** Shared pieces of the case tests: temp folders, a silent logger, drafts with known answers, a queue. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CaseAnswer, CaseIdentification, CaseSigning } from '../../../../src/contract/delivery/envelope';
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

/** One answered field as the flow engine records it (type text unless said otherwise). */
export function answer(fieldId: string, value: CaseAnswer['value'], type: CaseAnswer['type'] = 'text'): CaseAnswer {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    stepId: 'steg-1',
    stepTitle: { sv: 'Uppgifter', en: 'Details' },
    fieldId,
    type,
    label: { sv: `Fråga ${fieldId}`, en: `Question ${fieldId}` },
    value,
    displayValue: { sv: text, en: text },
  };
}

/** The value of a field in a draft's answers. */
export function answerOf(draft: Pick<CaseDraft, 'answers'>, fieldId: string): string {
  const found = draft.answers.find((a) => a.fieldId === fieldId);
  return typeof found?.value === 'string' ? found.value : '';
}

export const ASTRID: CaseIdentification = {
  method: 'bankid',
  personalNumber: '198112189876',
  name: 'Astrid Lindqvist',
  givenName: 'Astrid',
  surname: 'Lindqvist',
};

export const ASTRID_SIGNATURE: CaseSigning = {
  method: 'bankid',
  signedAt: '2025-03-01T09:29:40.000Z',
  documentHash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  signedText: '# Ansökan om bygglov\n\nBeskrivning: uterum',
  signature: 'PHNpZ25hdHVyZT5zZWNyZXQ8L3NpZ25hdHVyZT4=',
  ocspResponse: 'MIIHfgoBAKCC',
};

/** A draft whose answers contain distinctive strings, so the tests can look for them on disk. */
export function makeDraft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  counter += 1;
  return {
    flowId: 'bygglov',
    flowVersion: 3,
    flowTitle: { sv: 'Ansökan om bygglov', en: 'Building permit application' },
    classification: null,
    startedAt: '2025-03-01T09:20:00.000Z',
    submittedAt: new Date('2025-03-01T09:30:00Z'),
    language: 'sv',
    kioskId: 'kiosk-receptionen-1',
    answers: [
      answer('namn', `Astrid Lindqvist-${counter}`),
      answer('personnummer', '19811218-9876'),
      answer('adress', 'Storgatan 12, 123 45 Småstad'),
      answer('beskrivning', `Vill bygga ett uterum ${counter} med glastak`, 'textarea'),
    ],
    identification: ASTRID,
    signing: ASTRID_SIGNATURE,
    assistedBy: null,
    documents: [
      {
        name: 'arende.pdf',
        kind: 'case',
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
      flowTitle: draft.flowTitle,
      classification: draft.classification,
      kioskId: draft.kioskId,
      startedAt: draft.startedAt,
      submittedAt,
      language: draft.language,
      answers: draft.answers,
      identification: draft.identification,
      signing: draft.signing ?? null,
      assistedBy: draft.assistedBy,
      documents: draft.documents,
      confirmation: draft.confirmation ?? null,
    },
  };
}

/** What FGS packages are made with in the tests (the shipped schemas). */
export const FGS_CONTEXT = {
  softwareVersion: '0.1.0',
  municipality: 'Testby kommun',
  schemasDir: path.resolve('resources', 'fgs-schemas'),
};
