/**
 * The real CUPS queue `kiosk-pdf` (cups-pdf) for the paper-route tests: whether it can be used here,
 * where cups-pdf writes what it prints, the PDF a print made, and its text. `.ci/install-cups.sh` sets
 * the queue up (see docs/printing.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const QUEUE = process.env.KIOSK_TEST_PRINTER ?? 'kiosk-pdf';

/** Why the CUPS tests cannot run here, or null when they can. */
export function cupsSkipReason(): string | null {
  if (
    spawnSync('sh', ['-c', 'command -v lpstat && command -v lp && command -v pdftotext && command -v pdftocairo'], {
      stdio: 'ignore',
    }).status !== 0
  ) {
    return 'lpstat, lp, pdftotext or pdftocairo is missing: run .ci/install-cups.sh as root (cups, printer-driver-cups-pdf, poppler-utils)';
  }
  const scheduler = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (!/scheduler is running/.test(scheduler.stdout))
    return 'the CUPS scheduler is not running: run .ci/install-cups.sh as root';
  if (spawnSync('lpstat', ['-p', QUEUE], { stdio: 'ignore' }).status !== 0)
    return `CUPS has no queue ${QUEUE}: run .ci/install-cups.sh as root`;
  return null;
}

/** Where cups-pdf writes this user's jobs: `Out` of /etc/cups/cups-pdf.conf (default ~/PDF). */
export function cupsPdfOutputDir(): string {
  let out = '${HOME}/PDF';
  try {
    out = /^\s*Out\s+(\S+)/m.exec(readFileSync('/etc/cups/cups-pdf.conf', 'utf8'))?.[1] ?? out;
  } catch {
    // the default
  }
  return out.replaceAll('${HOME}', os.homedir()).replaceAll('${USER}', os.userInfo().username);
}

function pdfsIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(dir, f))
    : [];
}

/** The file name cups-pdf gives a job with this title (spaces become underscores, then more follows). */
export function cupsPdfNamePrefix(title: string): string {
  return title.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * The PDF of a job with this title that cups-pdf wrote after `sinceMs` (the newest by modification
 * time), once its size has settled. null when none came within ~30 s.
 */
export async function printedPdfSince(
  sinceMs: number,
  title: string,
  dir = cupsPdfOutputDir(),
): Promise<string | null> {
  const prefix = cupsPdfNamePrefix(title);
  for (let i = 0; i < 150; i += 1) {
    const fresh = pdfsIn(dir)
      .filter((file) => path.basename(file).startsWith(prefix))
      .map((file) => ({ file, stat: statSync(file) }))
      .filter((f) => f.stat.mtimeMs >= sinceMs - 1000 && f.stat.size > 0)
      .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs)[0];
    if (fresh) {
      await new Promise((r) => setTimeout(r, 300));
      if (existsSync(fresh.file) && statSync(fresh.file).size === fresh.stat.size) return fresh.file;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

/** The PDF's text as pdftotext reads it, with runs of white space made single spaces. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/**
 * A HOME for the kiosk's `lp` whose lpoptions make CUPS turn the PDF into PostScript with pdftocairo.
 * The queue's default (Ghostscript) turns every font into Type 3 glyphs without a usable text
 * mapping, so pdftotext could not read the printout; the document the kiosk sends is the same
 * either way. cups-pdf still writes to the printing user's own output folder.
 */
export function lpHomeWithReadableOutput(): { home: string; remove: () => void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-lp-home-'));
  mkdirSync(path.join(home, '.cups'), { mode: 0o700 });
  writeFileSync(path.join(home, '.cups', 'lpoptions'), `Dest ${QUEUE} pdftops-renderer=pdftocairo\n`);
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export function disableQueue(reason: string): void {
  execFileSync('cupsdisable', ['-r', reason, QUEUE]);
}

export function enableQueue(): void {
  execFileSync('cupsenable', [QUEUE]);
  execFileSync('cupsaccept', [QUEUE]);
}
