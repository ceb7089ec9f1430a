/**
 * Starts a real host process (the same core as the Electron app) with its own config and data
 * folder for one test, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface TestHost {
  url: string;
  dir: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startTestHost(configYaml = '', extraEnv: Record<string, string> = {}): Promise<TestHost> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const dataDir = path.join(dir, 'data');
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, configYaml.includes('dataDir:') ? configYaml : `dataDir: ${JSON.stringify(dataDir)}\n${configYaml}`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/host/cli.ts', '--config', configFile], {
    cwd: repoRoot,
    env: { ...process.env, TMPDIR: path.join(dir), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000);
    const check = (): void => {
      const m = /Kommunkiosk host: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dir,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
