import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaseService, type CaseService } from '../../../../src/core/cases/service';
import type { HealthChecks, HealthReport } from '../../../../src/core/health/health-checks';
import {
  collectMetrics,
  createMetricsFile,
  METRICS_FILE,
  type MetricsSources,
} from '../../../../src/core/monitoring/metrics-file';
import { renderExposition } from '../../../../src/core/monitoring/prometheus-text';
import { makeDraft } from '../cases/case-fixtures';
import { recordingLogger, silentLogger, tempDir } from '../staff/staff-fixtures';
import { parseExposition, valueOf } from './prometheus-parser';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const t = tempDir('kk-metrics-');
  cleanups.push(() => t.remove());
  return t.dir;
}

function fixedHealth(report: HealthReport): HealthChecks & { runs: number } {
  const h = {
    runs: 0,
    run: async () => {
      h.runs += 1;
      return report;
    },
    last: () => report,
  };
  return h;
}

const REPORT: HealthReport = {
  checkedAt: '2025-03-01T08:00:00.000Z',
  checks: [
    { id: 'network', ok: true, severity: 'ok', key: 'ok', reason: 'connected' },
    { id: 'bankid', ok: true, severity: 'ok', key: 'ok', reason: 'answers' },
    { id: 'register', ok: false, severity: 'fail', key: 'refused', reason: 'refused' },
    { id: 'delivery:municipality', ok: false, severity: 'warn', key: 'timeout', reason: 'no answer' },
    { id: 'delivery:local', ok: true, severity: 'ok', key: 'ok', reason: 'writable' },
    { id: 'disk', ok: false, severity: 'warn', key: 'disk_low', reason: 'low' },
    { id: 'cups', ok: false, severity: 'warn', key: 'cups_keeps_jobs', reason: 'keeps' },
  ],
};

function caseService(): CaseService {
  const d = dir();
  const cases = createCaseService({
    config: {},
    dataDir: d,
    logger: silentLogger(),
    emit: () => undefined,
    startWorker: false,
  });
  cleanups.push(() => cases.close());
  return cases;
}

describe('the metrics file', () => {
  it('is valid Prometheus text with HELP/TYPE lines, and reads back to the kiosk state', async () => {
    const cases = caseService();
    // one delivered, one dead letter, two waiting
    const delivered = cases.queue.submit(makeDraft());
    const c1 = cases.queue.claimNextDue(Date.now() + 1000);
    if (!c1 || c1.reference !== delivered.reference) throw new Error('claim order');
    cases.queue.markDelivered(c1, 'RCV-1');
    cases.queue.submit(makeDraft());
    const c2 = cases.queue.claimNextDue(Date.now() + 1000);
    if (!c2) throw new Error('nothing to claim');
    cases.queue.markDeadLetter(c2, 'HTTP 422', 'rejected');
    cases.queue.submit(makeDraft());
    cases.queue.submit(makeDraft());

    const out = dir();
    const metrics = createMetricsFile({
      config: { textfileDir: out, intervalSeconds: 30 },
      sources: {
        kioskId: 'receptionen-1',
        version: '1.2.3 "beta" \\ test',
        configValid: true,
        cases: cases.queue,
        health: fixedHealth(REPORT),
        printing: { status: async () => ({ state: 'out_of_paper' }) },
        outOfOrder: () => false,
      },
      logger: silentLogger(),
    });
    expect(await metrics.writeNow()).toBe(true);
    const file = path.join(out, METRICS_FILE);
    expect(metrics.file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const text = readFileSync(file, 'utf8');
    const p = parseExposition(text);

    for (const name of p.types.keys()) expect(p.types.get(name)).toBe('gauge');
    expect([...p.types.keys()]).toEqual([
      'kommunkiosk_info',
      'kommunkiosk_config_valid',
      'kommunkiosk_out_of_order',
      'kommunkiosk_cases',
      'kommunkiosk_oldest_waiting_case_age_seconds',
      'kommunkiosk_dead_letters',
      'kommunkiosk_last_delivery_timestamp_seconds',
      'kommunkiosk_printer_ready',
      'kommunkiosk_bankid_reachable',
      'kommunkiosk_register_reachable',
      'kommunkiosk_delivery_target_reachable',
      'kommunkiosk_health_check_status',
    ]);
    expect(valueOf(p, 'kommunkiosk_info', { version: '1.2.3 "beta" \\ test', kiosk: 'receptionen-1' })).toBe(1);
    expect(valueOf(p, 'kommunkiosk_config_valid')).toBe(1);
    expect(valueOf(p, 'kommunkiosk_out_of_order')).toBe(0);
    expect(valueOf(p, 'kommunkiosk_cases', { status: 'stored' })).toBe(2);
    expect(valueOf(p, 'kommunkiosk_cases', { status: 'delivered' })).toBe(1);
    expect(valueOf(p, 'kommunkiosk_cases', { status: 'dead_letter' })).toBe(1);
    expect(valueOf(p, 'kommunkiosk_cases', { status: 'in_flight' })).toBe(0);
    expect(valueOf(p, 'kommunkiosk_dead_letters')).toBe(1);
    // the age of the oldest waiting case, in seconds (not ms, not a timestamp)
    const age = valueOf(p, 'kommunkiosk_oldest_waiting_case_age_seconds') ?? -1;
    expect(age).toBeGreaterThanOrEqual(0);
    const oldest = cases.queue.stats().oldestWaiting;
    expect(oldest).not.toBeNull();
    expect(Math.abs(age - (Date.now() - Date.parse(oldest?.storedAt ?? '')) / 1000)).toBeLessThan(60);
    const lastDelivery = valueOf(p, 'kommunkiosk_last_delivery_timestamp_seconds') ?? 0;
    expect(Math.abs(lastDelivery - Date.now() / 1000)).toBeLessThan(600);
    expect(valueOf(p, 'kommunkiosk_printer_ready')).toBe(0);
    expect(valueOf(p, 'kommunkiosk_bankid_reachable')).toBe(1);
    expect(valueOf(p, 'kommunkiosk_register_reachable')).toBe(0);
    expect(valueOf(p, 'kommunkiosk_delivery_target_reachable', { target: 'municipality' })).toBe(0);
    expect(valueOf(p, 'kommunkiosk_delivery_target_reachable', { target: 'local' })).toBe(1);
    expect(valueOf(p, 'kommunkiosk_health_check_status', { check: 'register' })).toBe(2);
    expect(valueOf(p, 'kommunkiosk_health_check_status', { check: 'cups' })).toBe(1);
    expect(valueOf(p, 'kommunkiosk_health_check_status', { check: 'network' })).toBe(0);
    // nothing about the visitors of those cases
    for (const personal of ['Astrid', '19811218', 'Storgatan', 'uterum']) expect(text).not.toContain(personal);
    // no temporary file left beside it (node_exporter would ignore it, but it must not pile up)
    expect(readdirSync(out)).toEqual([METRICS_FILE]);
  });

  it('an out-of-order kiosk with an invalid config still reports what it knows', async () => {
    const families = await collectMetrics(
      { kioskId: 'unconfigured', version: '1.0.0', configValid: false, outOfOrder: () => true },
      silentLogger(),
    );
    const p = parseExposition(renderExposition(families));
    expect(valueOf(p, 'kommunkiosk_config_valid')).toBe(0);
    expect(valueOf(p, 'kommunkiosk_out_of_order')).toBe(1);
    expect(p.types.has('kommunkiosk_cases')).toBe(false);
  });

  it('a part that fails is left out, the rest is written', async () => {
    const { logger, text } = recordingLogger();
    const sources: MetricsSources = {
      kioskId: 'k1',
      version: '1',
      configValid: true,
      cases: {
        stats: () => {
          throw new Error('database is closed');
        },
      },
      printing: {
        status: async () => {
          throw new Error('lpstat missing');
        },
      },
    };
    const p = parseExposition(renderExposition(await collectMetrics(sources, logger)));
    expect(p.types.has('kommunkiosk_cases')).toBe(false);
    expect(valueOf(p, 'kommunkiosk_printer_ready')).toBe(0);
    expect(text()).toContain('queue statistics unavailable');
  });

  it('is replaced atomically: a reader in another process never sees a partial file', async () => {
    const out = dir();
    const file = path.join(out, METRICS_FILE);
    let size = 0;
    // the kiosk id changes length at every write, so every version of the file differs in size
    const sources = {
      get kioskId() {
        size = (size + 7919) % 60_000;
        return `k${'x'.repeat(size)}`;
      },
      version: '1.0.0',
      configValid: true,
      health: fixedHealth(REPORT),
    } satisfies MetricsSources;
    const metrics = createMetricsFile({ config: { textfileDir: out }, sources, logger: silentLogger() });
    expect(await metrics.writeNow()).toBe(true);

    const stopFile = path.join(out, 'stop');
    const reader = `
      const fs = require('node:fs');
      const [file, stop] = process.argv.slice(1);
      let reads = 0, bad = 0, example = '';
      for (let i = 0; i < 200000 && !fs.existsSync(stop); i++) {
        let text;
        try { text = fs.readFileSync(file, 'utf8'); } catch (e) { bad++; example = String(e.code); continue; }
        reads++;
        if (reads === 1) process.stderr.write('reading\\n');
        const complete = text.startsWith('# HELP kommunkiosk_info ') && text.endsWith('kommunkiosk_health_check_status{check="cups"} 1\\n');
        if (!complete) { bad++; example = text.slice(-80); }
      }
      process.stdout.write(JSON.stringify({ reads, bad, example }));
    `;
    const child = spawn(process.execPath, ['-e', reader, file, stopFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // the writes start once the reader reads (on a loaded machine it may take a while to start)
    await new Promise((resolve) => child.stderr.once('data', resolve));
    for (let i = 0; i < 300; i++) expect(await metrics.writeNow()).toBe(true);
    writeFileSync(stopFile, '');
    await exited;
    const result = JSON.parse(output) as { reads: number; bad: number; example: string };
    expect(result.reads).toBeGreaterThan(0);
    expect(result).toMatchObject({ bad: 0 });
    expect(readdirSync(out).sort()).toEqual([METRICS_FILE, 'stop']);
  });

  it('a folder that does not exist is reported once, not at every interval, and nothing is created', async () => {
    const { logger, text } = recordingLogger();
    const missing = path.join(dir(), 'node-exporter');
    const metrics = createMetricsFile({
      config: { textfileDir: missing },
      sources: { kioskId: 'k', version: '1', configValid: true },
      logger,
    });
    expect(await metrics.writeNow()).toBe(false);
    expect(await metrics.writeNow()).toBe(false);
    expect(existsSync(missing)).toBe(false);
    expect(text().match(/metrics file could not be written/g)).toHaveLength(1);
  });

  it('start writes at once and runs the health checks; off when no folder is configured', async () => {
    const out = dir();
    const health = fixedHealth(REPORT);
    const metrics = createMetricsFile({
      config: { textfileDir: out, intervalSeconds: 30 },
      sources: { kioskId: 'k', version: '1', configValid: true, health },
      logger: silentLogger(),
    });
    metrics.start();
    await metrics.stop(); // waits for the first write
    expect(existsSync(path.join(out, METRICS_FILE))).toBe(true);
    expect(health.runs).toBe(1);

    const off = createMetricsFile({
      config: {},
      sources: { kioskId: 'k', version: '1', configValid: true, health },
      logger: silentLogger(),
    });
    expect(off.file).toBeNull();
    off.start();
    await off.stop();
    expect(await off.writeNow()).toBe(false);
    expect(health.runs).toBe(1);
  });
});
