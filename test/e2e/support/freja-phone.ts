/**
 * The visitor's phone with the Freja eID+ app, for the journey tests: reads the QR off the kiosk's
 * screen (a real screenshot decoded with jsQR) and "scans" it at the Freja simulator the host started
 * (POST /sim/scan over HTTPS, pinned to the simulators' test CA).
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readQr, simRequest, type SimulatorAccess } from './bankid-phone';
import type { TestHost } from './host';

/** The embedded Freja simulator of a test host (from its start-up lines and its data folder). */
export function frejaSimulator(host: TestHost): SimulatorAccess {
  const m = /Freja simulator: \S+ \(scan endpoint (\S+)\)/.exec(host.output());
  if (!m?.[1]) throw new Error(`the host did not start the Freja simulator:\n${host.output()}`);
  const pki = JSON.parse(readFileSync(path.join(host.dataDir, 'simulators', 'simulator-pki.json'), 'utf8')) as {
    caCertPem: string;
  };
  return { scanUrl: m[1], origin: new URL(m[1]).origin, ca: pki.caCertPem };
}

/** Scans the Freja QR on the screen with a test person's phone (a stale dynamic frame is read again). */
export async function scanFrejaQr(
  page: Page,
  sim: SimulatorAccess,
  options: { personalNumber: string; scenario?: 'approve' | 'reject' | 'cancel' | 'expire' },
): Promise<void> {
  let last: unknown = null;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const qr = await readQr(page);
    expect(qr).toMatch(
      /^https:\/\/app\.prod\.frejaeid\.com\/freja\?action=bindUserToTransaction&transactionReference=[^.]+\.\d+\.[A-Za-z0-9_-]{43}$/,
    );
    const res = await simRequest(sim, 'POST', '/sim/scan', { qr, ...options });
    if (res.status === 200) return;
    last = res.json;
    if (res.status !== 400) break;
  }
  throw new Error(`the Freja simulator refused the scan: ${JSON.stringify(last)}`);
}

/** The simulator's transactions (no secrets). */
export async function frejaTransactions(
  sim: SimulatorAccess,
): Promise<Array<{ service: string; status: string; minRegistrationLevel: string }>> {
  return (await simRequest(sim, 'GET', '/sim/transactions')).json as Array<{
    service: string;
    status: string;
    minRegistrationLevel: string;
  }>;
}
