/**
 * Printing through a real CUPS server with a cups-pdf queue (.ci/install-cups.sh sets it up; .ci/run
 * calls it). A blankett goes to the queue through lp's stdin and comes out as a PDF in cups-pdf's
 * output folder; a stopped or rejecting queue, an unknown queue and missing CUPS programs give the
 * print_failed path. Skipped, with the reason, where CUPS is not installed or not running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { createLogger } from '../../../../src/core/log/logger';
import { CupsPrinter } from '../../../../src/core/printing/cups-printer';
import { documentService, pdfInfo, shippedFlow } from '../documents/document-fixtures';

const QUEUE = process.env.KIOSK_TEST_PRINTER ?? 'kiosk-pdf';

function skipReason(): string | null {
  if (spawnSync('sh', ['-c', 'command -v lpstat && command -v lp'], { stdio: 'ignore' }).status !== 0) {
    return 'CUPS client programs (lpstat, lp) are not installed: run .ci/install-cups.sh as root';
  }
  const scheduler = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (!/scheduler is running/.test(scheduler.stdout))
    return 'the CUPS scheduler is not running: run .ci/install-cups.sh as root';
  if (spawnSync('lpstat', ['-p', QUEUE], { stdio: 'ignore' }).status !== 0)
    return `CUPS has no queue ${QUEUE}: run .ci/install-cups.sh as root`;
  return null;
}
const skip = skipReason();
if (skip) console.warn(`cups-printer tests skipped: ${skip}`);

/** Where cups-pdf writes this user's jobs: `Out` of /etc/cups/cups-pdf.conf. */
function cupsPdfOutputDir(): string {
  let out = '${HOME}/PDF';
  try {
    const conf = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
    out = /^\s*Out\s+(\S+)/m.exec(conf)?.[1] ?? out;
  } catch {
    // the default
  }
  return out.replaceAll('${HOME}', os.homedir()).replaceAll('${USER}', os.userInfo().username);
}

async function waitForFile(dir: string, contains: string): Promise<string | null> {
  for (let i = 0; i < 150; i += 1) {
    const hit = existsSync(dir) ? readdirSync(dir).find((f) => f.includes(contains) && f.endsWith('.pdf')) : undefined;
    if (hit) {
      const file = path.join(dir, hit);
      const size = statSync(file).size;
      await new Promise((r) => setTimeout(r, 200));
      if (statSync(file).size === size && size > 0) return file;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

const logger = createLogger({ level: 'silent' }).logger;
const printed: string[] = [];
afterAll(() => {
  for (const f of printed) rmSync(f, { force: true });
  if (!skip) {
    spawnSync('cupsenable', [QUEUE]);
    spawnSync('cupsaccept', [QUEUE]);
  }
});

describe.skipIf(skip)(`printing through CUPS (queue ${QUEUE})`, () => {
  const printer = new CupsPrinter({ printer: QUEUE, logger });

  it('a ready queue prints a blankett sent on stdin; cups-pdf writes it out', async () => {
    expect(await printer.status()).toEqual({ state: 'ready', printer: QUEUE });
    const pdf = await documentService().blankett(shippedFlow('felanmalan-gata-park'), { lang: 'sv' });
    const title = `kiosktest${Date.now()}`;
    const job = await printer.print(pdf, { title });
    expect(job.jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    const file = await waitForFile(cupsPdfOutputDir(), title);
    expect(file, `no PDF named after ${title} in ${cupsPdfOutputDir()}`).not.toBeNull();
    printed.push(file as string);
    // cups-pdf renders the job again with Ghostscript (its text is not extractable): compare pages
    const pages = (bytes: Uint8Array) => Number(/Pages:\s+(\d+)/.exec(pdfInfo(bytes))?.[1]);
    const out = new Uint8Array(readFileSync(file as string));
    expect(pages(out)).toBe(pages(pdf));
    expect(pages(out)).toBeGreaterThanOrEqual(2);
  });

  it('a stopped queue: status says stopped, printing fails with print_failed and nothing is queued', async () => {
    execFileSync('cupsdisable', ['-r', 'Pappersstopp i fack 2', QUEUE]);
    try {
      expect(await printer.status()).toMatchObject({
        state: 'stopped',
        printer: QUEUE,
        reason: 'disabled',
        message: 'Pappersstopp i fack 2',
      });
      const pdf = await documentService().blankett(shippedFlow('support-e-tjanster'), {
        lang: 'sv',
        answers: { namn: 'Tolvan Tolvansson' },
      });
      const failure = await printer.print(pdf, { title: 'Blankett' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(KioskFailure);
      expect((failure as KioskFailure).toError()).toMatchObject({ code: 'print_failed', reason: 'disabled' });
      expect((failure as KioskFailure).message).toBe(
        `CUPS printer "${QUEUE}" cannot print: stopped (disabled: Pappersstopp i fack 2)`,
      );
      expect((failure as KioskFailure).message).not.toContain('Tolvan');
      expect(execFileSync('lpstat', ['-o', QUEUE], { encoding: 'utf8' })).toBe('');
    } finally {
      execFileSync('cupsenable', [QUEUE]);
    }
    expect((await printer.status()).state).toBe('ready');
  });

  it('a queue that rejects jobs, an unknown queue, and missing CUPS programs are print_failed with a reason', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    execFileSync('cupsreject', [QUEUE]);
    try {
      expect(await printer.status()).toMatchObject({ state: 'stopped', reason: 'not_accepting' });
      await expect(printer.print(pdf, { title: 't' })).rejects.toMatchObject({
        code: 'print_failed',
        extra: { reason: 'not_accepting' },
      });
    } finally {
      execFileSync('cupsaccept', [QUEUE]);
    }
    const unknown = new CupsPrinter({ printer: 'finns-inte-kö', logger });
    expect(await unknown.status()).toMatchObject({ state: 'offline', reason: 'unknown_printer' });
    await expect(unknown.print(pdf, { title: 't' })).rejects.toMatchObject({
      code: 'print_failed',
      extra: { reason: 'unknown_printer' },
    });

    const noLpstat = new CupsPrinter({ printer: QUEUE, lpstatPath: '/nonexistent/lpstat', logger });
    expect(await noLpstat.status()).toMatchObject({ state: 'offline', reason: 'cups_client_missing' });
    const noLp = new CupsPrinter({ printer: QUEUE, lpPath: '/nonexistent/lp', logger });
    const failure = await noLp.print(pdf, { title: 't' }).catch((e: unknown) => e);
    expect((failure as KioskFailure).toError()).toMatchObject({
      code: 'print_failed',
      reason: 'lp_missing',
      message: 'lp could not be started (ENOENT); install cups-client',
    });
  });
});
