/**
 * The storage and process fault matrix (issue 13): each fault is done for real to a running kiosk (the
 * built host process) whose receiver is away, so receipted cases wait in its queue. For each: is the
 * kiosk process still alive, does the screen show the expected state (`app.info`, what the renderer
 * shows), do staff see the reason (the staff panel's health checks), and after IT's repair does every
 * receipted case reach an independent receiver process exactly once — or is it listed by reference as
 * unrecoverable? `lost` must be 0.
 *
 * Used by `test/reliability/storage-faults.test.ts` (assertions, the table) and by
 * `bench/reliability.bench.ts` (`reliability.faults_survived`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { HealthReport, KioskInfo } from '../../src/contract';
import { hashPin } from '../../src/core/staff/pin-hash';
import { samples } from '../unit/fixtures/shipped-flow-answers';
import { receivedCases, startReceiverProcess, until, type ReceiverProcess } from './case-processes';
import { mountExt4, mountSupport, mountTmpfs, type Mount } from './file-systems';
import { freePort, repoRoot, startKioskProcess, type KioskProcess } from './kiosk-process';

const run = promisify(execFile);

export interface MatrixRow {
  fault: string;
  /** The kiosk process lived through the fault (nothing but the test ended it). */
  survived: boolean;
  /** The screen showed the expected state, with a reason and no stack trace. */
  state: boolean;
  /** The staff panel's health checks named the reason. */
  staff: boolean;
  receipted: number;
  /** Receipted cases at the receiver (each exactly once: see duplicates). */
  delivered: number;
  /** Receipted cases the recovery listed as unrecoverable, by reference. */
  listed: number;
  /** Receipted cases neither delivered nor listed. Must be 0. */
  lost: number;
  /** Cases the receiver stored more than once. Must be 0. */
  duplicates: number;
  /** Why a check failed (empty when all held). */
  notes: string[];
  /** Set when the scenario could not run here (no root …). */
  skipped?: string;
}

const PIN = '135790';
const ANSWERS = samples['felanmalan-gata-park'];
const NO_STACK = /\n\s+at /;

class Scenario {
  readonly work: string;
  dataDir: string;
  readonly configFile: string;
  readonly receiverDir: string;
  kiosk: KioskProcess | null = null;
  receiver: ReceiverProcess | null = null;
  mount: Mount | null = null;
  readonly receipted: string[] = [];
  readonly listedRefs = new Set<string>();
  private port = 0;
  private pinHash = '';
  private stateChecks = 0;
  private staffChecks = 0;

  constructor(
    readonly row: MatrixRow,
    private readonly log: (line: string) => void,
  ) {
    this.work = mkdtempSync(path.join(tmpdir(), `kk-matrix-${process.pid}-`));
    this.dataDir = path.join(this.work, 'data');
    this.configFile = path.join(this.work, 'config.yaml');
    this.receiverDir = path.join(this.work, 'received');
  }

  note(ok: boolean, text: string): boolean {
    if (!ok) {
      this.row.notes.push(text);
      this.log(`  ✗ ${text}`);
    }
    return ok;
  }

  async configure(options: { dataDir?: string; storageCheckSeconds?: number } = {}): Promise<void> {
    if (options.dataDir) this.dataDir = options.dataDir;
    this.port = await freePort();
    this.pinHash ||= await hashPin(PIN, { ln: 14, r: 8, p: 1 });
    writeFileSync(
      this.configFile,
      [
        // the embedded simulators and a plain-HTTP receiver: demo mode (production refuses both)
        'mode: demo',
        `dataDir: ${JSON.stringify(this.dataDir)}`,
        'kiosk:',
        '  id: kiosk-faults',
        'cases:',
        `  storageCheckSeconds: ${options.storageCheckSeconds ?? 1}`,
        '  backoff: { baseMs: 200, capMs: 1000 }',
        '  delivery:',
        '    probeIntervalMs: 500',
        '    targets:',
        `      kommun: { type: https, url: "http://127.0.0.1:${this.port}/cases", timeoutMs: 3000 }`,
        'staff:',
        '  members:',
        `    - { id: reception-1, pinHash: "${this.pinHash}" }`,
        '',
      ].join('\n'),
    );
  }

  async startKiosk(): Promise<KioskProcess> {
    this.kiosk = await startKioskProcess(this.configFile, { TMPDIR: this.work });
    return this.kiosk;
  }

  private get k(): KioskProcess {
    if (!this.kiosk) throw new Error('the kiosk is not running');
    return this.kiosk;
  }

  /** Files `n` cases as visitors; returns the references of those that got a receipt. */
  async submit(n: number): Promise<string[]> {
    const refs: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await this.k.call<{ reference: string }>('submission.submit', {
        flowId: 'felanmalan-gata-park',
        answers: { ...ANSWERS, beskrivning: `Lampan nummer ${this.receipted.length + 1} är släckt.` },
        language: 'sv',
      });
      if (!res.ok) throw new Error(`submission failed: ${res.error.code} ${res.error.message}`);
      this.receipted.push(res.value.reference);
      refs.push(res.value.reference);
    }
    return refs;
  }

  /** A visitor tries to file a case during the fault: it must get no receipt (or one for a case that is stored). */
  async tryDuringFault(): Promise<void> {
    const res = await this.k.call<{ reference: string }>('submission.submit', {
      flowId: 'felanmalan-gata-park',
      answers: ANSWERS,
      language: 'sv',
    });
    if (res.ok) this.receipted.push(res.value.reference);
    else
      this.note(
        res.error.code === 'storage_failed' || res.error.code === 'unavailable',
        `a submission during the fault failed with ${res.error.code}, not storage_failed/unavailable`,
      );
  }

  async info(): Promise<KioskInfo> {
    const res = await this.k.call<KioskInfo>('app.info');
    if (!res.ok) throw new Error(`app.info failed: ${res.error.message}`);
    return res.value;
  }

  /** The screen shows `state`, with a reason matching `reason` (out of order) and no stack trace. */
  async expectState(state: KioskInfo['state'], reason?: RegExp): Promise<void> {
    let info = null as KioskInfo | null;
    const matches = (i: KioskInfo): boolean =>
      i.state === state && (!reason || i.outOfOrderReasons.some((r) => reason.test(r)));
    try {
      await until(async () => matches((info = await this.info())), `state ${state}`, 150, 100);
    } catch {
      // recorded below
    }
    const ok = info !== null && matches(info);
    const passed =
      this.note(ok, `expected ${state}${reason ? ` ${reason}` : ''}, saw ${JSON.stringify(info)}`) &&
      this.note(!(info?.outOfOrderReasons ?? []).some((r) => NO_STACK.test(r)), 'a reason holds a stack trace');
    // every state the scenario expects must have been shown
    this.row.state = passed && (this.stateChecks++ === 0 || this.row.state);
    if (this.row.state)
      this.log(`  screen: ${state}${info?.outOfOrderReasons[0] ? ` — ${info.outOfOrderReasons[0]}` : ''}`);
  }

  /** Staff sign in; the health check `id` (default: storage) has `severity` and a reason matching `reason`. */
  async staffSees(severity: 'warn' | 'fail', reason: RegExp, id = 'storage'): Promise<void> {
    const enter = await this.k.call<{ ok: boolean }>('staff.enter', { pin: PIN });
    if (!enter.ok || !enter.value.ok) {
      this.row.staff = this.note(false, `staff could not sign in: ${JSON.stringify(enter)}`);
      this.staffChecks++;
      return;
    }
    let seen = null as HealthReport | null;
    const storage = (r: HealthReport | null) => r?.checks.find((c) => c.id === id);
    try {
      await until(
        async () => {
          const res = await this.k.call<HealthReport>('staff.health');
          seen = res.ok ? res.value : null;
          const c = storage(seen);
          return c?.severity === severity && reason.test(c.reason);
        },
        `the ${id} health check`,
        40,
        250,
      );
    } catch {
      // recorded below
    }
    const c = storage(seen);
    const passed = this.note(
      c?.severity === severity && reason.test(c.reason) && !NO_STACK.test(c.reason),
      `staff health: expected ${id} ${severity} ${reason}, saw ${JSON.stringify(c)}`,
    );
    this.row.staff = passed && (this.staffChecks++ === 0 || this.row.staff);
    await this.k.call('staff.leave');
  }

  /** A kiosk running on its storage with `n` receipted cases waiting (the receiver is away). */
  async begin(n: number, options: Parameters<Scenario['configure']>[0] = {}): Promise<string[]> {
    await this.configure(options);
    await this.startKiosk();
    return this.submit(n);
  }

  /**
   * During the fault: the screen shows "Ur funktion" with the reason, staff see it in the health checks
   * (and the log check, when kiosk.log cannot be written), a visitor who tries gets no receipt, and the
   * process is alive.
   */
  async duringFault(reason: RegExp, options: { tryToSubmit?: boolean; logFails?: boolean } = {}): Promise<void> {
    await this.expectState('out_of_order', reason);
    await this.staffSees('fail', reason);
    if (options.tryToSubmit) await this.tryDuringFault();
    if (options.logFails) await this.staffSees('warn', LOG_FAILS, 'log');
    this.survived();
  }

  /** IT's repair of a damaged database: stop, recover, start; the kiosk is back in service. */
  async repairByRecovery(): Promise<string> {
    await this.kiosk?.stop();
    const report = await this.recover();
    await this.startKiosk();
    await this.expectState('ready');
    return report;
  }

  /** Stops the kiosk, does `damage` to its files while it is down, and starts it again. */
  async whileStopped(damage: () => void): Promise<void> {
    await this.kiosk?.stop();
    damage();
    await this.startKiosk();
  }

  /** The kiosk lived through the fault (checked before the test itself stops it). */
  survived(): void {
    this.row.survived = this.note(this.kiosk?.alive() ?? false, `the kiosk process ended:\n${this.kiosk?.output()}`);
  }

  /** IT's recovery command (kiosk stopped), as in docs/deploy.md. Records the references it lists. */
  async recover(): Promise<string> {
    let stdout: string;
    try {
      stdout = (
        await run(
          process.execPath,
          ['--import', 'tsx', 'src/core/cases/recover-cases-cli.ts', '--config', this.configFile, '--no-deliver'],
          { cwd: repoRoot, env: { ...process.env, TMPDIR: this.work } },
        )
      ).stdout;
    } catch (err) {
      // exit code 3: recovered, with unrecoverable cases listed
      const e = err as { code?: number; stdout?: string; stderr?: string };
      if (e.code !== 3) {
        throw new Error(`recover-cases failed (${e.code}): ${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
      }
      stdout = e.stdout ?? '';
    }
    for (const m of stdout.matchAll(/^ {2}([0-9A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]) {2}/gm)) this.listedRefs.add(m[1]!);
    this.log(`  recovery: ${stdout.split('\n').slice(1, 4).join('; ')}`);
    return stdout;
  }

  /** The receiver comes (back): every receipted case must arrive once, unless the recovery listed it. */
  async deliverAll(): Promise<void> {
    this.receiver = await startReceiverProcess(this.receiverDir, ['--port', String(this.port)]);
    const expected = this.receipted.filter((r) => !this.listedRefs.has(r));
    try {
      await until(
        () => {
          const got = new Set(receivedCases(this.receiverDir).map((c) => c.reference));
          return expected.every((r) => got.has(r));
        },
        'every receipted case at the receiver',
        600,
        100,
      );
    } catch {
      // counted below
    }
    const received = receivedCases(this.receiverDir);
    const byKey = new Map<string, number>();
    for (const c of received) byKey.set(c.idempotencyKey, (byKey.get(c.idempotencyKey) ?? 0) + 1);
    const refs = new Set(received.map((c) => c.reference));
    this.row.receipted = this.receipted.length;
    this.row.delivered = this.receipted.filter((r) => refs.has(r)).length;
    this.row.listed = this.receipted.filter((r) => this.listedRefs.has(r) && !refs.has(r)).length;
    this.row.lost = this.receipted.length - this.row.delivered - this.row.listed;
    this.row.duplicates = [...byKey.values()].filter((n) => n > 1).length;
    this.note(this.row.lost === 0, `lost: ${this.receipted.filter((r) => !refs.has(r) && !this.listedRefs.has(r))}`);
  }

  get databaseFile(): string {
    return path.join(this.dataDir, 'cases.sqlite');
  }

  get keyFile(): string {
    return path.join(this.dataDir, 'cases.key');
  }

  get journalDir(): string {
    return path.join(this.dataDir, 'cases-journal');
  }

  async cleanup(): Promise<void> {
    await this.kiosk?.kill().catch(() => undefined);
    await this.receiver?.stop().catch(() => undefined);
    this.mount?.cleanup();
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** The root page of a table (so a test damages a page the database uses). */
function rootPage(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number })
      .rootpage;
  } finally {
    db.close();
  }
}

interface FaultScenario {
  fault: string;
  needsMount?: boolean;
  run(s: Scenario): Promise<void>;
}

/** kiosk.log on a disk that refuses writes: the kiosk logs to stderr and says so. */
const LOG_FAILS = /kiosk\.log cannot be written \((EROFS|ENOSPC)\) since .*; log lines go to stderr/;
const DAMAGED =
  /The case database .*cases\.sqlite is damaged .* Stop the kiosk and run the recovery: kommunkiosk --recover-cases/;

export const scenarios: FaultScenario[] = [
  {
    fault: 'truncated database',
    async run(s) {
      await s.begin(6);
      await s.whileStopped(() => truncateSync(s.databaseFile, Math.floor(readFileSync(s.databaseFile).length / 2)));
      await s.duringFault(DAMAGED);
      await s.repairByRecovery();
      await s.deliverAll();
    },
  },
  {
    fault: 'truncated database and a damaged journal record',
    async run(s) {
      const refs = await s.begin(5);
      await s.whileStopped(() => {
        truncateSync(s.databaseFile, 4096); // the header page only: no row survives
        writeFileSync(path.join(s.journalDir, `${refs[1]}.case`), randomBytes(300));
      });
      await s.duringFault(DAMAGED);
      const report = await s.repairByRecovery();
      s.note(report.includes(refs[1]!), `the recovery did not list ${refs[1]}`);
      await s.deliverAll();
    },
  },
  {
    fault: 'one garbage page',
    async run(s) {
      await s.begin(6);
      await s.whileStopped(() => {
        const page = rootPage(s.databaseFile, 'case_payloads');
        const bytes = readFileSync(s.databaseFile);
        randomBytes(4096).copy(bytes, (page - 1) * 4096);
        writeFileSync(s.databaseFile, bytes);
      });
      await s.duringFault(DAMAGED);
      await s.repairByRecovery();
      await s.deliverAll();
    },
  },
  {
    fault: 'WAL deleted mid-run (repaired live)',
    async run(s) {
      await s.begin(3);
      rmSync(`${s.databaseFile}-wal`);
      await s.submit(3);
      await s.staffSees('warn', /-wal was deleted while the kiosk ran; its contents were folded into the database/);
      await s.expectState('ready');
      s.survived();
      await s.kiosk?.kill(); // a power cut after the repair loses nothing either
      await s.startKiosk();
      await s.deliverAll();
    },
  },
  {
    fault: 'WAL deleted mid-run, then a power cut',
    async run(s) {
      await s.begin(3, { storageCheckSeconds: 3600 }); // no check between the deletion and the cut
      rmSync(`${s.databaseFile}-wal`);
      await s.submit(3); // committed to the deleted WAL only
      await s.expectState('ready');
      s.survived();
      await s.kiosk?.kill();
      await s.startKiosk();
      await s.expectState('ready');
      await s.staffSees(
        'warn',
        /receipted case\(s\) missing from the case database were restored from the case journal/,
      );
      await s.deliverAll();
    },
  },
  {
    fault: 'key file missing',
    async run(s) {
      await s.begin(4);
      const key = readFileSync(s.keyFile);
      await s.whileStopped(() => rmSync(s.keyFile));
      await s.duringFault(/The key file .*cases\.key is missing, but the case database .* was encrypted with it/);
      s.note(!existsSync(s.keyFile), 'a new key file was written');
      writeFileSync(s.keyFile, key, { mode: 0o600 }); // IT restores it from the backup
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
  {
    fault: 'key file wrong',
    async run(s) {
      await s.begin(4);
      const key = readFileSync(s.keyFile);
      await s.whileStopped(() => writeFileSync(s.keyFile, randomBytes(32).toString('base64'), { mode: 0o600 }));
      const before = readFileSync(s.databaseFile);
      await s.duringFault(/is not the key this database was created with .* Nothing was deleted/);
      s.note(readFileSync(s.databaseFile).equals(before), 'the database changed under a wrong key');
      writeFileSync(s.keyFile, key, { mode: 0o600 });
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
  {
    fault: 'data folder read-only at start',
    needsMount: true,
    async run(s) {
      const mount = (s.mount = mountTmpfs('ro-start', 64));
      await s.begin(4, { dataDir: path.join(mount.point, 'data') });
      await s.whileStopped(() => mount.remount('ro'));
      await s.duringFault(
        /dataDir is ".*"; expected a folder the kiosk can write to \(EROFS: its file system is read-only/,
        {
          tryToSubmit: true,
          logFails: true,
        },
      );
      mount.remount('rw');
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
  {
    fault: 'file system turns read-only while running (ext4 error)',
    needsMount: true,
    async run(s) {
      const mount = (s.mount = mountExt4('ext4-error', 64));
      await s.begin(4, { dataDir: path.join(mount.point, 'data') });
      mount.triggerError();
      await s.duringFault(/(EROFS|read-only)/, { tryToSubmit: true, logFails: true });
      await s.kiosk?.stop();
      mount.repair(); // IT: unmount, fsck, mount again
      await s.startKiosk();
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
  {
    fault: 'full disk at start (tmpfs)',
    needsMount: true,
    async run(s) {
      const mount = (s.mount = mountTmpfs('full-start', 24));
      await s.begin(4, { dataDir: path.join(mount.point, 'data') });
      let free = (): void => {};
      await s.whileStopped(() => (free = mount.fill()));
      await s.duringFault(/The disk of .* is full/, { tryToSubmit: true, logFails: true });
      free();
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
  {
    fault: 'disk fills up while running (tmpfs)',
    needsMount: true,
    async run(s) {
      const mount = (s.mount = mountTmpfs('full-run', 24));
      await s.begin(4, { dataDir: path.join(mount.point, 'data') });
      const free = mount.fill();
      await s.tryDuringFault();
      await s.duringFault(/(The disk of .* is full|disk_full|ENOSPC)/, { tryToSubmit: true });
      free();
      await s.expectState('ready');
      await s.deliverAll();
    },
  },
];

export function emptyRow(fault: string): MatrixRow {
  return {
    fault,
    survived: false,
    state: false,
    staff: false,
    receipted: 0,
    delivered: 0,
    listed: 0,
    lost: 0,
    duplicates: 0,
    notes: [],
  };
}

/** Runs one scenario from start to cleanup; never throws (a failure is a note in the row). */
export async function runScenario(scenario: FaultScenario, log: (line: string) => void = () => {}): Promise<MatrixRow> {
  const row = emptyRow(scenario.fault);
  if (scenario.needsMount) {
    const why = mountSupport();
    if (why) return { ...row, skipped: why };
  }
  log(`fault: ${scenario.fault}`);
  const s = new Scenario(row, log);
  try {
    await scenario.run(s);
  } catch (err) {
    row.notes.push(`${err instanceof Error ? err.message : String(err)}\n${s.kiosk?.output().slice(-2000) ?? ''}`);
    log(`  ✗ ${row.notes[row.notes.length - 1]}`);
  } finally {
    await s.cleanup();
  }
  return row;
}

export function formatTable(rows: MatrixRow[]): string {
  const head = ['fault', 'survived', 'state', 'staff saw', 'receipted', 'delivered', 'listed', 'lost'];
  const body = rows.map((r) =>
    r.skipped
      ? [r.fault, `skipped: ${r.skipped}`, '', '', '', '', '', '']
      : [
          r.fault,
          r.survived ? 'yes' : 'NO',
          r.state ? 'yes' : 'NO',
          r.staff ? 'yes' : 'NO',
          String(r.receipted),
          String(r.delivered),
          String(r.listed),
          String(r.lost),
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
