/**
 * The browser host: the same core as the Electron app, in plain Node, serving the built renderer on
 * 127.0.0.1 (random port, per-run token) and `window.kiosk` over a WebSocket. Used for development,
 * demos, the end-to-end tests, and as the fallback when no Electron binary exists.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createKiosk, type Kiosk, type KioskOptions, type StartEmbedded } from '../core/kiosk';
import type { ConfigResult } from '../core/config/load-config';
import type { Platform } from '../core/platform';
import { createBridge } from './bridge';
import { TICKER_PATH, TICKER_SOURCE } from './bridge-protocol';
import { contentSecurityPolicy, securityHeaders } from '../serving/security-policy';
import { answerStatic, resolveStaticFile } from '../serving/static-files';

export interface HostOptions {
  config: ConfigResult;
  /** out/renderer (index.html and assets) and out/host-client (client.js). */
  rendererDir: string;
  hostClientFile: string;
  defaultDataDir: string;
  version: string;
  resourcesDir: string;
  /** Starts the simulators for `mode: simulator` (the embedded defaults). */
  startEmbedded?: StartEmbedded;
  port?: number;
  /** The process's last-resort fault handlers (host-main.ts), counted in the health checks. */
  processFaults?: KioskOptions['processFaults'];
  /** Seconds core waits beyond idle + warning before it ends a visit itself (default 15). */
  visitGraceSeconds?: number;
  /** Node's HTTP server timeouts (default HTTP_TIMEOUTS); the tests shorten them to show what they do not touch. */
  httpTimeouts?: HttpTimeouts;
}

/**
 * Node's HTTP server timeouts, set explicitly (these are Node's own defaults). They bound a request
 * that is being sent or a keep-alive connection waiting for its next request; a screen's bridge
 * socket, once upgraded to a WebSocket, is outside them and stays open as long as the screen does
 * (weeks on a kiosk): test/e2e/host-bridge-lifetime.spec.ts keeps one open past all of them.
 */
export interface HttpTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often Node checks requests against the two first. */
  checkIntervalMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  requestTimeoutMs: 300_000,
  headersTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 30_000,
};

export interface RunningHost {
  url: string;
  port: number;
  kiosk: Kiosk;
  close(): Promise<void>;
}

/** The kiosk's security headers; the renderer talks to core over this host's WebSocket. */
function hostResponseHeaders(port: number): Readonly<Record<string, string>> {
  return securityHeaders(contentSecurityPolicy([`ws://127.0.0.1:${port}`]));
}

const CLIENT_PATH = '/__host/client.js';

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const rendererDir = path.resolve(options.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html')) || !existsSync(options.hostClientFile)) {
    throw new Error(`The renderer is not built (looked in ${rendererDir}); run "npm run build" first.`);
  }
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  let kiosk: Kiosk | null = null;
  let kioskReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (kioskReady = resolve));
  const bridge = createBridge({ kiosk: () => kiosk, ready, token, origin: () => `http://127.0.0.1:${port}` });

  const timeouts = options.httpTimeouts ?? HTTP_TIMEOUTS;
  const serverOptions: http.ServerOptions = {
    requestTimeout: timeouts.requestTimeoutMs,
    headersTimeout: timeouts.headersTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
  const server = http.createServer(serverOptions, (req, res) => {
    void (async () => {
      const headers = hostResponseHeaders(port);
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, headers).end();
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (urlPath === '/favicon.ico') return void res.writeHead(204, headers).end();
      if (urlPath === TICKER_PATH) {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(TICKER_SOURCE);
        return;
      }
      const file =
        urlPath === CLIENT_PATH ? path.resolve(options.hostClientFile) : resolveStaticFile(rendererDir, urlPath);
      const answer = await answerStatic(method, file);
      let body = answer.body;
      if (body && answer.status === 200 && answer.contentType.startsWith('text/html')) {
        // the host client must define window.kiosk before the app's own module runs
        body = Buffer.from(
          body.toString('utf8').replace('<head>', `<head>\n    <script type="module" src="${CLIENT_PATH}"></script>`),
        );
      }
      res.writeHead(answer.status, { ...headers, 'Content-Type': answer.contentType }).end(body ?? undefined);
    })();
  });
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const platform: Platform = {
    name: 'host',
    clearBrowserData: () => bridge.clearBrowserData(),
  };
  kiosk = await createKiosk({
    config: options.config,
    platform,
    defaultDataDir: options.defaultDataDir,
    version: options.version,
    resourcesDir: options.resourcesDir,
    ...(options.startEmbedded ? { startEmbedded: options.startEmbedded } : {}),
    ...(options.processFaults ? { processFaults: options.processFaults } : {}),
    ...(options.visitGraceSeconds !== undefined ? { visitGraceSeconds: options.visitGraceSeconds } : {}),
  });
  kioskReady();

  const url = `http://127.0.0.1:${port}/#token=${token}`;
  return {
    url,
    port,
    kiosk,
    async close() {
      bridge.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await kiosk?.close();
    },
  };
}
