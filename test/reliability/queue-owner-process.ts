/**
 * A process that owns the case queue, for the kill -9 tests: it opens the case service (worker
 * running), optionally submits cases in a loop, and reports every acknowledged case on stdout
 * (`ACK <reference> <idempotencyKey> <seq>`) synchronously, right after `submit` returned — i.e. at
 * the moment a visitor would see the receipt. It runs until it is killed (or for at most `maxMs`).
 *
 *   node --import tsx test/reliability/queue-owner-process.ts '<json options>'
 */
import { writeSync } from 'node:fs';
import { createCaseService } from '../../src/core/cases/service';
import { createLogger } from '../../src/core/log/logger';
import { answer } from '../unit/core/cases/case-fixtures';

interface OwnerOptions {
  dataDir: string;
  receiverUrl: string;
  /** Submit cases (else only deliver what is queued). */
  enqueue: boolean;
  /** First sequence number for the answers of this run. */
  seqStart: number;
  /** Pause between submissions. */
  pauseMs: number;
  maxMs: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as OwnerOptions;
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

try {
  const { logger } = createLogger({ level: 'silent' });
  const service = createCaseService({
    dataDir: options.dataDir,
    config: {
      backoff: { baseMs: 100, capMs: 400 },
      delivery: {
        concurrency: 2,
        probeIntervalMs: 500,
        targets: { kommun: { type: 'https', url: options.receiverUrl, timeoutMs: 2000 } },
      },
    },
    logger,
    emit: () => {},
  });
  say('READY');
  setTimeout(() => {
    void service.close().then(() => process.exit(0));
  }, options.maxMs).unref();

  if (options.enqueue) {
    let seq = options.seqStart;
    const submitOne = (): void => {
      seq += 1;
      const receipt = service.queue.submit({
        flowId: 'kill-test',
        flowVersion: 1,
        flowTitle: { sv: 'Dödstest', en: 'Kill test' },
        classification: null,
        startedAt: null,
        submittedAt: new Date(),
        language: 'sv',
        kioskId: 'kiosk-kill-test',
        answers: [answer('secret', `hemlig-uppgift-${seq}`), answer('seq', seq, 'number')],
        identification: {
          method: 'bankid',
          personalNumber: '198112189876',
          name: `Testperson Nummer${seq}`,
          givenName: 'Testperson',
          surname: `Nummer${seq}`,
        },
        assistedBy: null,
        documents: [
          {
            name: 'arende.pdf',
            kind: 'case',
            mediaType: 'application/pdf',
            bytes: Buffer.from(`%PDF-1.7 hemlig-pdf-${seq}\n%%EOF`),
          },
        ],
      });
      say(`ACK ${receipt.reference} ${receipt.idempotencyKey} ${seq}`);
      setTimeout(submitOne, options.pauseMs);
    };
    submitOne();
  }
} catch (err) {
  process.stderr.write(`queue owner: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(3);
}
