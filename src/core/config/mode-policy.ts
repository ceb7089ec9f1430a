/**
 * `mode: production | demo`. A kiosk in production serves real visitors, so nothing in it may be
 * simulated or copied from an example: a kiosk that runs half-real (real BankID but a simulated
 * register, so protected identities are never detected) looks the same to a visitor as a working one.
 *
 * Production is the default for a configuration file (given by --config, KIOSK_CONFIG or found at the
 * platform's default path) and for a packaged app without simulators; demo is what the main command
 * uses on its embedded defaults. In production these are refused (each problem names key, value,
 * what is expected and the fix), and the kiosk shows "Ur funktion" with them:
 *
 * - an identity provider (identity.bankid, identity.register, and identity.freja once it exists) in
 *   `mode: simulator`, or left out (the default is the simulator) — a missing register in particular;
 * - an identity provider's test environment (BankID's appapi2.test.bankid.com, its test policy 1.2.3.4.25);
 * - the register over plain http:// to another machine;
 * - no delivery target (cases would stay in `<dataDir>/outbox` on the kiosk, the simulated receiver of
 *   the embedded defaults), or a directory target without its own folder; delivery over plain http://
 *   or SMTP without TLS to another machine is refused in every mode (cases/config.ts);
 * - the folder printer (nothing reaches paper; it is the simulated printer of the embedded defaults);
 * - SANE's `test` scanner (it scans pictures of its own, never the visitor's paper);
 * - example values: the example staff PIN hashes, the municipality "Exempelkommun", addresses in
 *   example domains, and passphrase files that hold a public or placeholder passphrase.
 */
import { readFileSync } from 'node:fs';
import type { KioskConfig } from './kiosk-config';
import type { ConfigProblem } from './load-config';
import {
  EXAMPLE_MUNICIPALITY,
  EXAMPLE_PASSPHRASES,
  EXAMPLE_PIN_HASHES,
  isExampleDomain,
  TEST_CERTIFICATE_POLICIES,
  TEST_ENVIRONMENT_HOSTS,
} from './example-values';
import type { ReferencedPath } from './referenced-paths';

export const KIOSK_MODES = ['production', 'demo'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

const IN_PRODUCTION = 'in mode production';
const OR_DEMO = 'or set mode: demo for a demo kiosk that never serves real visitors';

/** What each identity provider needs instead of its simulator (identity.freja adds its line when it exists). */
const IDENTITY_FIX: Record<string, string> = {
  bankid:
    "set identity.bankid.mode: external with url, pfxFile, passphraseFile and caFile of the municipality's RP certificate (docs/bankid.md)",
  register:
    'set identity.register.mode: external with the url of the municipality\'s integration service (docs/bankid.md, "Person register")',
  freja:
    "set identity.freja.mode: external with url, pfxFile, passphraseFile, caFile and signingCertFiles of the municipality's Freja eID+ RP agreement (docs/freja.md)",
};

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/i;

function at(raw: unknown, keyPath: readonly string[]): { found: boolean; value: unknown } {
  let cur: unknown = raw;
  for (const k of keyPath) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[k];
  }
  return { found: true, value: cur };
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function urlHost(value: string): { protocol: string; host: string } | null {
  try {
    const u = new URL(value);
    return { protocol: u.protocol, host: u.hostname };
  } catch {
    return null;
  }
}

/** Every string in the raw file with its dotted key (for the example-domain check). */
function* strings(value: unknown, key: string[] = []): Generator<[string[], string]> {
  if (typeof value === 'string') yield [key, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...key, String(i)]);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...key, k]);
}

/** The domain of a URL, an e-mail address or a host name; null for other strings. */
function domainOf(key: readonly string[], value: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return urlHost(value)?.host ?? null;
  const email = /^[^@\s]+@([^@\s]+)$/.exec(value);
  if (email) return email[1] ?? null;
  if (key.at(-1) === 'host') return value;
  return null;
}

/**
 * The problems of a parsed configuration in production (none in demo). `raw` is the file's value
 * before defaults, to tell a key left out from one set.
 */
export function productionProblems(config: KioskConfig, raw: unknown): ConfigProblem[] {
  if (config.mode !== 'production') return [];
  const out: ConfigProblem[] = [];

  // ---- identity: no simulator, no test environment, no plain http to another machine --------------
  for (const [name, section] of Object.entries(config.identity) as Array<[string, Record<string, unknown>]>) {
    const fix = IDENTITY_FIX[name] ?? `set identity.${name}.mode: external`;
    // Freja eID+ is judged only when the kiosk offers it (identity.methods)
    if (name === 'freja' && !config.identity.methods.includes('freja')) continue;
    if (section.mode === 'simulator') {
      const declared = at(raw, ['identity', name]).found;
      if (name === 'register' && !declared) {
        out.push({
          key: 'identity.register',
          expected: `the person register configured ${IN_PRODUCTION}: without it every visitor is looked up in the simulated register, so a protected identity is never detected and goes the electronic route`,
          fix: `${fix}, ${OR_DEMO}`,
        });
      } else {
        const mode = at(raw, ['identity', name, 'mode']);
        out.push({
          key: `identity.${name}.mode`,
          ...(mode.found ? { value: shown(mode.value) } : {}),
          expected: `external ${IN_PRODUCTION} (the default is the simulator, which serves test persons only)`,
          fix: `${fix}, ${OR_DEMO}`,
        });
      }
      continue;
    }
    const url = typeof section.url === 'string' ? urlHost(section.url) : null;
    const testEnvironment = url ? TEST_ENVIRONMENT_HOSTS.get(url.host.toLowerCase()) : undefined;
    if (url && testEnvironment) {
      out.push({
        key: `identity.${name}.url`,
        value: shown(section.url),
        expected: `the production service ${IN_PRODUCTION} (this is ${testEnvironment}: test persons only)`,
        fix:
          name === 'bankid'
            ? 'url: https://appapi2.bankid.com/rp/v6.0/ with the RP certificate BankID issued for production'
            : name === 'freja'
              ? "url: https://services.prod.frejaeid.com with Freja's production RP certificate, CA and signing certificates"
              : `the production address of the service, ${OR_DEMO}`,
      });
    }
    if (url && url.protocol === 'http:' && !LOOPBACK.test(url.host)) {
      out.push({
        key: `identity.${name}.url`,
        value: shown(section.url),
        expected: `https:// ${IN_PRODUCTION}: the answers carry personal data and protection markings (http:// only to 127.0.0.1)`,
        fix: 'use the https:// address of the service, with caFile if it has its own CA',
      });
    }
    const policies = Array.isArray(section.certificatePolicies) ? (section.certificatePolicies as string[]) : [];
    const testPolicies = policies.filter((p) => TEST_CERTIFICATE_POLICIES.has(p));
    if (testPolicies.length > 0) {
      out.push({
        key: `identity.${name}.certificatePolicies`,
        value: shown(section.certificatePolicies),
        expected: `production policies ${IN_PRODUCTION} (${testPolicies.join(', ')} is the test environment's)`,
        fix: "certificatePolicies: ['1.2.752.78.1.5'] (Mobile BankID) or null for BankID's defaults",
      });
    }
  }

  // ---- delivery: cases must leave the kiosk --------------------------------------------------------
  const targets = at(raw, ['cases', 'delivery', 'targets']);
  const declaredTargets =
    targets.found && targets.value !== null && typeof targets.value === 'object' ? Object.keys(targets.value) : [];
  if (declaredTargets.length === 0) {
    out.push({
      key: 'cases.delivery.targets',
      expected: `a delivery target ${IN_PRODUCTION} (without one, cases stay in <dataDir>/outbox on the kiosk and reach no one)`,
      fix: `add an https, smtp or directory target (docs/delivery.md), ${OR_DEMO}`,
    });
  }
  for (const [name, t] of Object.entries(config.cases.delivery.targets)) {
    if (t.type === 'directory' && t.dir === undefined && declaredTargets.includes(name)) {
      out.push({
        key: `cases.delivery.targets.${name}.dir`,
        expected: `the folder of a mounted share ${IN_PRODUCTION} (without dir, cases go to <dataDir>/outbox on the kiosk)`,
        fix: 'dir: the mount point of the municipality\'s share, e.g. /mnt/arenden (docs/delivery.md, "directory")',
      });
    }
  }

  // ---- printing: paper, or explicitly none -----------------------------------------------------------
  if (config.printing.adapter === 'folder') {
    const adapter = at(raw, ['printing', 'adapter']);
    out.push({
      key: 'printing.adapter',
      ...(adapter.found ? { value: shown(adapter.value) } : {}),
      expected: `cups or windows ${IN_PRODUCTION}, or none for a kiosk without a printer (the default, folder, writes PDFs on the kiosk's disk and nothing reaches paper)`,
      fix: 'adapter: cups with printer: <queue name> (Linux) or adapter: windows with sumatraPath (docs/printing.md)',
    });
  }

  // ---- attachments: a real scanner ------------------------------------------------------------------
  const scanner = config.attachments.scanner;
  if (scanner.adapter === 'sane' && scanner.device !== null && /^test(?::|$)/.test(scanner.device)) {
    out.push({
      key: 'attachments.scanner.device',
      value: shown(scanner.device),
      expected: `a real scanner ${IN_PRODUCTION} (SANE's test backend scans pictures of its own, never the visitor's paper)`,
      fix: "the device name scanimage -L lists for the kiosk's scanner, or adapter: none (docs/attachments.md)",
    });
  }

  // ---- example values --------------------------------------------------------------------------------
  config.staff.members.forEach((m, i) => {
    if (EXAMPLE_PIN_HASHES.has(m.pinHash)) {
      out.push({
        key: `staff.members.${i}.pinHash`,
        value: '(hidden: a secret)',
        expected: 'the hash of a PIN of your own (this is the example hash from the documentation: its PIN is public)',
        fix: `run npm run hash-pin with a PIN of your own and paste its output for "${m.id}"`,
      });
    }
  });
  if (config.kiosk.municipality.name === EXAMPLE_MUNICIPALITY) {
    const named = at(raw, ['kiosk', 'municipality', 'name']).found;
    out.push({
      key: 'kiosk.municipality.name',
      ...(named ? { value: shown(EXAMPLE_MUNICIPALITY) } : {}),
      expected: `your municipality's name (${named ? 'this' : `the default, ${EXAMPLE_MUNICIPALITY},`} is the example's)`,
      fix: 'name: the name visitors know, e.g. Sundsvalls kommun',
    });
  }
  for (const [key, value] of strings(raw)) {
    const domain = domainOf(key, value);
    if (domain && isExampleDomain(domain)) {
      out.push({
        key: key.join('.'),
        value: shown(value),
        expected: `an address of your own ${IN_PRODUCTION} (${domain} is an example domain)`,
        fix: "the municipality's real address",
      });
    }
  }
  return out;
}

/** Passphrase files (of the listed paths) that hold an example or public passphrase. Unreadable files are left to check-config. */
export function examplePassphraseProblems(paths: readonly ReferencedPath[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const p of paths) {
    if (p.role !== 'passphrase') continue;
    let text: string;
    try {
      text = readFileSync(p.path, 'utf8').replace(/\r?\n$/, '');
    } catch {
      continue;
    }
    const known = EXAMPLE_PASSPHRASES.get(text);
    if (known === undefined) continue;
    out.push({
      key: p.key,
      value: shown(p.path),
      expected: `a file with a passphrase of your own (it holds ${known})`,
      fix: `${p.what}: use the certificate and passphrase issued for this municipality; the file holds only the passphrase, owned root:kiosk, mode 0640`,
    });
  }
  return out;
}
