/**
 * Starts a real host process (the same core as the Electron app) with its own config and data
 * folder for one test, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface TestHost {
  url: string;
  dir: string;
  dataDir: string;
  /** The embedded BankID simulator's origin (https://127.0.0.1:PORT), when it runs. */
  bankidOrigin: string | null;
  /** The simulated phone scans a QR string; resolves with the simulator's answer. */
  scan: (
    qr: string,
    options?: { personalNumber?: string; scenario?: string },
  ) => Promise<{ status: number; body: unknown }>;
  /** Run-wide simulator settings (POST /sim/control): scenario, service, … */
  control: (settings: Record<string, unknown>) => Promise<unknown>;
  /** The simulator's orders (GET /sim/orders), to see what the kiosk did at BankID. */
  orders: () => Promise<Array<Record<string, unknown>>>;
  output: () => string;
  /** The host process (to freeze it with SIGSTOP, say). */
  pid: number;
  /** Stops the host; `beforeRemove` runs on its folder (deliveries, logs) before the folder is removed. */
  stop: (options?: { beforeRemove?: () => Promise<void> }) => Promise<void>;
}

/** Starts `out/host/cli.js` with a config file and waits for the URL it prints (60 s at most). */
export async function spawnHost(
  configFile: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child: ChildProcess = spawn(process.execPath, ['out/host/cli.js', '--config', configFile], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 60_000);
    const check = (): void => {
      const m = /Kommunkiosk host: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}

/**
 * A host on `configYaml`. The tests' kiosks run on the embedded simulators, so a config that does not
 * say its mode is written with `mode: demo` (a config file is production otherwise, and production
 * refuses simulators); a test of production writes `mode: production` itself.
 */
export async function startTestHost(configYaml = '', extraEnv: Record<string, string> = {}): Promise<TestHost> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const dataDir = path.join(dir, 'data');
  const configFile = path.join(dir, 'config.yaml');
  const mode = /^mode:/m.test(configYaml) ? '' : 'mode: demo\n';
  writeFileSync(
    configFile,
    mode + (configYaml.includes('dataDir:') ? configYaml : `dataDir: ${JSON.stringify(dataDir)}\n${configYaml}`),
  );
  const { child, url, output } = await spawnHost(configFile, { TMPDIR: path.join(dir), ...extraEnv });
  const out = output();
  const bankidOrigin = /BankID simulator: (https:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? null;
  const simCall = async (
    method: 'GET' | 'POST',
    pathName: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> => {
    if (!bankidOrigin) throw new Error('no BankID simulator runs in this host');
    const pki = JSON.parse(readFileSync(path.join(dataDir, 'simulators', 'simulator-pki.json'), 'utf8')) as {
      caCertPem: string;
    };
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = https.request(
        `${bankidOrigin}${pathName}`,
        {
          method,
          ca: pki.caCertPem,
          headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {},
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* not JSON */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  return {
    url,
    dir,
    dataDir,
    bankidOrigin,
    scan: (qr, options = {}) => simCall('POST', '/sim/scan', { qr, ...options }),
    control: async (settings) => (await simCall('POST', '/sim/control', settings)).body,
    orders: async () => (await simCall('GET', '/sim/orders')).body as Array<Record<string, unknown>>,
    output,
    pid: child.pid ?? 0,
    stop: async (options = {}) => {
      if (child.exitCode === null) {
        // a frozen (stopped) host is woken first, or it could not act on SIGTERM
        child.kill('SIGCONT');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      try {
        await options.beforeRemove?.();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
