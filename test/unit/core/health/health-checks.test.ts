/** Health checks against real local servers (HTTPS, TLS with client certificates, SMTP greeting) and real files. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../../../../src/core/cases/config';
import { kioskConfigSchema } from '../../../../src/core/config/kiosk-config';
import { parseCupsRetention, keepsData } from '../../../../src/core/health/cupsd-conf';
import {
  createHealthChecks,
  type HealthCheckOptions,
  type HealthCheckResult,
} from '../../../../src/core/health/health-checks';
import { healthOptionsFromConfig } from '../../../../src/core/health/health-setup';
import { createTestPki, type TestPki } from '../../../../src/simulators/test-pki';
import { recordingLogger, silentLogger, tempDir } from '../staff/staff-fixtures';

let pki: TestPki;
let otherPki: TestPki;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

/** A port that was just free: nothing listens there. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await new Promise<number>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)),
  );
  await new Promise((r) => s.close(r));
  return port;
}

function httpsServer(options: https.ServerOptions = {}): https.Server {
  return https.createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem, ...options }, (_req, res) => {
    res.writeHead(404).end();
  });
}

beforeAll(() => {
  pki = createTestPki({ name: 'Health test', clientName: 'kiosk-test' });
  otherPki = createTestPki({ name: 'Somebody else', clientName: 'x' });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir(): string {
  const t = tempDir('kk-health-');
  dirs.push(t);
  return t.dir;
}

function base(overrides: Partial<HealthCheckOptions> = {}): HealthCheckOptions {
  return {
    dataDir: overrides.dataDir ?? dir(),
    bankid: null,
    register: null,
    deliveryTargets: {},
    dataKey: null,
    cupsdConf: null,
    logger: silentLogger(),
    config: { timeoutSeconds: 2 },
    networkInterfaces: () => ({
      eth0: [
        {
          address: '192.0.2.10',
          netmask: '255.255.255.0',
          family: 'IPv4',
          mac: '00:00:00:00:00:01',
          internal: false,
          cidr: '192.0.2.10/24',
        },
      ],
    }),
    ...overrides,
  };
}

async function check(options: HealthCheckOptions, id: string): Promise<HealthCheckResult> {
  const report = await createHealthChecks(options).run();
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('reachability of BankID, the register and delivery targets', () => {
  it('a TLS server whose certificate chains to the configured CA is reachable (any HTTP status counts)', async () => {
    const port = await listen(httpsServer());
    const result = await check(
      base({ bankid: { url: `https://127.0.0.1:${port}/rp/v6.0/`, tls: () => ({ ca: pki.caCertPem }), pinCa: true } }),
      'bankid',
    );
    expect(result).toMatchObject({ ok: true, severity: 'ok', key: 'ok' });
    expect(result.reason).toMatch(/BankID answers at 127\.0\.0\.1 \(HTTP 404\)/);
  });

  it('a closed port fails with "refused"', async () => {
    const port = await closedPort();
    const result = await check(base({ register: { url: `https://127.0.0.1:${port}/` } }), 'register');
    expect(result).toMatchObject({ ok: false, severity: 'fail', key: 'refused' });
    expect(result.reason).toBe(
      `the person register is not reachable: 127.0.0.1:${port} refused the connection (nothing listening on that port)`,
    );
  });

  it('a server with a certificate from another CA is not trusted', async () => {
    const port = await listen(httpsServer());
    const result = await check(
      base({ bankid: { url: `https://127.0.0.1:${port}/`, tls: () => ({ ca: otherPki.caCertPem }), pinCa: true } }),
      'bankid',
    );
    expect(result).toMatchObject({ ok: false, severity: 'fail', key: 'tls_untrusted' });
    expect(result.reason).toMatch(/not trusted .*check the CA file/);
  });

  it('a server that demands a client certificate refuses the probe without one and accepts it with one', async () => {
    const port = await listen(httpsServer({ requestCert: true, rejectUnauthorized: true, ca: pki.caCertPem }));
    const url = `https://127.0.0.1:${port}/`;
    const without = await check(base({ bankid: { url, tls: () => ({ ca: pki.caCertPem }) } }), 'bankid');
    expect(without.ok).toBe(false);
    expect(['tls_refused', 'reset']).toContain(without.key);
    const withCert = await check(
      base({
        bankid: {
          url,
          tls: () => ({ ca: pki.caCertPem, pfx: pki.clientPfx, passphrase: pki.passphrase }),
          pinCa: true,
        },
      }),
      'bankid',
    );
    expect(withCert).toMatchObject({ ok: true, key: 'ok' });
    const wrongPassphrase = await check(
      base({ bankid: { url, tls: () => ({ ca: pki.caCertPem, pfx: pki.clientPfx, passphrase: 'wrong' }) } }),
      'bankid',
    );
    expect(wrongPassphrase).toMatchObject({ ok: false, key: 'config' });
    expect(wrongPassphrase.reason).toMatch(/TLS material for 127\.0\.0\.1:\d+ cannot be used/);
  });

  it('a server that accepts but never answers times out', async () => {
    const silent = net.createServer(() => undefined);
    const port = await listen(silent);
    const result = await check(
      base({ config: { timeoutSeconds: 1 }, register: { url: `https://127.0.0.1:${port}/` } }),
      'register',
    );
    expect(result).toMatchObject({ ok: false, key: 'timeout' });
    expect(result.reason).toMatch(/no answer from 127\.0\.0\.1:\d+ within 1 s/);
  });

  it('a certificate file that cannot be read is reported with its path', async () => {
    const result = await check(
      base({
        bankid: {
          url: 'https://127.0.0.1:1/',
          tls: () => {
            throw new Error(
              'BankID CA certificate (caFile) could not be read from /etc/kommunkiosk/bankid-ca.pem (ENOENT)',
            );
          },
        },
      }),
      'bankid',
    );
    expect(result).toMatchObject({
      ok: false,
      key: 'config',
      reason: expect.stringContaining('/etc/kommunkiosk/bankid-ca.pem'),
    });
  });

  it('the embedded simulator is reachable but flagged for IT', async () => {
    const port = await listen(httpsServer());
    const result = await check(
      base({ bankid: { url: `https://127.0.0.1:${port}/`, tls: () => ({ ca: pki.caCertPem }), simulator: true } }),
      'bankid',
    );
    expect(result).toMatchObject({ ok: true, severity: 'warn', key: 'simulator' });
  });

  it('delivery targets: HTTPS with its CA file, an SMTP greeting, a folder', async () => {
    const d = dir();
    const httpsPort = await listen(httpsServer());
    const caFile = path.join(d, 'receiver-ca.pem');
    writeFileSync(caFile, pki.caCertPem);
    const smtpPort = await listen(net.createServer((s) => s.end('220 mail.exempelkommun.se ESMTP ready\r\n')));
    const notSmtpPort = await listen(net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const outbox = path.join(d, 'outbox');
    mkdirSync(outbox);
    const targets: Record<string, ResolvedTarget> = {
      municipality: {
        type: 'https',
        format: 'envelope',
        url: `https://127.0.0.1:${httpsPort}/cases`,
        caFile,
        timeoutMs: 30_000,
      },
      registry: {
        type: 'smtp',
        format: 'envelope',
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        requireTLS: true,
        from: 'kiosk@exempelkommun.se',
        to: 'registrator@exempelkommun.se',
        timeoutMs: 30_000,
      },
      wrong: {
        type: 'smtp',
        format: 'envelope',
        host: '127.0.0.1',
        port: notSmtpPort,
        secure: false,
        requireTLS: true,
        from: 'kiosk@exempelkommun.se',
        to: 'registrator@exempelkommun.se',
        timeoutMs: 30_000,
      },
      share: { type: 'directory', format: 'envelope', dir: outbox, createDir: false },
      unmounted: { type: 'directory', format: 'envelope', dir: path.join(d, 'mnt', 'cases'), createDir: false },
      local: { type: 'directory', format: 'envelope', dir: path.join(d, 'new-outbox'), createDir: true },
      noca: {
        type: 'https',
        format: 'envelope',
        url: `https://127.0.0.1:${httpsPort}/cases`,
        caFile: path.join(d, 'missing-ca.pem'),
        timeoutMs: 30_000,
      },
    };
    const report = await createHealthChecks(base({ dataDir: d, deliveryTargets: targets })).run();
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['delivery:municipality']).toMatchObject({ ok: true, key: 'ok' });
    expect(byId['delivery:registry']).toMatchObject({
      ok: true,
      key: 'ok',
      reason: expect.stringContaining('SMTP 220'),
    });
    expect(byId['delivery:wrong']).toMatchObject({ ok: false, severity: 'warn', key: 'unexpected_answer' });
    expect(byId['delivery:share']).toMatchObject({ ok: true, key: 'ok' });
    expect(byId['delivery:unmounted']).toMatchObject({
      ok: false,
      severity: 'warn',
      key: 'folder_missing',
      reason: expect.stringContaining('is the share mounted?'),
    });
    expect(byId['delivery:local']).toMatchObject({ ok: true, key: 'ok' });
    expect(byId['delivery:noca']).toMatchObject({
      ok: false,
      key: 'config',
      reason: expect.stringContaining('missing-ca.pem cannot be read (ENOENT)'),
    });
  });
});

describe('network, disk and data key', () => {
  it('no interface with an address fails the network check', async () => {
    const result = await check(
      base({
        networkInterfaces: () => ({
          lo: [
            {
              address: '127.0.0.1',
              netmask: '255.0.0.0',
              family: 'IPv4',
              mac: '00:00:00:00:00:00',
              internal: true,
              cidr: '127.0.0.1/8',
            },
          ],
        }),
      }),
      'network',
    );
    expect(result).toMatchObject({ ok: false, severity: 'fail', key: 'no_network' });
  });

  it('warns when the disk is nearly full and fails when it is full', async () => {
    const GB = 1024 ** 3;
    const disk = (free: number, total: number) =>
      base({ statfs: async () => ({ bavail: free / 4096, blocks: total / 4096, bsize: 4096 }) });
    expect(await check(disk(50 * GB, 100 * GB), 'disk')).toMatchObject({ ok: true, key: 'ok' });
    const pct = await check(disk(5 * GB, 100 * GB), 'disk');
    expect(pct).toMatchObject({ ok: false, severity: 'warn', key: 'disk_low' });
    expect(pct.reason).toMatch(/5\.0 GB free of 100\.0 GB \(5\.0 %\)/);
    expect(await check(disk(0.5 * GB, 4 * GB), 'disk')).toMatchObject({ severity: 'warn', key: 'disk_low' });
    expect(await check(disk(50 * 1024 ** 2, 100 * GB), 'disk')).toMatchObject({ severity: 'fail', key: 'disk_full' });
  });

  it('measures the real disk of a data folder that does not exist yet', async () => {
    const result = await check(base({ dataDir: path.join(dir(), 'not', 'yet') }), 'disk');
    expect(['ok', 'disk_low', 'disk_full']).toContain(result.key);
    expect(result.reason).toMatch(/free of/);
  });

  it('flags a key file others can read, a missing one, one in the data folder, and a key store that protects nothing', async () => {
    const dataDir = dir();
    const secrets = dir();
    const good = path.join(secrets, 'cases.key');
    writeFileSync(good, 'x'.repeat(44), { mode: 0o600 });
    chmodSync(good, 0o600);
    const loose = path.join(secrets, 'loose.key');
    writeFileSync(loose, 'x'.repeat(44));
    chmodSync(loose, 0o644);
    const inData = path.join(dataDir, 'cases.key');
    writeFileSync(inData, 'x'.repeat(44), { mode: 0o600 });
    chmodSync(inData, 0o600);
    const keyCheck = (dataKey: HealthCheckOptions['dataKey']) =>
      check(base({ dataDir, dataKey, platform: 'linux' }), 'data_key');

    expect(await keyCheck({ kind: 'key-file', file: good })).toMatchObject({ ok: true, key: 'ok' });
    const l = await keyCheck({ kind: 'key-file', file: loose });
    expect(l).toMatchObject({ ok: false, severity: 'fail', key: 'key_unprotected' });
    expect(l.reason).toContain('mode 0644');
    expect(l.reason).toContain(`chmod 600 ${loose}`);
    expect(await keyCheck({ kind: 'key-file', file: path.join(secrets, 'gone.key') })).toMatchObject({
      severity: 'fail',
      key: 'key_missing',
    });
    expect(await keyCheck({ kind: 'key-file', file: inData })).toMatchObject({
      severity: 'warn',
      key: 'key_in_data_folder',
    });
    expect(await keyCheck({ kind: 'key-store', name: 'safeStorage:basic_text', protects: false })).toMatchObject({
      severity: 'fail',
      key: 'key_unprotected',
    });
    expect(await keyCheck({ kind: 'key-store', name: 'safeStorage:dpapi', protects: true })).toMatchObject({
      ok: true,
      key: 'ok',
    });
  });
});

describe('CUPS keeps job files', () => {
  const fixture = (text: string): string => {
    const file = path.join(dir(), 'cupsd.conf');
    writeFileSync(file, text);
    return file;
  };

  it('PreserveJobFiles Yes → warn, naming the directive and the fix', async () => {
    const file = fixture(
      'LogLevel warn\nPreserveJobFiles Yes\nPreserveJobHistory No\n<Location />\n  Order allow,deny\n</Location>\n',
    );
    const result = await check(base({ cupsdConf: file }), 'cups');
    expect(result).toMatchObject({ ok: false, severity: 'warn', key: 'cups_keeps_jobs' });
    expect(result.reason).toMatch(/personal data: PreserveJobFiles Yes in \//);
    expect(result.reason).toContain('Set PreserveJobFiles No and PreserveJobHistory No');
  });

  it('both No (the kiosk snippet appended to a stock file) → ok; not set at all → warn (CUPS defaults keep them)', async () => {
    const stock = 'LogLevel warn\nPreserveJobFiles 86400\n# PreserveJobHistory No\n';
    const snippet = '\n# Kommunkiosk\nPreserveJobFiles No\nPreserveJobHistory No\nBrowsing No\n';
    expect(await check(base({ cupsdConf: fixture(stock + snippet) }), 'cups')).toMatchObject({ ok: true, key: 'ok' });
    const unset = await check(base({ cupsdConf: fixture('LogLevel warn\n') }), 'cups');
    expect(unset).toMatchObject({ severity: 'warn', key: 'cups_keeps_jobs' });
    expect(unset.reason).toContain('not set');
  });

  it('a missing cupsd.conf is a warning, not a crash; CUPS is not checked when printing does not use it', async () => {
    expect(await check(base({ cupsdConf: path.join(dir(), 'nope.conf') }), 'cups')).toMatchObject({
      severity: 'warn',
      key: 'cups_conf_unreadable',
    });
    const report = await createHealthChecks(base()).run();
    expect(report.checks.map((c) => c.id)).not.toContain('cups');
  });

  it('parses only top-level directives; the last one wins; values are case-insensitive', () => {
    expect(parseCupsRetention('PreserveJobFiles Yes\n<Policy default>\nPreserveJobFiles No\n</Policy>\n')).toEqual({
      preserveJobFiles: 'Yes',
      preserveJobHistory: null,
    });
    expect(parseCupsRetention('preservejobfiles yes\nPRESERVEJOBFILES off\n').preserveJobFiles).toBe('off');
    expect(keepsData('off')).toBe(false);
    expect(keepsData('No')).toBe(false);
    expect(keepsData('3600')).toBe(true);
    expect(keepsData(null)).toBe(true);
  });
});

describe('the check run', () => {
  it('logs a check that needs attention once, and again when it recovers', async () => {
    const { logger, text } = recordingLogger();
    const file = path.join(dir(), 'cupsd.conf');
    writeFileSync(file, 'PreserveJobFiles Yes\nPreserveJobHistory No\n');
    const checks = createHealthChecks(base({ cupsdConf: file, logger }));
    await checks.run();
    await checks.run();
    writeFileSync(file, 'PreserveJobFiles No\nPreserveJobHistory No\n');
    await checks.run();
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; check?: string });
    expect(lines.filter((l) => l.check === 'cups').map((l) => l.msg)).toEqual([
      'health check needs attention',
      'health check passes again',
    ]);
  });

  it('concurrent runs share one run; last() keeps the latest report', async () => {
    const checks = createHealthChecks(base());
    expect(checks.last()).toBeNull();
    const [a, b] = [checks.run(), checks.run()];
    expect(a).toBe(b);
    const report = await a;
    expect(checks.last()).toBe(report);
  });

  it('builds the checks from the kiosk config (register external, relative CA file, key file from the cases section)', async () => {
    const configDir = dir();
    const dataDir = dir();
    const port = await listen(httpsServer());
    writeFileSync(path.join(configDir, 'register-ca.pem'), pki.caCertPem);
    const config = kioskConfigSchema.parse({
      identity: { register: { mode: 'external', url: `https://127.0.0.1:${port}/`, caFile: 'register-ca.pem' } },
      cases: { keyFile: path.join(configDir, 'cases.key') },
    });
    const options = healthOptionsFromConfig({
      config,
      baseDir: configDir,
      dataDir,
      usesCups: false,
      logger: silentLogger(),
    });
    expect(options.bankid).toBeNull(); // simulator mode and no simulator endpoint handed over
    expect(options.dataKey).toEqual({ kind: 'key-file', file: path.join(configDir, 'cases.key') });
    expect(Object.keys(options.deliveryTargets)).toEqual(['local']);
    expect(options.cupsdConf).toBeNull();
    // printing through CUPS: cupsd.conf is checked, at the path of the health section or the standard one
    const withCups = healthOptionsFromConfig({
      config: { ...config, printing: { adapter: 'cups' } },
      baseDir: configDir,
      dataDir,
      logger: silentLogger(),
    });
    expect(withCups.cupsdConf).toBe('/etc/cups/cupsd.conf');
    const report = await createHealthChecks({ ...options, networkInterfaces: base().networkInterfaces }).run();
    expect(report.checks.find((c) => c.id === 'register')).toMatchObject({ ok: true, key: 'ok' });
    expect(report.checks.find((c) => c.id === 'data_key')).toMatchObject({ ok: false, key: 'key_missing' });
  });
});
