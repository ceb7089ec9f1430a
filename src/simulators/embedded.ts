/**
 * The outside world in a box for the main command's embedded defaults: the BankID simulator and the
 * person register simulator, started in-process by a composition root (host or Electron main) when
 * the config says `mode: simulator`. Their test PKI is kept in the data folder so a restart does not
 * have to generate keys again (test keys only; nothing personal).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startBankIdSimulator, type BankIdSimulator, type BankIdSimulatorOptions } from './bankid/simulator';
import { startFrejaSimulator, type FrejaSimulator } from './freja/simulator';
import { startRegisterSimulator, type RegisterSimulator } from './register/simulator';
import type { TestPki } from './test-pki';

export interface EmbeddedOptions {
  dataDir: string;
  bankid: boolean;
  register: boolean;
  /** The Freja eID+ simulator (when the kiosk offers Freja in mode simulator). */
  freja?: boolean;
  /** Scenario, timings … (tests and demos). */
  bankidOptions?: Omit<BankIdSimulatorOptions, 'pki'>;
}

export interface EmbeddedSimulators {
  bankid: BankIdSimulator | null;
  register: RegisterSimulator | null;
  freja: FrejaSimulator | null;
  close(): Promise<void>;
}

const PKI_FILE = 'simulator-pki.json';
const MIN_VALID_DAYS = 30;

function loadPki(file: string): TestPki | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<TestPki, 'clientPfx'> & {
      clientPfx: string;
      validUntil: string;
    };
    if (Date.parse(raw.validUntil) - Date.now() < MIN_VALID_DAYS * 86_400_000) return null;
    return { ...raw, clientPfx: Buffer.from(raw.clientPfx, 'base64') };
  } catch {
    return null;
  }
}

/** Keeps the test PKI for the next start; a data folder that cannot be written (full, read-only) only costs a new one then. */
function savePki(file: string, pki: TestPki): void {
  try {
    writePki(file, pki);
  } catch {
    // the simulators run all the same; the kiosk's storage check reports the folder
  }
}

function writePki(file: string, pki: TestPki): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const validUntil = new Date(Date.now() + 800 * 86_400_000).toISOString();
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...pki, clientPfx: pki.clientPfx.toString('base64'), validUntil }), {
    mode: 0o600,
  });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export async function startEmbeddedSimulators(options: EmbeddedOptions): Promise<EmbeddedSimulators> {
  const pkiFile = path.join(options.dataDir, 'simulators', PKI_FILE);
  const cached = loadPki(pkiFile);
  let bankid: BankIdSimulator | null = null;
  let register: RegisterSimulator | null = null;
  let freja: FrejaSimulator | null = null;
  try {
    if (options.bankid) {
      bankid = await startBankIdSimulator({
        ...options.bankidOptions,
        ...(cached ? { pki: cached, passphrase: cached.passphrase } : {}),
      });
      if (!cached) savePki(pkiFile, bankid.pki);
    }
    if (options.register) {
      const pki = bankid?.pki ?? cached ?? undefined;
      register = await startRegisterSimulator(pki ? { pki } : {});
    }
    if (options.freja) {
      const pki = bankid?.pki ?? cached ?? undefined;
      freja = await startFrejaSimulator(pki ? { pki } : {});
      if (!bankid && !cached) savePki(pkiFile, freja.pki);
    }
  } catch (err) {
    await bankid?.close();
    await register?.close();
    await freja?.close();
    throw err;
  }
  return {
    bankid,
    register,
    freja,
    async close() {
      await Promise.allSettled([bankid?.close(), register?.close(), freja?.close()]);
    },
  };
}

/** What a composition root hands to createKiosk as `startEmbedded` (structurally core's StartEmbedded). */
export async function startEmbeddedForKiosk(request: {
  dataDir: string;
  bankid: boolean;
  register: boolean;
  freja?: boolean;
  settings: {
    bankid: { scenario: BankIdSimulatorOptions['scenario']; scanWindowSeconds: number; orderLifetimeSeconds: number };
  };
}): Promise<{
  connections: {
    bankid?: { url: string; pfx: Buffer; passphrase: string; ca: string };
    freja?: { url: string; pfx: Buffer; passphrase: string; ca: string; signingCertPems: string[] };
    register?: { url: string; ca?: string; pfx?: Buffer; passphrase?: string };
  };
  describe: string[];
  close(): Promise<void>;
}> {
  const s = request.settings.bankid;
  const sims = await startEmbeddedSimulators({
    dataDir: request.dataDir,
    bankid: request.bankid,
    register: request.register,
    freja: request.freja === true,
    bankidOptions: {
      scenario: s.scenario,
      timings: { scanWindowMs: s.scanWindowSeconds * 1000, orderLifetimeMs: s.orderLifetimeSeconds * 1000 },
    },
  });
  const describe: string[] = [];
  const connections: Awaited<ReturnType<typeof startEmbeddedForKiosk>>['connections'] = {};
  if (sims.bankid) {
    connections.bankid = {
      url: sims.bankid.url,
      pfx: sims.bankid.clientPfx,
      passphrase: sims.bankid.passphrase,
      ca: sims.bankid.caCertPem,
    };
    describe.push(`BankID simulator: ${sims.bankid.pageUrl} (scan endpoint ${sims.bankid.scanUrl})`);
  }
  if (sims.freja) {
    connections.freja = {
      url: sims.freja.url,
      pfx: sims.freja.clientPfx,
      passphrase: sims.freja.passphrase,
      ca: sims.freja.caCertPem,
      signingCertPems: [sims.freja.signingCertPem],
    };
    describe.push(`Freja simulator: ${sims.freja.pageUrl} (scan endpoint ${sims.freja.scanUrl})`);
  }
  if (sims.register) {
    const r = sims.register;
    connections.register = {
      url: r.url,
      ...(r.caCertPem ? { ca: r.caCertPem } : {}),
      ...(r.clientPfx ? { pfx: r.clientPfx } : {}),
      ...(r.passphrase ? { passphrase: r.passphrase } : {}),
    };
    describe.push(`Register simulator: ${r.url}`);
  }
  return { connections, describe, close: () => sims.close() };
}
