/**
 * Runs a print system command (lp, lpstat, SumatraPDF, PowerShell) with an argument array — never a
 * shell string — optionally feeding a document on stdin, with a time limit and bounded output.
 * `spawn` is injectable so the adapters can be tested without the real programs.
 */
import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface RunOptions {
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  input?: Uint8Array;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  spawn?: SpawnFunction;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The command could not be started at all (ENOENT: not installed; EACCES: not executable). */
export class CommandNotStarted extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
  ) {
    super(`${command} could not be started (${code})`);
    this.name = 'CommandNotStarted';
  }
}

const MAX_OUTPUT = 64 * 1024;

/** English, parseable output from CUPS tools whatever the kiosk's locale. */
export function cLocaleEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' };
}

export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const spawn = options.spawn ?? (nodeSpawn as SpawnFunction);
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        shell: false,
      });
    } catch (err) {
      reject(new CommandNotStarted(command, (err as NodeJS.ErrnoException).code ?? 'error'));
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const collect = (chunk: Buffer | string, current: string) =>
      current.length < MAX_OUTPUT ? current + chunk.toString() : current;
    child.stdout?.on('data', (chunk: Buffer) => (stdout = collect(chunk, stdout)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = collect(chunk, stderr)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new CommandNotStarted(command, err.code ?? 'error'));
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, signal, stdout: stdout.slice(0, MAX_OUTPUT), stderr: stderr.slice(0, MAX_OUTPUT), timedOut });
    });
    // a command that exits before reading all of stdin (lp refusing a job) must not crash us with EPIPE
    child.stdin?.on('error', () => undefined);
    if (options.input)
      child.stdin?.end(Buffer.from(options.input.buffer, options.input.byteOffset, options.input.byteLength));
    else child.stdin?.end();
  });
}

/** One line of a command's complaint, for an IT-readable error message. */
export function firstLine(text: string, max = 200): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
