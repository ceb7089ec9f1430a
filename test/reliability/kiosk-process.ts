/**
 * The kiosk as users run it, for the fault tests: the built host (`out/host/cli.js`, the same core as
 * the Electron app) as a child process with its own config, and a client that speaks the host bridge's
 * WebSocket protocol — exactly what the browser side of `window.kiosk` sends — so a test can ask what
 * the screen shows (`app.info`), file cases as a visitor and read the staff panel.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { Result } from '../../src/contract';
import type { ClientFrame, ServerFrame } from '../../src/host/bridge-protocol';
import { repoRoot, spawnHost } from '../e2e/support/host';

export { repoRoot };

export interface KioskProcess {
  child: ChildProcess;
  url: string;
  /** Calls a contract method as the renderer would. */
  call<T = unknown>(method: string, payload?: unknown): Promise<Result<T>>;
  /** Still running (not exited, not killed). */
  alive(): boolean;
  output(): string;
  /** SIGTERM and wait (SIGKILL after 15 s); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** kill -9: a power cut, as far as the process can tell. */
  kill(): Promise<void>;
}

/** Whether `npm run build` has made the host (the fault tests run what users run). */
export function hostBuilt(): boolean {
  return existsSync(path.join(repoRoot, 'out', 'host', 'cli.js'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startKioskProcess(configFile: string, env: Record<string, string> = {}): Promise<KioskProcess> {
  const { child, url, output, exited } = await spawnHost(configFile, env);
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';

  let socket: Promise<WebSocket> | null = null;
  // one connection is one renderer session; the server names its visit first (src/host/bridge-protocol.ts)
  let visitId: string | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(token)}`, {
        origin,
      });
      ws.on('error', reject);
      ws.on('close', () => {
        socket = null;
        visitId = null;
        for (const [, settle] of pending) settle({ ok: false, error: { code: 'unavailable', message: 'closed' } });
        pending.clear();
      });
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as ServerFrame;
        if (frame.type === 'session') {
          visitId = frame.visitId;
          resolve(ws);
        } else if (frame.type === 'event' && frame.event === 'session.reset') {
          visitId = (frame.payload as { visitId: string }).visitId;
        } else if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else if (frame.type === 'clear') {
          // the browser side clears its storage between visits; this client keeps none
          ws.send(JSON.stringify({ type: 'cleared', id: frame.id } satisfies ClientFrame));
        }
      });
    });

  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    child,
    url,
    alive,
    output,
    async call<T>(method: string, payload: unknown = {}): Promise<Result<T>> {
      socket ??= connect();
      const ws = await socket;
      const id = nextId++;
      return new Promise<Result<T>>((resolve) => {
        pending.set(id, (r) => {
          if (method === 'session.reset' && r.ok) visitId = (r.value as { visitId: string }).visitId;
          resolve(r as Result<T>);
        });
        ws.send(JSON.stringify({ type: 'call', id, method, payload, visitId } satisfies ClientFrame));
      });
    },
    async stop() {
      if (!alive()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
