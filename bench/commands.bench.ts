/**
 * The commands a user or IT runs, as whole processes: from spawning `node scripts/cli.mjs …` (what the
 * npm scripts run: blankett and check-config from their startup snapshots, the others the compiled
 * JavaScript in out/cli/) until the process has exited; blankett and check-config also without their
 * snapshots (KIOSK_NO_SNAPSHOT=1), in the same run. Also:
 * - `npm run blankett` itself (npm's own start included),
 * - the same blankett through tsx (how the commands ran before they were built ahead), for the ratio,
 * - `--all`: every e-service × language in one process,
 * - LibreOffice (`soffice --headless --convert-to pdf`) converting an ODT of comparable content (the
 *   blankett's own text, as many pages), when installed (`libreoffice-writer-nogui`): the ratio of the
 *   two, measured in the same run.
 * Each figure is the median of RUNS starts after one warm-up (which fills Node's compile cache); `cpuMs`
 * is the median user+system CPU of the child (from /proc via /usr/bin/time when present), less
 * disturbed than wall time by other load on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { Figure } from './run';
import { median, round } from './statistics';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_COMMAND_RUNS ?? 7);
const TIME = '/usr/bin/time';

interface Timing {
  ms: number;
  cpuMs: number | null;
  runs: number[];
}

function timeCommand(
  cmd: string,
  args: string[],
  options: { cwd: string; input?: string; runs?: number; env?: NodeJS.ProcessEnv },
): Timing {
  const runs: number[] = [];
  const cpu: number[] = [];
  const n = options.runs ?? RUNS;
  for (let i = 0; i <= n; i += 1) {
    const viaTime = existsSync(TIME);
    const started = performance.now();
    const r = spawnSync(viaTime ? TIME : cmd, viaTime ? ['-f', '__cpu %U %S', cmd, ...args] : args, {
      cwd: options.cwd,
      input: options.input ?? '',
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...options.env },
    });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
    if (i === 0) continue; // warm-up: fills the compile cache, the page cache
    runs.push(ms);
    const m = /__cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return { ms: round(median(runs)), cpuMs: cpu.length ? round(median(cpu)) : null, runs: runs.map((r) => round(r, 0)) };
}

/** An ODT with the blankett's own text (and as many pages), made once with LibreOffice from HTML. */
async function comparableOdt(dir: string, blankettPdf: string): Promise<{ odt: string; pages: number } | null> {
  if (!existsSync('/usr/bin/soffice')) return null;
  const doc = await PDFDocument.load(readFileSync(blankettPdf));
  const pages = doc.getPageCount();
  const fields = doc.getForm().getFields();
  const rows = fields
    .map(
      (f) =>
        `<tr><td>${f.getName().replace(/[<&]/g, ' ')}</td><td style="border:1px solid #000;height:1.4cm;width:9cm"></td></tr>`,
    )
    .join('');
  const html = `<html><body><h1>Blankett</h1><table>${rows}</table></body></html>`;
  writeFileSync(path.join(dir, 'form.html'), html);
  const r = spawnSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'odt', 'form.html'],
    { cwd: dir, encoding: 'utf8', timeout: 180_000 },
  );
  if (r.status !== 0 || !existsSync(path.join(dir, 'form.odt'))) return null;
  return { odt: path.join(dir, 'form.odt'), pages };
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-commands-'));
  const node = process.execPath;
  const env = path.join(dir, 'config.yaml');
  writeFileSync(
    env,
    `mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\nkiosk:\n  municipality:\n    name: Testby kommun\n`,
  );
  try {
    const figures: Figure[] = [];
    const blankettArgs = ['blankett', 'forskoleplats', '--config', env, '--out', path.join(dir, 'b.pdf')];
    const built = timeCommand(node, [path.join(root, 'scripts/cli.mjs'), ...blankettArgs], { cwd: dir });
    // the same without the startup snapshot (the compiled JavaScript), in the same minute
    const noSnapshot = { KIOSK_NO_SNAPSHOT: '1' };
    const compiled = timeCommand(node, [path.join(root, 'scripts/cli.mjs'), ...blankettArgs], {
      cwd: dir,
      env: noSnapshot,
    });
    const npm = timeCommand(
      'npm',
      ['run', '--silent', '--prefix', root, ...blankettArgs.slice(0, 1), '--', ...blankettArgs.slice(1)],
      {
        cwd: dir,
        runs: 3,
      },
    );
    const tsx = timeCommand(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, 'src/core/documents/blankett-cli.ts'), ...blankettArgs.slice(1)],
      { cwd: dir, runs: 3 },
    );
    const bare = timeCommand(node, ['-e', '0'], { cwd: dir });
    figures.push({
      bench: 'commands.blankett.whole_process',
      value: built.ms,
      unit: 'ms',
      target: 300,
      cpuMs: built.cpuMs,
      runs: built.runs,
      withoutSnapshotMs: compiled.ms,
      withoutSnapshotCpuMs: compiled.cpuMs,
      tsxMs: tsx.ms,
      tsxCpuMs: tsx.cpuMs,
      nodeBareMs: bare.ms,
      nodeBareCpuMs: bare.cpuMs,
      note: 'node scripts/cli.mjs blankett forskoleplats (from its startup snapshot): spawn to exit, median; withoutSnapshotMs = the compiled out/cli (KIOSK_NO_SNAPSHOT=1); tsxMs = the same through tsx (before); nodeBareMs = `node -e 0` on this machine now',
    });
    figures.push({
      bench: 'commands.blankett.npm_run_whole_process',
      value: npm.ms,
      unit: 'ms',
      cpuMs: npm.cpuMs,
      note: '`npm run blankett -- forskoleplats`: npm starting itself and then the command',
    });
    const all = timeCommand(
      node,
      [path.join(root, 'scripts/cli.mjs'), 'blankett', '--all', '--config', env, '--out', path.join(dir, 'all')],
      { cwd: dir, runs: 3 },
    );
    figures.push({
      bench: 'commands.blankett_all.whole_process',
      value: all.ms,
      unit: 'ms',
      cpuMs: all.cpuMs,
      note: 'every e-service × language (sv, en) in one process',
    });
    const checkConfigArgs = [path.join(root, 'scripts/cli.mjs'), 'check-config', env];
    const checkConfig = timeCommand(node, checkConfigArgs, { cwd: dir });
    const checkConfigCompiled = timeCommand(node, checkConfigArgs, { cwd: dir, env: noSnapshot });
    figures.push({
      bench: 'commands.check_config.whole_process',
      value: checkConfig.ms,
      unit: 'ms',
      target: 300,
      cpuMs: checkConfig.cpuMs,
      runs: checkConfig.runs,
      withoutSnapshotMs: checkConfigCompiled.ms,
      withoutSnapshotCpuMs: checkConfigCompiled.cpuMs,
      note: 'node scripts/cli.mjs check-config FILE (from its startup snapshot); withoutSnapshotMs = the compiled out/cli (KIOSK_NO_SNAPSHOT=1)',
    });
    const hashPin = timeCommand(node, [path.join(root, 'scripts/cli.mjs'), 'hash-pin'], {
      cwd: dir,
      input: '582916\n',
    });
    figures.push({
      bench: 'commands.hash_pin.whole_process',
      value: hashPin.ms,
      unit: 'ms',
      cpuMs: hashPin.cpuMs,
      note: 'includes the deliberately slow PIN hash (scrypt)',
    });

    const odt = await comparableOdt(dir, path.join(dir, 'b.pdf'));
    if (odt) {
      const lo = timeCommand(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/lo-profile`,
          '--convert-to',
          'pdf',
          '--outdir',
          path.join(dir, 'lo'),
          odt.odt,
        ],
        { cwd: dir, runs: 3 },
      );
      const loPages = (await PDFDocument.load(readFileSync(path.join(dir, 'lo', 'form.pdf')))).getPageCount();
      figures.push({
        bench: 'commands.blankett_vs_libreoffice.ratio',
        value: round(built.ms / lo.ms, 2),
        unit: 'ratio',
        target: 1,
        blankettMs: built.ms,
        libreOfficeMs: lo.ms,
        libreOfficeCpuMs: lo.cpuMs,
        pages: odt.pages,
        libreOfficePages: loPages,
        note: 'kiosk blankett whole process ÷ soffice --headless --convert-to pdf of an ODT with the same fields, same run',
      });
    } else {
      figures.push({
        bench: 'commands.blankett_vs_libreoffice.ratio',
        value: Number.NaN,
        unit: 'ratio',
        target: 1,
        note: 'LibreOffice not installed (apt-get install libreoffice-writer-nogui)',
      });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
