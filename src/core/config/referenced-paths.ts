/**
 * Every file and folder a configuration points at, resolved the way the capability that uses it
 * resolves it (identity files and the log folder from the config file's folder, case-queue and
 * printing paths from the data folder), with what the kiosk does with it. check-config walks this list
 * (path-checks.ts, certificate-checks.ts); the production policy reads the passphrase files in it.
 *
 * Flow and help folders are not listed: their own loaders check them (flows/loader.ts, help/help-loader.ts).
 */
import path from 'node:path';
import { resolveCasesConfig } from '../cases/config';
import type { KioskConfig } from './kiosk-config';

export type PathRole =
  /** PKCS#12 with a client certificate and its private key: a secret. */
  | 'client-certificate'
  /** A passphrase or password file: a secret. */
  | 'passphrase'
  /** PEM file of CA certificates: the only trust anchor for a service. */
  | 'ca'
  /** The key file that wraps the case queue's data key: a secret. */
  | 'data-key'
  /** A file the kiosk reads (a logo, SumatraPDF, cupsd.conf). */
  | 'readable-file'
  /** A folder the kiosk writes into. */
  | 'writable-folder';

export interface ReferencedPath {
  /** The dotted key in the config file, e.g. `identity.bankid.pfxFile`. */
  key: string;
  /** Absolute. */
  path: string;
  role: PathRole;
  /** What it is, for messages: "the BankID RP certificate (PKCS#12)". */
  what: string;
  /** client-certificate: the key of the passphrase file that opens it. */
  passphraseKey?: string;
  /** A missing path is fine: the kiosk makes it when it starts (a folder it may create, a key file it generates). */
  created?: boolean;
  /** The kiosk copes without it (a health check warns): a problem with it is a warning. */
  optional?: boolean;
  /** A Windows path in a check on another system (a Windows kiosk's file checked elsewhere): not looked at. */
  foreign?: boolean;
}

/** The Windows absolute path inside `p` (`C:\…`, also after being joined to a POSIX folder), or null. */
function windowsPath(p: string): string | null {
  return /[A-Za-z]:\\.*$/.exec(p)?.[0] ?? null;
}

interface IdentityFile {
  field: string;
  role: PathRole;
  what: string;
  passphraseField?: string;
}

/**
 * The files of each identity provider in `mode: external`. A provider added later (identity.freja)
 * adds its row here and is checked like the others.
 */
const IDENTITY_FILES: Record<string, IdentityFile[]> = {
  bankid: [
    {
      field: 'pfxFile',
      role: 'client-certificate',
      what: 'the BankID RP certificate (PKCS#12)',
      passphraseField: 'passphraseFile',
    },
    { field: 'passphraseFile', role: 'passphrase', what: 'the passphrase of the BankID RP certificate' },
    { field: 'caFile', role: 'ca', what: "BankID's CA certificate (PEM)" },
  ],
  register: [
    {
      field: 'clientPfxFile',
      role: 'client-certificate',
      what: "the register's client certificate (PKCS#12)",
      passphraseField: 'passphraseFile',
    },
    { field: 'passphraseFile', role: 'passphrase', what: "the passphrase of the register's client certificate" },
    { field: 'caFile', role: 'ca', what: "the register's CA certificate (PEM)" },
  ],
  freja: [
    {
      field: 'pfxFile',
      role: 'client-certificate',
      what: 'the Freja eID+ RP certificate (PKCS#12)',
      passphraseField: 'passphraseFile',
    },
    { field: 'passphraseFile', role: 'passphrase', what: 'the passphrase of the Freja eID+ RP certificate' },
    { field: 'caFile', role: 'ca', what: "Freja's CA certificate (PEM)" },
  ],
};

/** The data folder a configuration gives the kiosk (`dataDir`, else the composition root's default). */
export function configDataDir(config: KioskConfig, baseDir: string, defaultDataDir: string): string {
  return config.dataDir ? path.resolve(baseDir, config.dataDir) : defaultDataDir;
}

export function referencedPaths(
  config: KioskConfig,
  baseDir: string,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): ReferencedPath[] {
  const out: ReferencedPath[] = [];
  const fromConfig = (p: string): string => path.resolve(baseDir, p);

  out.push({ key: 'dataDir', path: dataDir, role: 'writable-folder', what: 'the data folder', created: true });
  out.push({
    key: 'log.dir',
    path: config.log.dir ? fromConfig(config.log.dir) : path.join(dataDir, 'logs'),
    role: 'writable-folder',
    what: 'the log folder',
    created: true,
  });
  if (config.kiosk.municipality.logo)
    out.push({
      key: 'kiosk.municipality.logo',
      path: fromConfig(config.kiosk.municipality.logo),
      role: 'readable-file',
      what: "the municipality's logo",
    });

  for (const method of config.identity.methods) {
    const logo = config.identity.logos[method];
    if (logo)
      out.push({
        key: `identity.logos.${method}`,
        path: fromConfig(logo),
        role: 'readable-file',
        what: `the ${method === 'freja' ? 'Freja eID+' : 'BankID'} logo on the e-ID choice`,
      });
  }
  for (const [name, section] of Object.entries(config.identity) as Array<[string, Record<string, unknown>]>) {
    // an e-ID the kiosk does not offer (identity.methods) is not used, so its files do not matter
    if (name === 'freja' && !config.identity.methods.includes('freja')) continue;
    if (section.mode !== 'external') continue;
    if (name === 'freja')
      config.identity.freja.signingCertFiles.forEach((file, i) =>
        out.push({
          key: `identity.freja.signingCertFiles.${i}`,
          path: fromConfig(file),
          role: 'ca',
          what: "a Freja JWS signing certificate (PEM): Freja's results are verified with it",
        }),
      );
    for (const f of IDENTITY_FILES[name] ?? []) {
      const value = section[f.field];
      if (typeof value !== 'string') continue;
      out.push({
        key: `identity.${name}.${f.field}`,
        path: fromConfig(value),
        role: f.role,
        what: f.what,
        ...(f.passphraseField && typeof section[f.passphraseField] === 'string'
          ? { passphraseKey: `identity.${name}.${f.passphraseField}` }
          : {}),
      });
    }
  }

  const cases = resolveCasesConfig(config.cases, dataDir);
  out.push({
    key: 'cases.keyFile',
    path: cases.keyFile,
    role: 'data-key',
    what: "the key file of the case queue's data key",
    created: cases.createKeyFile,
  });
  for (const [name, t] of Object.entries(cases.delivery.targets)) {
    const key = `cases.delivery.targets.${name}`;
    if (t.type === 'directory') {
      out.push({
        key: `${key}.dir`,
        path: t.dir,
        role: 'writable-folder',
        what: `the folder of delivery target "${name}"`,
        created: t.createDir,
      });
    } else if (t.type === 'https') {
      if (t.caFile)
        out.push({ key: `${key}.caFile`, path: t.caFile, role: 'ca', what: `the CA of delivery target "${name}"` });
      if (t.clientPfxFile)
        out.push({
          key: `${key}.clientPfxFile`,
          path: t.clientPfxFile,
          role: 'client-certificate',
          what: `the client certificate of delivery target "${name}" (PKCS#12)`,
          ...(t.passphraseFile ? { passphraseKey: `${key}.passphraseFile` } : {}),
        });
      if (t.passphraseFile)
        out.push({
          key: `${key}.passphraseFile`,
          path: t.passphraseFile,
          role: 'passphrase',
          what: `the passphrase of delivery target "${name}"`,
        });
    } else {
      if (t.caFile)
        out.push({ key: `${key}.caFile`, path: t.caFile, role: 'ca', what: `the CA of delivery target "${name}"` });
      if (t.auth)
        out.push({
          key: `${key}.auth.passFile`,
          path: t.auth.passFile,
          role: 'passphrase',
          what: `the SMTP password of delivery target "${name}"`,
        });
    }
  }

  const printing = config.printing;
  const fromData = (p: string): string => path.resolve(dataDir, p);
  if (printing.adapter === 'folder')
    out.push({
      key: 'printing.folder',
      path: fromData(printing.folder ?? 'printouts'),
      role: 'writable-folder',
      what: 'the folder the folder printer writes into',
      created: true,
    });
  if (printing.adapter === 'windows') {
    if (printing.sumatraPath)
      out.push({
        key: 'printing.sumatraPath',
        path: fromData(printing.sumatraPath),
        role: 'readable-file',
        what: 'SumatraPDF.exe',
      });
    if (printing.tempDir)
      out.push({
        key: 'printing.tempDir',
        path: fromData(printing.tempDir),
        role: 'writable-folder',
        what: 'the print-time folder',
      });
  }
  if (printing.adapter === 'cups')
    out.push({
      key: 'health.cupsdConf',
      path: config.health.cupsdConf,
      role: 'readable-file',
      what: "CUPS' cupsd.conf",
      optional: true,
    });

  if (config.monitoring.textfileDir)
    out.push({
      key: 'monitoring.textfileDir',
      path: fromConfig(config.monitoring.textfileDir),
      role: 'writable-folder',
      what: "node_exporter's textfile folder",
    });
  if (platform === 'win32') return out;
  return out.map((p) => {
    const win = windowsPath(p.path);
    return win ? { ...p, path: win, foreign: true } : p;
  });
}
