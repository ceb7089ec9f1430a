/**
 * The visitor's phone for the journey tests: reads the animated QR off the kiosk's screen (a real
 * screenshot decoded with jsQR) and "scans" it at the BankID simulator the host started (POST
 * /sim/scan over HTTPS, pinned to the simulator's test CA).
 */
import { expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { TestHost } from './host';

export interface SimulatorAccess {
  scanUrl: string;
  origin: string;
  ca: string;
}

/** The embedded BankID simulator of a test host (from its start-up lines and its data folder). */
export function bankIdSimulator(host: TestHost): SimulatorAccess {
  const m = /BankID simulator: \S+ \(scan endpoint (\S+)\)/.exec(host.output());
  if (!m?.[1]) throw new Error(`the host did not start the BankID simulator:\n${host.output()}`);
  const pki = JSON.parse(readFileSync(path.join(host.dataDir, 'simulators', 'simulator-pki.json'), 'utf8')) as {
    caCertPem: string;
  };
  return { scanUrl: m[1], origin: new URL(m[1]).origin, ca: pki.caCertPem };
}

export function simRequest(
  sim: SimulatorAccess,
  method: 'GET' | 'POST',
  pathname: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(pathname, sim.origin),
      {
        method,
        ca: sim.ca,
        headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** What the QR on the screen says now. */
export async function readQr(page: Page): Promise<string> {
  const qr = page.getByTestId('bankid-qr');
  await expect(qr).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  if (!code) throw new Error('the QR code on the screen could not be read');
  return code.data;
}

/**
 * Scans the QR with a test person's phone. The code changes every second and the simulator refuses a
 * frame older than 2 s, so a frame that went stale on the way is read again (a few times at most).
 */
export async function scanQr(
  page: Page,
  sim: SimulatorAccess,
  options: { personalNumber: string; scenario?: string },
  /** How many frames may go stale on the way (a busy machine: the soak bench reads hundreds). */
  attempts = 4,
): Promise<void> {
  let last: unknown = null;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const qr = await readQr(page);
    expect(qr).toMatch(/^bankid\.[0-9a-f-]{36}\.\d+\.[0-9a-f]{64}$/);
    const res = await simRequest(sim, 'POST', '/sim/scan', { qr, ...options });
    if (res.status === 200) return;
    last = res.json;
    if (res.status !== 400) break;
  }
  throw new Error(`the simulator refused the scan: ${JSON.stringify(last)}`);
}
