/**
 * Reading a printer's state: the IPP printer-state-reasons CUPS reports (the "Alerts:" of
 * `lpstat -l -p`), and `lpstat`'s own lines, into ready / out_of_paper / offline / stopped / unknown.
 */
import type { PrinterState } from './print-service';

/** A reason keyword without its -error/-warning/-report suffix. */
function keyword(reason: string): { base: string; severity: 'error' | 'warning' | 'report' | null } {
  const match = /^(.*?)-(error|warning|report)$/.exec(reason);
  if (!match) return { base: reason, severity: null };
  return { base: match[1] as string, severity: match[2] as 'error' | 'warning' | 'report' };
}

const OUT_OF_PAPER = new Set(['media-empty', 'media-needed']);
const OFFLINE = new Set(['offline', 'shutdown', 'timed-out', 'connecting-to-device']);
const STOPPING = new Set([
  'media-jam',
  'door-open',
  'cover-open',
  'interlock-open',
  'toner-empty',
  'marker-supply-empty',
  'marker-waste-full',
  'input-tray-missing',
  'output-area-full',
  'output-tray-missing',
  'spool-area-full',
  'paused',
  'stopped',
  'cups-missing-filter',
  'cups-insecure-filter',
  'cups-waiting-for-job-completed',
]);

export interface ReasonVerdict {
  state: PrinterState;
  reason?: string;
  warnings: string[];
}

/**
 * What printer-state-reasons mean for printing now. Out of paper wins over offline over other errors.
 * A reason stops printing when it ends in -error, or is a known blocking one (media-empty, media-jam,
 * door-open, paused …) without a suffix; offline-report is how CUPS says a printer cannot be reached.
 * Other -warning and -report reasons (toner-low, media-low) are returned as warnings.
 */
export function stateFromReasons(reasons: readonly string[]): ReasonVerdict {
  const warnings: string[] = [];
  let outOfPaper: string | undefined;
  let offline: string | undefined;
  let stopped: string | undefined;
  for (const raw of reasons) {
    const reason = raw.trim().toLowerCase();
    if (reason === '' || reason === 'none') continue;
    const { base, severity } = keyword(reason);
    const blocking = severity === 'error' || severity === null;
    if (OUT_OF_PAPER.has(base) && blocking) outOfPaper ??= base;
    else if (OFFLINE.has(base) && severity !== 'warning') offline ??= base;
    else if ((STOPPING.has(base) && blocking) || severity === 'error') stopped ??= base;
    else warnings.push(reason);
  }
  if (outOfPaper) return { state: 'out_of_paper', reason: outOfPaper, warnings };
  if (offline) return { state: 'offline', reason: offline, warnings };
  if (stopped) return { state: 'stopped', reason: stopped, warnings };
  return { state: 'ready', warnings };
}

export interface LpstatPrinter {
  name: string;
  /** idle | printing | disabled */
  condition: 'idle' | 'printing' | 'disabled';
  /** The printer-state-message ("Paper jam", "Rejecting Jobs"), if any. */
  message?: string;
  /** printer-state-reasons from the Alerts: line of `lpstat -l`. */
  reasons: string[];
}

/**
 * Parses `LC_ALL=C lpstat -l -p NAME`:
 *   printer kiosk-pdf is idle.  enabled since …
 *   printer kiosk-pdf now printing kiosk-pdf-3.  enabled since …
 *   printer kiosk-pdf disabled since … -
 *   	Paper jam
 *   	Form mounted:
 *   	…
 *   	Alerts: media-empty-error offline-report
 * Returns null when the output has no printer line.
 */
export function parseLpstatPrinter(output: string): LpstatPrinter | null {
  const lines = output.split('\n');
  const index = lines.findIndex((l) => /^printer \S+ /.test(l));
  if (index < 0) return null;
  const header = lines[index] as string;
  const name = (/^printer (\S+) /.exec(header) as RegExpExecArray)[1] as string;
  const condition = / disabled since /.test(header) ? 'disabled' : / now printing /.test(header) ? 'printing' : 'idle';
  let message: string | undefined;
  const reasons: string[] = [];
  for (let i = index + 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (/^printer \S+ /.test(line)) break; // another printer
    if (!/^\s/.test(line)) continue;
    const text = line.trim();
    const alerts = /^Alerts:\s*(.*)$/.exec(text);
    if (alerts) {
      reasons.push(...(alerts[1] ?? '').split(/[\s,]+/).filter((r) => r !== '' && r !== 'none'));
      continue;
    }
    // the state message comes right after the header, before the long listing's "Key: value" lines
    if (
      i === index + 1 &&
      text !== '' &&
      !/^(Form mounted|Description|Content types|Printer types|Location|Connection|Interface|On fault|After fault|Users allowed|Alerts):/.test(
        text,
      )
    ) {
      message = text;
    }
  }
  return { name, condition, message, reasons };
}

/** `lpstat -a NAME`: "kiosk-pdf accepting requests since …" or "kiosk-pdf not accepting requests since …". */
export function parseLpstatAccepting(output: string): boolean | null {
  if (/ not accepting requests/.test(output)) return false;
  if (/ accepting requests/.test(output)) return true;
  return null;
}
