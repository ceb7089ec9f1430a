/**
 * Reads the two cupsd.conf directives that decide whether CUPS keeps what it printed:
 * `PreserveJobFiles` (the document itself; CUPS's default keeps it for a day) and
 * `PreserveJobHistory` (the job list with titles and users; default Yes). A kiosk prints blanketter
 * with personal data on them, so both must be `No`.
 */

export interface CupsRetention {
  /** The value as written, or null when the directive is absent (CUPS's default applies). */
  preserveJobFiles: string | null;
  preserveJobHistory: string | null;
}

/** The last top-level occurrence of each directive wins, as in cupsd. Comments and blocks are skipped. */
export function parseCupsRetention(text: string): CupsRetention {
  const out: CupsRetention = { preserveJobFiles: null, preserveJobHistory: null };
  let depth = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^<\//.test(line)) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (line.startsWith('<')) {
      depth += 1;
      continue;
    }
    if (depth > 0) continue;
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const name = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    if (name === 'preservejobfiles') out.preserveJobFiles = value;
    else if (name === 'preservejobhistory') out.preserveJobHistory = value;
  }
  return out;
}

/** Whether a directive's value (null: absent, CUPS's default) keeps data after printing. */
export function keepsData(value: string | null): boolean {
  if (value === null) return true;
  return !/^(no|off|false)$/i.test(value);
}
