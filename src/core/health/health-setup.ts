/**
 * Builds the health checks from the kiosk's configuration, the way the other capabilities read it:
 * BankID and register files relative to the config file's folder, case-queue paths relative to the
 * data folder. The composition root passes the embedded simulators' endpoints in simulator mode.
 */
import path from 'node:path';
import { resolveCasesConfig, type CasesConfig } from '../cases/config';
import { loadBankIdCredentials } from '../identity/bankid/client';
import type { BankIdConfig, RegisterConfig } from '../identity/config';
import { loadRegisterCredentials } from '../identity/register/https-register';
import type { Logger } from '../log/logger';
import type { HealthConfigInput } from './config';
import type { TlsMaterial } from './endpoint-probe';
import {
  createHealthChecks,
  type DataKeyProtection,
  type HealthCheckOptions,
  type HealthChecks,
  type ServiceEndpoint,
} from './health-checks';

export interface HealthSetup {
  /** The parsed sections of the kiosk config the checks need. */
  config: {
    identity: { bankid: BankIdConfig; register: RegisterConfig };
    cases: CasesConfig;
    health?: HealthConfigInput;
    printing?: { adapter: string };
  };
  /** The config file's folder. */
  baseDir: string;
  dataDir: string;
  /** The embedded simulators (simulator mode): their URL and TLS material in memory. */
  connections?: {
    bankid?: TlsMaterial & { url: string };
    register?: TlsMaterial & { url: string };
  };
  /** The platform's key store when it wraps the data key; undefined: the key file of the config. */
  keyWrapper?: { kind: string; protects: boolean } | undefined;
  /** Printing goes through CUPS: check cupsd.conf. Default: `config.printing.adapter === 'cups'`. */
  usesCups?: boolean;
  logger: Logger;
  /** Extra options (tests). */
  overrides?: Partial<Omit<HealthCheckOptions, 'logger'>>;
}

function memoryEndpoint(c: TlsMaterial & { url: string }, pinCa: boolean): ServiceEndpoint {
  const material: TlsMaterial = {
    ...(c.ca ? { ca: c.ca } : {}),
    ...(c.pfx ? { pfx: c.pfx } : {}),
    ...(c.passphrase !== undefined ? { passphrase: c.passphrase } : {}),
  };
  return { url: c.url, tls: () => material, pinCa: pinCa && material.ca !== undefined, simulator: true };
}

export function healthOptionsFromConfig(setup: HealthSetup): HealthCheckOptions {
  const { config, baseDir } = setup;
  const at = (file: string): string => path.resolve(baseDir, file);

  let bankid: ServiceEndpoint | null = null;
  const b = config.identity.bankid;
  if (b.mode === 'external' && b.url && b.pfxFile && b.passphraseFile && b.caFile) {
    const files = { pfxFile: at(b.pfxFile), passphraseFile: at(b.passphraseFile), caFile: at(b.caFile) };
    bankid = { url: b.url, tls: () => loadBankIdCredentials(files), pinCa: true };
  } else if (b.mode === 'simulator' && setup.connections?.bankid) {
    bankid = memoryEndpoint(setup.connections.bankid, true);
  }

  let register: ServiceEndpoint | null = null;
  const r = config.identity.register;
  if (r.mode === 'external' && r.url) {
    const files = {
      caFile: r.caFile && at(r.caFile),
      clientPfxFile: r.clientPfxFile && at(r.clientPfxFile),
      passphraseFile: r.passphraseFile && at(r.passphraseFile),
    };
    register = { url: r.url, tls: () => loadRegisterCredentials(files) };
  } else if (r.mode === 'simulator' && setup.connections?.register) {
    register = memoryEndpoint(setup.connections.register, false);
  }

  const cases = resolveCasesConfig(config.cases, setup.dataDir);
  const dataKey: DataKeyProtection = setup.keyWrapper
    ? { kind: 'key-store', name: setup.keyWrapper.kind, protects: setup.keyWrapper.protects }
    : { kind: 'key-file', file: cases.keyFile };

  return {
    dataDir: setup.dataDir,
    bankid,
    register,
    deliveryTargets: cases.delivery.targets,
    dataKey,
    cupsdConf:
      (setup.usesCups ?? config.printing?.adapter === 'cups')
        ? (config.health?.cupsdConf ?? '/etc/cups/cupsd.conf')
        : null,
    ...(config.health ? { config: config.health } : {}),
    logger: setup.logger,
    ...setup.overrides,
  };
}

/** The health checks of a configured kiosk. */
export function createHealthChecksFromConfig(setup: HealthSetup): HealthChecks {
  return createHealthChecks(healthOptionsFromConfig(setup));
}
