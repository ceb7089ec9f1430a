/** Runs one of the project's TypeScript command-line tools as IT runs it: a real child process through tsx. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** `script` relative to the repository; `input` is piped to stdin (closed empty when not given). */
export function runCli(script: string, args: readonly string[] = [], input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(repoRoot, script), ...args], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}
