import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import { staffMethods } from '../../../../src/contract/namespaces/staff';
import { createCaseService, type CaseService } from '../../../../src/core/cases/service';
import { kioskConfigSchema } from '../../../../src/core/config/kiosk-config';
import { createPrinter } from '../../../../src/core/printing';
import { createHealthChecks } from '../../../../src/core/health/health-checks';
import { Visit } from '../../../../src/core/session/visit';
import { Redactor } from '../../../../src/core/log/redaction';
import { hashPin } from '../../../../src/core/staff/pin-hash';
import {
  caseOpsOf,
  createStaffService,
  type StaffPrinting,
  type StaffService,
} from '../../../../src/core/staff/staff-service';
import { makeDraft } from '../cases/case-fixtures';
import { ManualClock, recordingLogger, silentLogger, tempDir, TEST_SCRYPT } from './staff-fixtures';

const PIN_1 = '482913';
const PIN_2 = 'Åsa-7788';
let hash1 = '';
let hash2 = '';

beforeAll(async () => {
  [hash1, hash2] = await Promise.all([hashPin(PIN_1, TEST_SCRYPT), hashPin(PIN_2, TEST_SCRYPT)]);
});

interface Harness {
  dir: string;
  clock: ManualClock;
  staff: StaffService;
  cases: CaseService;
  visit: Visit;
  events: Array<{ event: string; payload: unknown }>;
  outOfOrder: Array<string[] | null>;
  /** What visitors are told with each change of the switch (a fixed reason), null when it is off. */
  notices: Array<string | null>;
  printed: Array<[string, string]>;
  pages: Array<{ pdf: Uint8Array; title: string }>;
  logText: () => string;
  reopen(): StaffService;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function configWith(staffSection: unknown) {
  return {
    ...kioskConfigSchema.parse({ kiosk: { id: 'kiosk-test', municipality: { name: 'Testkommun' } } }),
    staff: staffSection as never,
  };
}

function setup(
  options: { members?: boolean; printing?: StaffPrinting | null; dir?: string; clock?: ManualClock } = {},
): Harness {
  const t = options.dir ? { dir: options.dir, remove: () => undefined } : tempDir();
  const clock = options.clock ?? new ManualClock(Date.now());
  const { logger, text } = recordingLogger();
  const cases = createCaseService({
    config: {},
    dataDir: t.dir,
    logger: silentLogger(),
    emit: () => undefined,
    startWorker: false,
  });
  const visit = new Visit(silentLogger(), new Redactor());
  const events: Harness['events'] = [];
  const outOfOrder: Harness['outOfOrder'] = [];
  const notices: Array<string | null> = [];
  const printed: Harness['printed'] = [];
  const pages: Harness['pages'] = [];
  const health = createHealthChecks({
    dataDir: t.dir,
    bankid: null,
    register: null,
    deliveryTargets: cases.config.delivery.targets,
    dataKey: null,
    cupsdConf: null,
    logger: silentLogger(),
  });
  const config = configWith(
    options.members === false
      ? {}
      : {
          members: [
            { id: 'reception-1', pinHash: hash1 },
            { id: 'reception-2', pinHash: hash2 },
          ],
        },
  );
  const printing: StaffPrinting | undefined =
    options.printing === null
      ? undefined
      : (options.printing ?? {
          kind: 'cups',
          status: async () => ({ state: 'ready', printer: 'Reception' }),
          print: async (pdf: Uint8Array, o: { title: string }) => {
            pages.push({ pdf, title: o.title });
            return { jobId: 'Reception-17' };
          },
        });
  const open = (): StaffService => {
    const s = createStaffService({
      config,
      version: '9.9.9-test',
      dataDir: t.dir,
      logger,
      visit,
      cases: caseOpsOf(cases),
      health,
      ...(printing ? { printing } : {}),
      printBlankett: async (flowId, language) => {
        printed.push([flowId, language]);
        return { jobId: 'Reception-18' };
      },
      setOutOfOrder: (reasons, notice) => {
        outOfOrder.push(reasons);
        notices.push(notice);
      },
      emit: (event, payload) => events.push({ event, payload }),
      now: clock.now,
      schedule: clock.schedule,
    });
    cleanups.push(() => s.close());
    return s;
  };
  cleanups.push(
    () => cases.close(),
    () => t.remove(),
  );
  return {
    dir: t.dir,
    clock,
    staff: open(),
    cases,
    visit,
    events,
    outOfOrder,
    notices,
    printed,
    pages,
    logText: text,
    reopen: open,
  };
}

/** Calls a handler the way dispatch does: the input parsed by the contract's schema, the output checked. */
async function call<M extends keyof typeof staffMethods>(staff: StaffService, method: M, input: unknown = {}) {
  const spec = staffMethods[method];
  const parsed = spec.input.parse(input);
  const handler = staff.handlers[method] as (i: unknown) => Promise<unknown>;
  const value = await handler(parsed);
  return spec.output.parse(value) as Awaited<ReturnType<StaffService['handlers'][M]>>;
}

async function failure(p: Promise<unknown>): Promise<KioskFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof KioskFailure) return err;
    throw err;
  }
  throw new Error('expected a KioskFailure');
}

function auditLines(dir: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(dir, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A dead letter in the queue whose delivery error repeats a visitor's personnummer and e-mail. */
function deadLetter(h: Harness): string {
  const submitted = h.cases.queue.submit(makeDraft());
  const claimed = h.cases.queue.claimNextDue(Date.now() + 1000);
  if (!claimed) throw new Error('nothing to claim');
  h.cases.queue.markDeadLetter(
    claimed,
    'HTTP 422: field personnummer 19811218-9876 (astrid@example.se) invalid',
    'rejected',
  );
  return submitted.reference;
}

describe('staff mode entry', () => {
  it('a right PIN opens staff mode for that staff member', async () => {
    const h = setup();
    expect(await call(h.staff, 'staff.status')).toEqual({ active: false, configured: true, lockedSeconds: 0 });
    expect(await call(h.staff, 'staff.enter', { pin: PIN_2 })).toEqual({
      ok: true,
      staffId: 'reception-2',
      timeoutSeconds: 120,
    });
    expect(await call(h.staff, 'staff.status')).toEqual({
      active: true,
      staffId: 'reception-2',
      secondsLeft: 120,
      configured: true,
      lockedSeconds: 0,
    });
    expect(h.staff.currentStaffId()).toBe('reception-2');
  });

  it('five wrong PINs lock the pad for five minutes; even the right PIN is refused until then', async () => {
    const h = setup();
    for (let left = 4; left >= 1; left--) {
      expect(await call(h.staff, 'staff.enter', { pin: '000000' })).toEqual({
        ok: false,
        reason: 'wrong_pin',
        attemptsLeft: left,
        lockedSeconds: 0,
      });
    }
    expect(await call(h.staff, 'staff.enter', { pin: '000000' })).toEqual({
      ok: false,
      reason: 'locked',
      attemptsLeft: 0,
      lockedSeconds: 300,
    });
    expect(await call(h.staff, 'staff.enter', { pin: PIN_1 })).toEqual({
      ok: false,
      reason: 'locked',
      attemptsLeft: 0,
      lockedSeconds: 300,
    });
    expect((await call(h.staff, 'staff.status')).lockedSeconds).toBe(300);
    h.clock.advance(300_000);
    expect(await call(h.staff, 'staff.enter', { pin: PIN_1 })).toMatchObject({ ok: true, staffId: 'reception-1' });
  });

  it('the lock survives a restart (a new service on the same data folder)', async () => {
    const h = setup();
    for (let i = 0; i < 5; i++) await call(h.staff, 'staff.enter', { pin: '999999' });
    h.staff.close();
    h.clock.advance(100_000);
    const restarted = h.reopen();
    expect(await call(restarted, 'staff.status')).toMatchObject({ active: false, lockedSeconds: 200 });
    expect(await call(restarted, 'staff.enter', { pin: PIN_1 })).toMatchObject({
      ok: false,
      reason: 'locked',
      lockedSeconds: 200,
    });
    h.clock.advance(200_000);
    expect(await call(restarted, 'staff.enter', { pin: PIN_1 })).toMatchObject({ ok: true });
  });

  it('a second lock lasts twice as long; the right PIN then starts over, and the panel shows the wrong PINs before it', async () => {
    const h = setup();
    for (let i = 0; i < 5; i++) await call(h.staff, 'staff.enter', { pin: '000000' });
    h.clock.advance(300_000);
    for (let i = 0; i < 4; i++) await call(h.staff, 'staff.enter', { pin: '000000' });
    const lastWrong = h.clock.now();
    expect(await call(h.staff, 'staff.enter', { pin: '000000' })).toMatchObject({
      reason: 'locked',
      lockedSeconds: 600,
    });
    h.staff.close();
    h.clock.advance(600_000);
    const restarted = h.reopen();
    expect(await call(restarted, 'staff.enter', { pin: PIN_1 })).toMatchObject({ ok: true });
    expect((await call(restarted, 'staff.overview')).failedPinAttempts).toEqual({
      count: 10,
      lastAt: new Date(lastWrong).toISOString(),
    });
    // the next entry finds none since this one
    await call(restarted, 'staff.leave');
    await call(restarted, 'staff.enter', { pin: PIN_2 });
    expect((await call(restarted, 'staff.overview')).failedPinAttempts).toEqual({ count: 0, lastAt: null });
    // and a lock is the short one again
    await call(restarted, 'staff.leave');
    for (let i = 0; i < 4; i++) await call(restarted, 'staff.enter', { pin: '000000' });
    expect(await call(restarted, 'staff.enter', { pin: '000000' })).toMatchObject({ lockedSeconds: 300 });
  });

  it('guesses sent in parallel cannot outrun the lockout', async () => {
    const h = setup();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => call(h.staff, 'staff.enter', { pin: '123123' })),
    );
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'wrong_pin')).toHaveLength(4);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(8);
  });

  it('without staff in config staff mode cannot be entered', async () => {
    const h = setup({ members: false });
    expect(await call(h.staff, 'staff.status')).toEqual({ active: false, configured: false, lockedSeconds: 0 });
    expect(await call(h.staff, 'staff.enter', { pin: PIN_1 })).toEqual({
      ok: false,
      reason: 'not_configured',
      attemptsLeft: 0,
      lockedSeconds: 0,
    });
  });

  it('one staff member at a time: a second entry takes over without a staff.ended event', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    await call(h.staff, 'staff.enter', { pin: PIN_2 });
    expect(h.staff.currentStaffId()).toBe('reception-2');
    expect(h.events).toEqual([]);
    expect(auditLines(h.dir).map((l) => [l.staff, l.action, l.detail])).toContainEqual([
      'reception-1',
      'leave',
      'replaced',
    ]);
  });
});

describe('staff mode ends', () => {
  it('after the inactivity timeout, with a staff.ended event, and the panel is closed to calls', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    h.clock.advance(100_000);
    await call(h.staff, 'staff.touch'); // activity
    h.clock.advance(100_000);
    expect(h.staff.currentStaffId()).toBe('reception-1');
    h.clock.advance(20_000);
    expect(h.events).toEqual([{ event: 'staff.ended', payload: { reason: 'timeout' } }]);
    expect(await call(h.staff, 'staff.status')).toMatchObject({ active: false });
    const err = await failure(call(h.staff, 'staff.overview'));
    expect(err.code).toBe('forbidden');
    expect(err.extra.reason).toBe('staff_mode_inactive');
    expect(auditLines(h.dir).at(-1)).toMatchObject({ staff: 'reception-1', action: 'timeout', outcome: 'ok' });
  });

  it('by leaving', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect(await call(h.staff, 'staff.leave')).toEqual({});
    expect(h.events).toEqual([{ event: 'staff.ended', payload: { reason: 'left' } }]);
    expect(h.staff.currentStaffId()).toBeNull();
  });

  it('every panel method is refused outside staff mode', async () => {
    const h = setup();
    const gated: Array<[keyof typeof staffMethods, unknown]> = [
      ['staff.leave', {}],
      ['staff.touch', {}],
      ['staff.overview', {}],
      ['staff.retry', { reference: 'K7-4F9Q-2' }],
      ['staff.discard', { reference: 'K7-4F9Q-2' }],
      ['staff.testPrint', {}],
      ['staff.printBlankett', { flowId: 'bygglov', language: 'sv' }],
      ['staff.setOutOfOrder', { on: true }],
      ['staff.markAssisted', {}],
      ['staff.health', {}],
    ];
    for (const [method, input] of gated) {
      const err = await failure(call(h.staff, method, input));
      expect([method, err.code]).toEqual([method, 'forbidden']);
    }
    expect(h.outOfOrder).toEqual([]);
    expect(h.printed).toEqual([]);
  });
});

describe('the staff panel', () => {
  it('shows queue, dead letters, printer, health and config without any personal data', async () => {
    const h = setup();
    const ref = deadLetter(h);
    h.cases.queue.submit(makeDraft());
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    const overview = await call(h.staff, 'staff.overview');
    expect(overview.staffId).toBe('reception-1');
    expect(overview.queue?.counts).toMatchObject({ stored: 1, deadLetter: 1 });
    expect(overview.queue?.waiting).toBe(1);
    expect(overview.queue?.oldestWaiting?.flowId).toBe('bygglov');
    expect(overview.deadLetters).toHaveLength(1);
    expect(overview.deadLetters[0]).toMatchObject({ reference: ref, flowId: 'bygglov', deliveryTarget: 'local' });
    expect(overview.deadLetters[0]?.reason).toMatch(/^HTTP 422: field personnummer \[redacted\]/);
    expect(overview.printer).toEqual({ state: 'ready', printer: 'Reception', reason: null });
    expect(overview.health.checks.map((c) => c.id)).toEqual(['network', 'delivery:local', 'disk']);
    expect(overview.outOfOrder).toEqual({ on: false, by: null, since: null, reason: null, note: null });
    expect(overview.version).toBe('9.9.9-test');
    expect(overview.config).toEqual({
      kioskId: 'kiosk-test',
      municipality: 'Testkommun',
      languages: ['sv', 'en'],
      flows: 'all',
      delivery: { defaultTarget: 'local', targets: [{ name: 'local', type: 'directory', host: null }] },
      bankid: { mode: 'simulator', host: null },
      register: { mode: 'simulator', host: null },
      staff: { members: 2, timeoutSeconds: 120 },
    });
    const text = JSON.stringify(overview);
    for (const personal of ['19811218', 'Astrid', 'Lindqvist', 'Storgatan', 'astrid@example.se', 'uterum', 'scrypt$']) {
      expect(text).not.toContain(personal);
    }
  });

  it("shows the oldest waiting case's last error scrubbed, and each delivery target's reachability", async () => {
    const h = setup();
    h.cases.queue.submit(makeDraft());
    const claimed = h.cases.queue.claimNextDue(Date.now() + 1000);
    if (!claimed) throw new Error('nothing to claim');
    h.cases.queue.markRetry(
      claimed,
      Date.now() + 60_000,
      'HTTP 503 for personnummer 19811218-9876 (astrid@example.se)',
      'transient',
    );
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    const { queue } = await call(h.staff, 'staff.overview');
    expect(queue?.oldestWaiting?.lastError).toMatch(/^HTTP 503 for personnummer \[redacted\]/);
    expect(JSON.stringify(queue)).not.toMatch(/19811218|astrid@/);
    expect(queue?.targets).toEqual(h.cases.worker.state().targets);
    expect(Object.keys(queue?.targets ?? {})).toEqual(['local']);
  });

  it('retry sends a dead letter again and the worker delivers it; the audit log names staff and reference', async () => {
    const h = setup();
    const ref = deadLetter(h);
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect(await call(h.staff, 'staff.retry', { reference: ref.toLowerCase().replace(/-/g, ' ') })).toEqual({
      status: 'stored',
    });
    h.cases.worker.start();
    await h.cases.worker.whenIdle();
    expect(h.cases.queue.status(ref)).toBe('delivered');
    expect(readdirSync(path.join(h.dir, 'outbox')).length).toBeGreaterThan(0);
    expect(auditLines(h.dir).at(-1)).toMatchObject({
      staff: 'reception-1',
      action: 'retry',
      outcome: 'ok',
      reference: ref,
    });
  });

  it('discard gives up a dead letter; a reference that is not held is refused and logged as refused', async () => {
    const h = setup();
    const ref = deadLetter(h);
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect(await call(h.staff, 'staff.discard', { reference: ref })).toEqual({ status: 'unknown' });
    expect(h.cases.queue.stats().counts.discarded).toBe(1);
    const err = await failure(call(h.staff, 'staff.discard', { reference: ref }));
    expect(err.code).toBe('conflict');
    // staff typed something that is no reference at all (here: a personnummer): never written to the audit log
    const typo = await failure(call(h.staff, 'staff.retry', { reference: '198112189876' }));
    expect(typo.code).toBe('not_found');
    const lines = auditLines(h.dir);
    expect(lines.slice(-3).map((l) => [l.action, l.outcome, l.reference ?? l.detail])).toEqual([
      ['discard', 'ok', ref],
      ['discard', 'refused', ref],
      ['retry', 'refused', 'not_found'],
    ]);
    expect(readFileSync(path.join(h.dir, 'audit.log'), 'utf8')).not.toContain('19811218');
  });

  it('the "Ur funktion" switch reaches the kiosk, is audit-logged and survives a restart', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    const on = await call(h.staff, 'staff.setOutOfOrder', {
      on: true,
      reason: 'printer_problem',
      note: 'Skärmen trasig, ring Erik Johansson på 070-123 45 67',
    });
    expect(on).toMatchObject({
      on: true,
      by: 'reception-1',
      reason: 'printer_problem',
      note: 'Skärmen trasig, ring [redacted] på [redacted]',
    });
    expect(h.outOfOrder).toHaveLength(1);
    // what any visitor can open under "För personal och IT": neither the note nor the staff id
    expect(h.outOfOrder[0]?.[0]).toMatch(/^Switched off by staff in the staff panel at \S+$/);
    expect(h.notices.at(-1)).toBe('printer_problem');

    h.staff.close();
    h.reopen(); // a reboot: the kiosk comes back out of order
    expect(h.outOfOrder).toHaveLength(2);
    expect(h.outOfOrder[1]).toEqual(h.outOfOrder[0]);

    const again = h.reopen();
    await call(again, 'staff.enter', { pin: PIN_2 });
    expect(await call(again, 'staff.setOutOfOrder', { on: false })).toEqual({
      on: false,
      by: null,
      since: null,
      reason: null,
      note: null,
    });
    expect(h.notices.at(-1)).toBeNull();
    expect(h.outOfOrder.at(-1)).toBeNull();
    const actions = auditLines(h.dir).map((l) => `${String(l.staff)}:${String(l.action)}`);
    expect(actions).toContain('reception-1:out_of_order_on');
    expect(actions).toContain('reception-2:out_of_order_off');
  });

  it('marks the visit as assisted with the staff id only, and can take it back', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_2 });
    expect(await call(h.staff, 'staff.markAssisted')).toEqual({ assistedBy: 'reception-2' });
    expect(h.visit.state.assistedBy).toBe('reception-2');
    expect((await call(h.staff, 'staff.overview')).assistedBy).toBe('reception-2');
    expect(await call(h.staff, 'staff.markAssisted', { on: false })).toEqual({ assistedBy: null });
    expect(h.visit.state.assistedBy).toBeNull();
  });

  it('test print and blank blankett go to the printer; without one they answer unavailable', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect(await call(h.staff, 'staff.testPrint')).toEqual({ jobId: 'Reception-17' });
    expect(h.pages).toHaveLength(1);
    expect(h.pages[0]?.title).toBe('Kommunkiosk testsida');
    const page = await PDFDocument.load(h.pages[0]?.pdf ?? new Uint8Array());
    expect(page.getPageCount()).toBe(1);
    expect(page.getTitle()).toBe('Kommunkiosk – testsida');
    expect(await call(h.staff, 'staff.printBlankett', { flowId: 'bygglov', language: 'en' })).toEqual({
      jobId: 'Reception-18',
    });
    expect(h.printed).toEqual([['bygglov', 'en']]);

    const bare = setup({ printing: null });
    await call(bare.staff, 'staff.enter', { pin: PIN_1 });
    expect((await failure(call(bare.staff, 'staff.testPrint'))).extra.reason).toBe('no_printer');
    expect((await call(bare.staff, 'staff.overview')).printer).toBeNull();
  });

  it('the test page goes through the real print service (folder adapter); a "none" printer counts as no printer', async () => {
    const out = tempDir('kk-printouts-');
    cleanups.push(() => out.remove());
    const printer = createPrinter({ adapter: 'folder', folder: out.dir }, silentLogger(), { dataDir: out.dir });
    const h = setup({ printing: printer });
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect((await call(h.staff, 'staff.overview')).printer?.state).toBe('ready');
    const { jobId } = await call(h.staff, 'staff.testPrint');
    expect(jobId).not.toBeNull();
    const files = readdirSync(out.dir).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(1);
    expect(
      readFileSync(path.join(out.dir, files[0] as string))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const none = setup({ printing: createPrinter({ adapter: 'none' }, silentLogger(), { dataDir: out.dir }) });
    await call(none.staff, 'staff.enter', { pin: PIN_1 });
    expect((await call(none.staff, 'staff.overview')).printer).toBeNull();
    expect((await failure(call(none.staff, 'staff.testPrint'))).extra.reason).toBe('no_printer');
  });

  it('a printer in an unexpected state, or one that fails, is shown as unknown with the reason', async () => {
    const h = setup({
      printing: {
        status: async () => ({ state: 'jammed', printer: 'Reception' }),
        print: async () => {
          throw new KioskFailure('print_failed', 'The printer Reception is stopped.', { reason: 'stopped' });
        },
      },
    });
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    expect((await call(h.staff, 'staff.overview')).printer).toEqual({
      state: 'unknown',
      printer: 'Reception',
      reason: 'printer state "jammed"',
    });
    expect((await failure(call(h.staff, 'staff.testPrint'))).code).toBe('print_failed');
    expect(auditLines(h.dir).at(-1)).toMatchObject({ action: 'test_print', outcome: 'refused', detail: 'stopped' });
  });

  it('staff.health runs the checks now', async () => {
    const h = setup();
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    const report = await call(h.staff, 'staff.health');
    expect(report.checks.find((c) => c.id === 'disk')).toBeDefined();
    expect(auditLines(h.dir).at(-1)).toMatchObject({ action: 'health', staff: 'reception-1' });
  });
});

describe('audit log', () => {
  it('is 0600, one JSON object per line with fixed fields, and never holds a PIN or visitor data', async () => {
    const h = setup();
    const ref = deadLetter(h);
    await call(h.staff, 'staff.enter', { pin: '777777' });
    await call(h.staff, 'staff.enter', { pin: PIN_1 });
    await call(h.staff, 'staff.retry', { reference: ref });
    await call(h.staff, 'staff.setOutOfOrder', { on: true, note: 'Astrid 19811218-9876 glömde sin väska' });
    await call(h.staff, 'staff.leave');
    const file = path.join(h.dir, 'audit.log');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = auditLines(h.dir);
    expect(lines.map((l) => [l.staff, l.action, l.outcome])).toEqual([
      [null, 'enter', 'refused'],
      ['reception-1', 'enter', 'ok'],
      ['reception-1', 'retry', 'ok'],
      ['reception-1', 'out_of_order_on', 'ok'],
      ['reception-1', 'leave', 'ok'],
    ]);
    const allowed = new Set([
      'time',
      'kiosk',
      'staff',
      'action',
      'outcome',
      'detail',
      'reference',
      'flow',
      'language',
      'attemptsLeft',
      'note',
    ]);
    for (const l of lines) {
      for (const k of Object.keys(l)) expect(allowed.has(k)).toBe(true);
      expect(new Date(String(l.time)).toISOString()).toBe(l.time);
      expect(l.kiosk).toBe('kiosk-test');
    }
    const text = readFileSync(file, 'utf8');
    for (const secret of ['777777', PIN_1, '19811218', '9876']) expect(text).not.toContain(secret);
    // the kiosk log neither
    for (const secret of ['777777', PIN_1]) expect(h.logText()).not.toContain(secret);
  });
});
