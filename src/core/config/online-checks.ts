/**
 * `check-config --online`: reaches every external service of a configuration with the TLS material it
 * names — the handshake (client certificate, pinned CA) and one call that changes nothing — so IT
 * knows before opening hours that the kiosk will get through:
 *
 * - BankID: `POST <url>collect` for an order that does not exist; the RP API answers 400
 *   invalidParameters. No order is started, nothing is shown on anyone's phone.
 * - the person register: `POST <url>/v1/persons/lookup` with an empty body; the service answers 400.
 *   No personal number is sent.
 * - an https delivery target: `GET <url>`; the receiver answers (405 from the receiver simulator) and
 *   stores nothing. No case is sent.
 * - an smtp delivery target: connect, STARTTLS (or TLS), EHLO and the login (nodemailer's verify);
 *   no mail is sent.
 *
 * - the camera (attachments.camera, enabled): on Linux the kernel's list of video capture devices
 *   (/sys/class/video4linux) has one, named like `deviceLabel` when that is set;
 * - the document scanner (attachments.scanner, adapter sane): `scanimage -d <device> -A` opens it and
 *   lists its options; nothing is scanned.
 *
 * Simulators (demo mode) and directory targets are not reached: there is nothing to reach.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { cameraNames, connectedCamera } from '../attachments/camera-devices';
import { createSaneScanner } from '../attachments/sane-scanner';
import { resolveCasesConfig, type ResolvedHttpsTarget, type ResolvedSmtpTarget } from '../cases/config';
import { smtpTransportOptions } from '../cases/delivery/smtp-transport';
import { describeNetworkError } from '../health/endpoint-probe';
import { loadBankIdCredentials } from '../identity/bankid/client';
import {
  createMtlsAgent,
  JsonRequestError,
  parseBaseUrl,
  postJson,
  type TlsMaterial,
} from '../identity/mtls-json-request';
import { loadRegisterCredentials, LOOKUP_PATH } from '../identity/register/https-register';
import type { KioskConfig } from './kiosk-config';
import type { ConfigProblem } from './load-config';

export interface OnlineResult {
  problems: ConfigProblem[];
  /** One line per service reached, for IT. */
  reached: string[];
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

const MAX_ANSWER = 64 * 1024;

function errorOf(err: unknown): unknown {
  return err instanceof JsonRequestError ? (err.cause ?? err) : err;
}

function networkProblem(key: string, url: string, err: unknown, timeoutMs: number): ConfigProblem {
  const cause = errorOf(err);
  if (err instanceof JsonRequestError && err.failure === 'timeout')
    return {
      key,
      value: JSON.stringify(url),
      expected: `an answer within ${Math.round(timeoutMs / 1000)} s (none came)`,
      fix: 'check the firewall and proxy between the kiosk and the service, and the address',
    };
  const { key: kind, reason } = describeNetworkError(cause, hostOf(url), timeoutMs);
  const fix =
    kind === 'tls_untrusted'
      ? "check the CA file: it must hold the CA that issued the service's certificate"
      : kind === 'tls_refused' || kind === 'reset'
        ? 'check that the service accepts this client certificate (and that it is the one issued for this kiosk)'
        : kind === 'dns'
          ? "check the host name in the address and the kiosk's DNS"
          : 'check the address, the port and the firewall';
  return { key, value: JSON.stringify(url), expected: `a service that can be reached (${reason})`, fix };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One GET with a timeout; the body is read (bounded). */
function get(url: URL, agent: http.Agent, timeoutMs: number): Promise<Answer> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: 'GET',
      agent,
      headers: { accept: 'application/json', 'user-agent': 'Kommunkiosk check-config' },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new JsonRequestError('timeout', null));
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new JsonRequestError('network', null, err.code ?? null, { cause: err }));
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_ANSWER) text += chunk;
      });
      res.on('end', () => {
        clearTimeout(timer);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.end();
  });
}

function errorCode(json: unknown): string | null {
  if (json === null || typeof json !== 'object') return null;
  const j = json as { errorCode?: unknown; error?: unknown };
  const c = typeof j.errorCode === 'string' ? j.errorCode : typeof j.error === 'string' ? j.error : null;
  return c && /^[A-Za-z0-9_.-]{1,40}$/.test(c) ? c : null;
}

function refusedProblem(key: string, url: string, status: number, code: string | null, who: string): ConfigProblem {
  return {
    key,
    value: JSON.stringify(url),
    expected: `${who} that accepts this kiosk (it answered HTTP ${status}${code ? ` ${code}` : ''})`,
    fix: `ask the service's administrators to accept the kiosk's client certificate; check that ${key.replace(/\.url$/, '')} names the certificate issued for it`,
  };
}

/**
 * Judges the answer to the harmless call: `expected` says whether it is the service's answer; 401/403
 * is the service refusing this kiosk; anything else is not the service that was meant.
 */
function judge(
  out: OnlineResult,
  key: string,
  url: string,
  answer: Answer,
  call: {
    who: string;
    expected: (status: number, code: string | null) => boolean;
    reached: string;
    other: (what: string) => Omit<ConfigProblem, 'key' | 'value'>;
  },
): void {
  const code = errorCode(answer.json);
  const what = `HTTP ${answer.status}${code ? ` ${code}` : ''}`;
  if (call.expected(answer.status, code))
    out.reached.push(`${key}: ${hostOf(url)} ${call.reached.replace('{answer}', what)}`);
  else if (answer.status === 401 || answer.status === 403)
    out.problems.push(refusedProblem(key, url, answer.status, code, call.who));
  else out.problems.push({ key, value: JSON.stringify(url), ...call.other(what) });
}

async function checkBankId(config: KioskConfig, baseDir: string, out: OnlineResult): Promise<void> {
  const b = config.identity.bankid;
  if (b.mode !== 'external' || !b.url || !b.pfxFile || !b.passphraseFile || !b.caFile) return;
  const key = 'identity.bankid.url';
  const at = (f: string): string => path.resolve(baseDir, f);
  let agent: https.Agent;
  try {
    const creds = loadBankIdCredentials({
      pfxFile: at(b.pfxFile),
      passphraseFile: at(b.passphraseFile),
      caFile: at(b.caFile),
    });
    agent = createMtlsAgent('BankID', creds, { maxSockets: 1 });
  } catch {
    return; // the file checks name what is wrong with the certificate files
  }
  try {
    const answer = await postJson(
      new URL('collect', parseBaseUrl(b.url, 'BankID')),
      JSON.stringify({ orderRef: randomUUID() }),
      { agent, timeoutMs: b.requestTimeoutMs, maxResponseBytes: MAX_ANSWER },
    );
    judge(out, key, b.url, answer, {
      who: 'BankID',
      expected: (status, code) => status === 400 && code === 'invalidParameters',
      reached:
        'accepted the RP certificate and answered /collect of an unknown order with 400 invalidParameters, as expected',
      other: (what) => ({
        expected: `BankID's RP API v6.0 (a /collect of an unknown order answered ${what}, not 400 invalidParameters)`,
        fix: 'url: https://appapi2.bankid.com/rp/v6.0/ (production); check for a proxy that answers instead of BankID',
      }),
    });
  } catch (err) {
    out.problems.push(networkProblem(key, b.url, err, b.requestTimeoutMs));
  } finally {
    agent.destroy();
  }
}

async function checkRegister(config: KioskConfig, baseDir: string, out: OnlineResult): Promise<void> {
  const r = config.identity.register;
  if (r.mode !== 'external' || !r.url) return;
  const key = 'identity.register.url';
  const at = (f: string | null): string | null => (f ? path.resolve(baseDir, f) : null);
  let material: TlsMaterial;
  try {
    material = loadRegisterCredentials({
      caFile: at(r.caFile),
      clientPfxFile: at(r.clientPfxFile),
      passphraseFile: at(r.passphraseFile),
    });
  } catch {
    return;
  }
  const base = parseBaseUrl(r.url, 'register');
  const agent =
    base.protocol === 'https:'
      ? createMtlsAgent('register', material, { maxSockets: 1 })
      : new http.Agent({ maxSockets: 1 });
  try {
    const answer = await postJson(new URL(LOOKUP_PATH, base), '{}', {
      agent,
      timeoutMs: r.timeoutMs,
      maxResponseBytes: MAX_ANSWER,
    });
    judge(out, key, r.url, answer, {
      who: 'a register',
      expected: (status) => status === 400,
      reached: 'answered an empty lookup with {answer}, as expected (no personal number was sent)',
      other: (what) => ({
        expected: `the register's lookup service at ${LOOKUP_PATH} (an empty lookup answered ${what}, not 400)`,
        fix: `url: the base address, without /${LOOKUP_PATH} (docs/bankid.md, "Person register")`,
      }),
    });
  } catch (err) {
    out.problems.push(networkProblem(key, r.url, err, r.timeoutMs));
  } finally {
    agent.destroy();
  }
}

async function checkHttpsTarget(name: string, t: ResolvedHttpsTarget, out: OnlineResult): Promise<void> {
  const key = `cases.delivery.targets.${name}.url`;
  const url = new URL(t.url);
  let agent: http.Agent;
  try {
    const material: TlsMaterial = {
      ...(t.caFile ? { ca: readFileSync(t.caFile) } : {}),
      ...(t.clientPfxFile ? { pfx: readFileSync(t.clientPfxFile) } : {}),
      ...(t.passphraseFile ? { passphrase: readFileSync(t.passphraseFile, 'utf8').replace(/\r?\n$/, '') } : {}),
    };
    agent =
      url.protocol === 'https:'
        ? new https.Agent({ minVersion: 'TLSv1.2', maxSockets: 1, ...material })
        : new http.Agent({ maxSockets: 1 });
  } catch {
    return;
  }
  const timeoutMs = Math.min(t.timeoutMs, 30_000);
  try {
    const answer = await get(url, agent, timeoutMs);
    judge(out, key, t.url, answer, {
      who: 'a receiver',
      expected: (status) => status < 500 && status !== 401 && status !== 403,
      reached: `answered GET with {answer}${url.protocol === 'https:' ? ' over TLS with the configured certificates' : ''} (no case was sent)`,
      other: (what) => ({
        expected: `a receiver that works (it answered ${what})`,
        fix: "ask the receiver's administrators; cases wait in the queue meanwhile",
      }),
    });
  } catch (err) {
    out.problems.push(networkProblem(key, t.url, err, timeoutMs));
  } finally {
    agent.destroy();
  }
}

async function checkSmtpTarget(name: string, t: ResolvedSmtpTarget, out: OnlineResult): Promise<void> {
  const key = `cases.delivery.targets.${name}.host`;
  const where = `${t.host}:${t.port}`;
  let options;
  try {
    options = smtpTransportOptions(
      { ...t, timeoutMs: Math.min(t.timeoutMs, 30_000) },
      `the smtp delivery target ${name}`,
    );
  } catch {
    return;
  }
  const transport = (await import('nodemailer')).createTransport(options);
  try {
    await transport.verify();
    out.reached.push(
      `${key}: ${where} greeted, ${t.secure ? 'spoke TLS' : 'started TLS'}${t.auth ? ` and accepted the login of ${t.auth.user}` : ''} (no mail was sent)`,
    );
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    const login = e.code === 'EAUTH';
    out.problems.push(
      login
        ? {
            key: `cases.delivery.targets.${name}.auth.user`,
            value: JSON.stringify(t.auth?.user ?? ''),
            expected: `a login the mail server ${where} accepts (it answered ${e.responseCode ?? 'EAUTH'})`,
            fix: 'check the user and the password in auth.passFile',
          }
        : e.responseCode
          ? {
              key,
              value: JSON.stringify(t.host),
              expected: `a mail server that accepts the kiosk (it answered ${e.responseCode})`,
              fix: 'check the port (587 with STARTTLS, 465 with secure: true) and that TLS is offered',
            }
          : networkProblem(key, `smtp://${where}`, err, t.timeoutMs),
    );
  } finally {
    transport.close();
  }
}

/** Reaches every external service the configuration names; runs them side by side. */
export async function checkOnline(config: KioskConfig, baseDir: string, dataDir: string): Promise<OnlineResult> {
  const out: OnlineResult = { problems: [], reached: [] };
  const cases = resolveCasesConfig(config.cases, dataDir);
  const jobs: Array<Promise<void>> = [checkBankId(config, baseDir, out), checkRegister(config, baseDir, out)];
  for (const [name, t] of Object.entries(cases.delivery.targets)) {
    if (t.type === 'https') jobs.push(checkHttpsTarget(name, t, out));
    if (t.type === 'smtp') jobs.push(checkSmtpTarget(name, t, out));
  }
  jobs.push(checkScanner(config, out));
  checkCamera(config, out);
  await Promise.all(jobs);
  out.reached.sort();
  return out;
}

/** The camera is connected (Linux: the kernel lists it; elsewhere only the screen can tell). */
function checkCamera(config: KioskConfig, out: OnlineResult): void {
  const camera = config.attachments.camera;
  if (!camera.enabled) return;
  const state = connectedCamera(camera, cameraNames());
  if (state.state === 'ready') out.reached.push(state.reason);
  else
    out.problems.push({
      key: camera.deviceLabel === null ? 'attachments.camera.enabled' : 'attachments.camera.deviceLabel',
      value: JSON.stringify(camera.deviceLabel ?? camera.enabled),
      expected: `a connected camera (${state.reason})`,
      fix: 'connect the camera (v4l2-ctl --list-devices lists what the system sees), set deviceLabel to part of its name, or enabled: false',
    });
}

/** The scanner is there and can be opened (scanimage -A: nothing is scanned). */
async function checkScanner(config: KioskConfig, out: OnlineResult): Promise<void> {
  const scanner = config.attachments.scanner;
  if (scanner.adapter !== 'sane' || scanner.device === null) return;
  const state = await createSaneScanner({ config: { ...scanner, device: scanner.device } }).status();
  if (state.state === 'ready') out.reached.push(`scanner ${scanner.device}: answers (scanimage -A)`);
  else
    out.problems.push({
      key: 'attachments.scanner.device',
      value: JSON.stringify(scanner.device),
      expected: `a scanner that answers (${state.reason})`,
      fix: 'switch the scanner on and connect it; scanimage -L lists the devices SANE finds',
    });
}
