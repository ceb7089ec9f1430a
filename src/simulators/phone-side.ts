/**
 * The side of an e-ID simulator that stands in for the person's phone, the same for BankID and Freja
 * eID+: JSON answers, the phone page (`/sim/`, `/sim/app.js`) and its two POSTs — `/sim/control`
 * (the simulator's settings) and `/sim/scan` (a QR code read off the kiosk's screen).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject } from './request-body';

/** Answers with a JSON body, never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The phone page's two files and the Content-Security-Policy they are served under. */
export interface PhonePage {
  html: string;
  js: string;
  csp: string;
}

/** Serves the phone page when `pathname` is one of its files (GET); false when it is not. */
export function servePhonePage(req: IncomingMessage, res: ServerResponse, pathname: string, page: PhonePage): boolean {
  if (req.method !== 'GET') return false;
  const file =
    pathname === '/sim' || pathname === '/sim/'
      ? { type: 'text/html; charset=utf-8', text: page.html }
      : pathname === '/sim/app.js'
        ? { type: 'text/javascript; charset=utf-8', text: page.js }
        : undefined;
  if (!file) return false;
  res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store', 'Content-Security-Policy': page.csp });
  res.end(file.text);
  return true;
}

/** A QR code the phone read, with who holds the phone and what the phone does with it. */
export interface PhoneScan<S extends string> {
  qr: string;
  personalNumber: string | undefined;
  scenario: S | undefined;
  dryRun: boolean;
}

/**
 * Reads a POST to `/sim/control` or `/sim/scan`. A control body goes to `control`, which answers it; a
 * scan is checked (a `qr`, a scenario the simulator knows) and returned. Undefined when the request is
 * answered already (control, or a bad request with its error).
 */
export async function readPhonePost<S extends string>(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: '/sim/control' | '/sim/scan',
  options: {
    bodyTimeoutMs: number;
    scenarios: readonly S[];
    control: (res: ServerResponse, json: Record<string, unknown>) => void;
  },
): Promise<PhoneScan<S> | undefined> {
  const read = await readJsonObject(req, options.bodyTimeoutMs);
  if (!read.ok) {
    sendJson(res, read.status, { error: read.error, message: read.message }, read.headers);
    return undefined;
  }
  const json = read.json;
  if (pathname === '/sim/control') {
    options.control(res, json);
    return undefined;
  }
  if (typeof json.qr !== 'string') {
    sendJson(res, 400, { error: 'invalidQr', message: 'qr is required' });
    return undefined;
  }
  if (json.scenario !== undefined && !options.scenarios.includes(json.scenario as S)) {
    sendJson(res, 400, {
      error: 'invalidScenario',
      message: `scenario must be one of ${options.scenarios.join(', ')}`,
    });
    return undefined;
  }
  return {
    qr: json.qr,
    personalNumber:
      typeof json.personalNumber === 'string' && json.personalNumber !== '' ? json.personalNumber : undefined,
    scenario: json.scenario as S | undefined,
    dryRun: json.dryRun === true,
  };
}
