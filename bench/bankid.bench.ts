/**
 * BankID benchmarks at core level: against the simulators, through the identity service exactly as the
 * kiosk runs it, no renderer (what the visitor sees on the screen: bench/bankid-screen.bench.ts, the
 * `bankid.screen.*` figures):
 *
 *  - bankid.login_to_first_qr: from the "start login" call to the first identity.qr event (ms);
 *  - bankid.qr_cadence_mean_interval / bankid.qr_cadence_worst_drift: the animated QR over a measured
 *    window (env BENCH_QR_SECONDS, default 60, at most 170 — one BankID order lives about 3 minutes);
 *  - bankid.qr_frames_accepted: the share of emitted frames the simulator's phone side accepts when
 *    each is scanned at once (dry run, so the order keeps running), target 100 %.
 */
import { identityConfigSchema } from '../src/core/identity/config';
import { createIdentityService } from '../src/core/identity/identity-service';
import { createLogger } from '../src/core/log/logger';
import { Redactor } from '../src/core/log/redaction';
import { Visit } from '../src/core/session/visit';
import { startBankIdSimulator } from '../src/simulators/bankid/simulator';
import { startRegisterSimulator } from '../src/simulators/register/simulator';
import https from 'node:https';
import type { Figure } from './run';
import { quantile, round } from './statistics';

const LOGIN_RUNS = 20;

function postScan(url: string, ca: string, body: unknown, agent: https.Agent): Promise<number> {
  const data = JSON.stringify(body);
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
  const requested = Number(process.env.BENCH_QR_SECONDS ?? 60);
  const windowSeconds = Number.isFinite(requested) && requested >= 3 ? Math.min(170, Math.floor(requested)) : 60;
  const bankid = await startBankIdSimulator({
    timings: { scanWindowMs: (windowSeconds + 10) * 1000, orderLifetimeMs: (windowSeconds + 20) * 1000 },
  });
  const register = await startRegisterSimulator();
  const { logger } = createLogger({ level: 'silent' });
  const visit = new Visit(logger, new Redactor());
  type Listener = (event: string, payload: Record<string, unknown>) => void;
  let listener: Listener = () => undefined;
  const service = createIdentityService({
    config: identityConfigSchema.parse({}),
    logger,
    visit,
    emit: (event, payload) => listener(event, payload as Record<string, unknown>),
    connections: {
      bankid: { url: bankid.url, pfx: bankid.clientPfx, passphrase: bankid.passphrase, ca: bankid.caCertPem },
      register: {
        url: register.url,
        ca: register.caCertPem!,
        pfx: register.clientPfx!,
        passphrase: register.passphrase!,
      },
    },
  });
  const agent = new https.Agent({ keepAlive: true, ca: bankid.caCertPem });

  try {
    // 1. start login → first QR event
    const latencies: number[] = [];
    for (let i = 0; i < LOGIN_RUNS + 1; i += 1) {
      const t0 = performance.now();
      const first = new Promise<number>((resolve) => {
        listener = (event, payload) => {
          if (event === 'identity.qr' && payload.qr) resolve(performance.now());
        };
      });
      const { orderId } = await service.handlers['identity.startLogin']({});
      const t1 = await first;
      if (i > 0) latencies.push(t1 - t0); // the first run warms up TLS and JIT
      listener = () => undefined;
      await service.cancel();
      void orderId;
    }
    latencies.sort((a, b) => a - b);

    // 2. QR cadence and acceptance over the window
    const frames: Array<{ at: number; time: number }> = [];
    const scans: Array<Promise<number>> = [];
    listener = (event, payload) => {
      if (event !== 'identity.qr' || typeof payload.qr !== 'string') return;
      frames.push({ at: performance.now(), time: Number(payload.qr.split('.')[2]) });
      scans.push(postScan(bankid.scanUrl, bankid.caCertPem, { qr: payload.qr, dryRun: true }, agent).catch(() => 0));
    };
    const started = service.startLogin();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000 + 200));
    listener = () => undefined;
    await service.cancel();
    await started.outcome;
    const statuses = await Promise.all(scans);

    const intervals = frames.slice(1).map((f, i) => f.at - frames[i]!.at);
    const mean = intervals.reduce((a, b) => a + b, 0) / Math.max(1, intervals.length);
    const first = frames[0]!;
    const drift = Math.max(...frames.map((f) => Math.abs(f.at - first.at - (f.time - first.time) * 1000)));
    const accepted = statuses.filter((s) => s === 200).length;

    return [
      {
        bench: 'bankid.login_to_first_qr',
        value: round(quantile(latencies, 0.5)),
        unit: 'ms',
        p95: round(quantile(latencies, 0.95)),
        max: round(latencies.at(-1) ?? NaN),
        runs: latencies.length,
      },
      {
        bench: 'bankid.qr_cadence_mean_interval',
        value: round(mean),
        unit: 'ms',
        target: 1000,
        frames: frames.length,
        windowSeconds,
      },
      { bench: 'bankid.qr_cadence_worst_drift', value: round(drift), unit: 'ms', frames: frames.length, windowSeconds },
      {
        bench: 'bankid.qr_frames_accepted',
        value: round((100 * accepted) / Math.max(1, statuses.length), 2),
        unit: '%',
        target: 100,
        accepted,
        frames: statuses.length,
      },
    ];
  } finally {
    agent.destroy();
    await service.close();
    await bankid.close();
    await register.close();
  }
}
