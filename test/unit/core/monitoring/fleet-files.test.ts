/**
 * The files IT installs for fleet monitoring (build/linux) and the real consumer of the metrics file:
 * node_exporter's textfile collector reads what the kiosk writes, and promtool accepts the alert
 * rules. Both tools come from Debian (prometheus-node-exporter, prometheus); without them those two
 * tests are skipped with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMetricsFile } from '../../../../src/core/monitoring/metrics-file';
import { silentLogger, tempDir } from '../staff/staff-fixtures';
import { parseExposition, valueOf } from './prometheus-parser';

const repo = path.resolve(__dirname, '../../../..');
const linux = path.join(repo, 'build/linux');
const has = (cmd: string): boolean => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const nodeExporter = 'prometheus-node-exporter';
const hasNodeExporter = has(nodeExporter);
const hasPromtool = has('promtool');

const children: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    }
  }
  cleanups.splice(0).forEach((c) => c());
});

function freePort(): Promise<number> {
  const s = net.createServer();
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }),
  );
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('fleet monitoring files', () => {
  it('the sample metrics file in build/linux is valid and names every family of the alert rules', () => {
    const sample = parseExposition(readFileSync(path.join(linux, 'kommunkiosk.prom.example'), 'utf8'));
    expect(valueOf(sample, 'kommunkiosk_info', { kiosk: 'receptionen-1' })).toBe(1);
    const rules = parseYaml(readFileSync(path.join(linux, 'prometheus-rules-kommunkiosk.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
    };
    const exprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(2);
    for (const expr of exprs) {
      for (const name of expr.match(/kommunkiosk_[a-z_]+/g) ?? []) expect(sample.types.has(name), name).toBe(true);
    }
  });

  it.skipIf(!hasPromtool)(
    "promtool accepts the alert rules and the sample metrics (skipped without Debian's prometheus package)",
    () => {
      const rules = spawnSync('promtool', ['check', 'rules', path.join(linux, 'prometheus-rules-kommunkiosk.yml')], {
        encoding: 'utf8',
      });
      expect(rules.status, rules.stdout + rules.stderr).toBe(0);
      const metrics = spawnSync('promtool', ['check', 'metrics'], {
        input: readFileSync(path.join(linux, 'kommunkiosk.prom.example')),
        encoding: 'utf8',
      });
      expect(metrics.status, metrics.stdout + metrics.stderr).toBe(0);
      expect(metrics.stdout + metrics.stderr).toBe('');
    },
  );

  it.skipIf(!hasNodeExporter)(
    "node_exporter's textfile collector serves what the kiosk writes (skipped without prometheus-node-exporter)",
    async () => {
      const t = tempDir('kk-textfile-');
      cleanups.push(() => t.remove());
      const metrics = createMetricsFile({
        config: { textfileDir: t.dir },
        sources: {
          kioskId: 'receptionen-1',
          version: '0.1.0',
          configValid: true,
          cases: {
            stats: () => ({
              counts: { stored: 2, in_flight: 0, delivered: 5, dead_letter: 1, discarded: 0 },
              waiting: 2,
              oldestWaiting: {
                reference: 'K7-4F9Q-2',
                flowId: 'bygglov',
                deliveryTarget: 'local',
                storedAt: '2025-03-01T08:00:00.000Z',
                ageSeconds: 90,
                attempts: 1,
                lastError: null,
              },
              lastDeliveryAt: null,
              deadLetters: 1,
            }),
          },
        },
        logger: silentLogger(),
      });
      expect(await metrics.writeNow()).toBe(true);
      const port = await freePort();
      const child = spawn(
        nodeExporter,
        [
          `--web.listen-address=127.0.0.1:${port}`,
          '--collector.disable-defaults',
          '--collector.textfile',
          `--collector.textfile.directory=${t.dir}`,
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      let body = '';
      for (let i = 0; i < 100; i++) {
        try {
          const res = await get(`http://127.0.0.1:${port}/metrics`);
          if (res.status === 200) {
            body = res.body;
            break;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(body).not.toBe('');
      expect(body).toMatch(/^node_textfile_scrape_error 0$/m);
      expect(body).toContain('kommunkiosk_cases{status="stored"} 2');
      expect(body).toContain('kommunkiosk_dead_letters 1');
      expect(body).toContain('kommunkiosk_info{kiosk="receptionen-1",version="0.1.0"} 1');
      expect(body).toMatch(/^node_textfile_mtime_seconds\{file="(.*\/)?kommunkiosk\.prom"\} \d/m);
    },
  );
});
