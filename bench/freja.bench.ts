/**
 * Freja eID+ benchmarks at core level: against the Freja and register simulators, through the
 * identity service exactly as the kiosk runs it, no renderer:
 *
 *  - freja.login_to_first_qr: from the "start login" call (method freja) to the first identity.qr
 *    event (ms): initAuthentication over mutual TLS and the first dynamic QR frame;
 *  - freja.qr_frames_accepted: the share of emitted dynamic QR frames the simulator's phone side
 *    accepts when each is scanned at once (dry run), over env BENCH_FREJA_QR_SECONDS (default 20,
 *    at most 100 — a Freja login lives 2 minutes), target 100 %.
 */
import https from 'node:https';
import { identityConfigSchema } from '../src/core/identity/config';
import { createIdentityService } from '../src/core/identity/identity-service';
import { createLogger } from '../src/core/log/logger';
import { Redactor } from '../src/core/log/redaction';
import { Visit } from '../src/core/session/visit';
import { startFrejaSimulator } from '../src/simulators/freja/simulator';
import { startRegisterSimulator } from '../src/simulators/register/simulator';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const LOGIN_RUNS = 20;

function dryRunScan(url: string, ca: string, qr: string, agent: https.Agent): Promise<number> {
  const data = JSON.stringify({ qr, dryRun: true });
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        ca,
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export async function run(): Promise<Figure[]> {
  const requested = Number(process.env.BENCH_FREJA_QR_SECONDS ?? 20);
  const windowSeconds = Number.isFinite(requested) && requested >= 3 ? Math.min(100, Math.floor(requested)) : 20;
  const freja = await startFrejaSimulator();
  const register = await startRegisterSimulator({ pki: freja.pki });
  const { logger } = createLogger({ level: 'silent' });
  const visit = new Visit(logger, new Redactor());
  let listener: (event: string, payload: Record<string, unknown>) => void = () => undefined;
  const service = createIdentityService({
    config: identityConfigSchema.parse({ methods: ['freja'] }),
    logger,
    visit,
    emit: (event, payload) => listener(event, payload as Record<string, unknown>),
    connections: {
      freja: {
        url: freja.url,
        pfx: freja.clientPfx,
        passphrase: freja.passphrase,
        ca: freja.caCertPem,
        signingCertPems: [freja.signingCertPem],
      },
      register: {
        url: register.url,
        ca: register.caCertPem!,
        pfx: register.clientPfx!,
        passphrase: register.passphrase!,
      },
    },
  });
  const agent = new https.Agent({ keepAlive: true, ca: freja.caCertPem });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < LOGIN_RUNS + 1; i += 1) {
      const t0 = performance.now();
      const first = new Promise<number>((resolve) => {
        listener = (event, payload) => {
          if (event === 'identity.qr' && payload.qr) resolve(performance.now());
        };
      });
      await service.handlers['identity.startLogin']({ method: 'freja' });
      const t1 = await first;
      if (i > 0) latencies.push(t1 - t0); // the first run warms up TLS and JIT
      listener = () => undefined;
      await service.cancel();
    }
    latencies.sort((a, b) => a - b);

    const scans: Array<Promise<number>> = [];
    listener = (event, payload) => {
      if (event === 'identity.qr' && typeof payload.qr === 'string')
        scans.push(dryRunScan(freja.scanUrl, freja.caCertPem, payload.qr, agent).catch(() => 0));
    };
    const started = service.startLogin('freja');
    await new Promise((r) => setTimeout(r, windowSeconds * 1000 + 200));
    listener = () => undefined;
    await service.cancel();
    await started.outcome;
    const statuses = await Promise.all(scans);
    const accepted = statuses.filter((s) => s === 200).length;
    return [
      {
        bench: 'freja.login_to_first_qr',
        value: round(quantile(latencies, 0.5)),
        unit: 'ms',
        p95: round(quantile(latencies, 0.95)),
        max: round(latencies.at(-1) ?? NaN),
        runs: latencies.length,
      },
      {
        bench: 'freja.qr_frames_accepted',
        value: round((100 * accepted) / Math.max(1, statuses.length), 2),
        unit: '%',
        target: 100,
        accepted,
        frames: statuses.length,
        windowSeconds,
      },
    ];
  } finally {
    agent.destroy();
    await service.close();
    await freja.close();
    await register.close();
  }
}
