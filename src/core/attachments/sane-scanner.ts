/**
 * A SANE scanner driven through `scanimage` (Debian: sane-utils): one process per page, started with
 * execFile and an argument array (never a shell), the page written as JPEG to stdout — so a page is
 * never a file on the kiosk's disk — and read into memory. scanimage encodes the JPEG itself (libjpeg),
 * grey at 150–200 dpi is a text page of about 100–200 KB; the PDF embeds it as it is.
 *
 * scanimage's exit status is the SANE status of the failed call (sane_read/sane_start), which gives the
 * visitor's plain-words reason: 3 busy, 6 jammed, 7 no paper, 8 cover open; "open of device … failed"
 * on stderr means the scanner is not there (unplugged, off, wrong name in the config).
 */
import { execFile } from 'node:child_process';
import type { ScanFailureReason } from '../../contract/namespaces/attachments';
import type { ScannerConfig } from './config';
import { ScanFailure, type ScannedPage, type Scanner, type ScannerState } from './scanner';

/** SANE_Status values (sane.h) as exit codes of scanimage. */
const SANE_STATUS: Record<number, { reason: ScanFailureReason; name: string }> = {
  2: { reason: 'failed', name: 'SANE_STATUS_CANCELLED' },
  3: { reason: 'busy', name: 'SANE_STATUS_DEVICE_BUSY' },
  4: { reason: 'failed', name: 'SANE_STATUS_INVAL' },
  6: { reason: 'jammed', name: 'SANE_STATUS_JAMMED' },
  7: { reason: 'no_paper', name: 'SANE_STATUS_NO_DOCS' },
  8: { reason: 'cover_open', name: 'SANE_STATUS_COVER_OPEN' },
  9: { reason: 'failed', name: 'SANE_STATUS_IO_ERROR' },
  10: { reason: 'failed', name: 'SANE_STATUS_NO_MEM' },
  11: { reason: 'no_scanner', name: 'SANE_STATUS_ACCESS_DENIED' },
};

/** A page bigger than this is not a page (A4 colour at 600 dpi is well below). */
const MAX_PAGE_BYTES = 40 * 1024 * 1024;
/** Opening the device for the health check. */
const STATUS_TIMEOUT_MS = 15_000;

export interface SaneScannerOptions {
  config: ScannerConfig & { device: string };
  /** Environment of scanimage (tests point SANE_CONFIG_DIR at their own test backend's settings). */
  env?: NodeJS.ProcessEnv;
}

interface RunOutcome {
  code: number | string | null;
  signal: string | null;
  killed: boolean;
  stdout: Buffer;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<RunOutcome> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        encoding: 'buffer',
        maxBuffer: MAX_PAGE_BYTES,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        windowsHide: true,
        shell: false,
        env: { ...env, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' },
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null }) | null;
        resolve({
          code: err ? (err.code ?? null) : 0,
          signal: err?.signal ?? null,
          killed: err?.killed ?? false,
          stdout: Buffer.isBuffer(stdout) ? stdout : Buffer.alloc(0),
          stderr: Buffer.isBuffer(stderr) ? stderr.toString('utf8').slice(0, 4000) : String(stderr ?? ''),
        });
      },
    );
  });
}

/** One line of scanimage's complaint for IT (the device and the SANE message; nothing personal). */
function complaint(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Output format is not set/.test(l))
    .at(-1);
  return line ? line.slice(0, 200) : 'no message';
}

/** What went wrong, from scanimage's outcome. */
export function saneFailure(outcome: Omit<RunOutcome, 'stdout'>, command: string): ScanFailure {
  if (outcome.code === 'ENOENT' || outcome.code === 'EACCES')
    return new ScanFailure('no_scanner', `${command} could not be started (${outcome.code}): install sane-utils`);
  if (outcome.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    return new ScanFailure('failed', `the scanned page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
  if (outcome.killed) return new ScanFailure('timeout', 'the scanner did not finish in time');
  if (outcome.signal) return new ScanFailure('failed', `scanimage crashed (${outcome.signal}): the SANE driver failed`);
  const text = complaint(outcome.stderr);
  if (/open of device .* failed/i.test(outcome.stderr)) {
    return /busy/i.test(outcome.stderr)
      ? new ScanFailure('busy', `the scanner is busy: ${text}`)
      : new ScanFailure('no_scanner', `the scanner was not found: ${text}`);
  }
  const status = typeof outcome.code === 'number' ? SANE_STATUS[outcome.code] : undefined;
  if (status) return new ScanFailure(status.reason, `${status.name}: ${text}`);
  return new ScanFailure('failed', `scanimage ended with ${String(outcome.code)}: ${text}`);
}

export function createSaneScanner(options: SaneScannerOptions): Scanner {
  const { config } = options;
  const env = options.env ?? process.env;
  const device = ['-d', config.device];
  const scanArgs = [
    ...device,
    '--format=jpeg',
    '--mode',
    config.colour === 'colour' ? 'Color' : 'Gray',
    '--resolution',
    String(config.resolution),
    '--source',
    config.source === 'feeder' ? 'Automatic Document Feeder' : 'Flatbed',
  ];

  return {
    description: `sane ${config.device}`,

    async scan(): Promise<ScannedPage> {
      const outcome = await run(config.command, scanArgs, config.timeoutSeconds * 1000, env);
      if (outcome.code !== 0) throw saneFailure(outcome, config.command);
      // a JPEG starts with FF D8; anything else (nothing at all, a PNM) is not a page
      if (outcome.stdout.length < 4 || outcome.stdout[0] !== 0xff || outcome.stdout[1] !== 0xd8)
        throw new ScanFailure('failed', `scanimage gave no JPEG page (${outcome.stdout.length} bytes)`);
      return { jpeg: outcome.stdout, dpi: config.resolution };
    },

    async status(): Promise<ScannerState> {
      // -A opens the device and lists its options: it says whether the scanner is there, scans nothing
      const outcome = await run(config.command, [...device, '-A'], STATUS_TIMEOUT_MS, env);
      outcome.stdout.fill(0);
      if (outcome.code === 0) return { state: 'ready', reason: `scanner ${config.device} answers` };
      const failure = saneFailure(outcome, config.command);
      return { state: failure.reason, reason: failure.message };
    },
  };
}
