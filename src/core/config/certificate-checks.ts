/**
 * What check-config finds in the certificate files a configuration names, read with the same
 * OpenSSL the kiosk's HTTPS clients use (no certificate library of our own):
 *
 * - a PKCS#12 client certificate opens with its passphrase, holds a certificate that matches its
 *   private key, and that certificate is valid now and for at least `warnDays` more;
 * - a CA file holds PEM certificates, each of them a CA (basicConstraints CA:TRUE), valid now and for
 *   at least `warnDays` more.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { errorMessage } from '../../contract/errors';

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CertificateFinding {
  severity: 'error' | 'warning';
  /** What is wrong, as the "expected" part of a problem line. */
  expected: string;
  fix: string;
}

export interface CertificateOptions {
  now?: number;
  warnDays?: number;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The subject's CN (or the whole subject) of a certificate, for messages. */
function nameOf(cert: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn ?? cert.subject.replaceAll('\n', ', ');
}

/** Validity of one certificate: expired, not yet valid, or expiring within warnDays. */
export function validityFindings(
  cert: X509Certificate,
  what: string,
  renew: string,
  options: CertificateOptions = {},
): CertificateFinding[] {
  const now = options.now ?? Date.now();
  const warnDays = options.warnDays ?? EXPIRY_WARNING_DAYS;
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (to <= now)
    return [{ severity: 'error', expected: `${what} valid now (it expired on ${isoDay(to)})`, fix: renew }];
  if (from > now)
    return [
      {
        severity: 'error',
        expected: `${what} valid now (it is valid from ${isoDay(from)}; is the kiosk's clock right?)`,
        fix: 'set the clock (timedatectl set-ntp true) or wait until the certificate is valid',
      },
    ];
  const days = Math.floor((to - now) / DAY_MS);
  if (days < warnDays)
    return [
      {
        severity: 'warning',
        expected: `${what} valid for more than ${warnDays} days (it expires on ${isoDay(to)}, in ${days} day(s))`,
        fix: renew,
      },
    ];
  return [];
}

/** Opens a PKCS#12 file the way the HTTPS clients do and returns its certificate, or why it cannot be used. */
export function openPkcs12(
  pfx: Buffer,
  passphrase: string | undefined,
): { ok: true; certificate: X509Certificate } | { ok: false; finding: CertificateFinding } {
  let context: tls.SecureContext;
  try {
    context = tls.createSecureContext({ pfx, ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (err) {
    const message = errorMessage(err);
    if (/mac verify|bad decrypt|passphrase|password/i.test(message))
      return {
        ok: false,
        finding: {
          severity: 'error',
          expected:
            'a PKCS#12 file that opens with the passphrase in its passphrase file (it does not: wrong passphrase, or a damaged file)',
          fix: 'put the passphrase that came with the certificate in the passphrase file (one line), or export the certificate again',
        },
      };
    if (/unsupported/i.test(message))
      return {
        ok: false,
        finding: {
          severity: 'error',
          expected: 'a PKCS#12 file with current encryption (it uses RC2-40, which OpenSSL 3 no longer reads)',
          fix: 'openssl pkcs12 -in old.p12 -nodes -legacy -out all.pem && openssl pkcs12 -export -in all.pem -out new.p12',
        },
      };
    if (/certificate from PFX|key values mismatch|private key/i.test(message))
      return {
        ok: false,
        finding: {
          severity: 'error',
          expected: 'a PKCS#12 file whose certificate matches its private key (no certificate in it matches the key)',
          fix: 'export the certificate together with its own private key: openssl pkcs12 -export -inkey key.pem -in cert.pem -out client.p12',
        },
      };
    return {
      ok: false,
      finding: {
        severity: 'error',
        expected: `a PKCS#12 (.p12/.pfx) file (OpenSSL cannot read it: ${message.slice(0, 100)})`,
        fix: 'use the .p12/.pfx file the certificate was delivered as (not PEM or DER)',
      },
    };
  }
  const socket = new tls.TLSSocket(null as never, { secureContext: context });
  try {
    const raw = (socket.getCertificate() as { raw?: Buffer } | null)?.raw;
    if (!raw)
      return {
        ok: false,
        finding: {
          severity: 'error',
          expected: 'a PKCS#12 file with a client certificate (it holds none)',
          fix: 'export the certificate together with its private key into one .p12 file',
        },
      };
    return { ok: true, certificate: new X509Certificate(raw) };
  } finally {
    socket.destroy();
  }
}

/** Everything about a client certificate (PKCS#12) and its passphrase. */
export function checkClientCertificate(
  pfx: Buffer,
  passphrase: string | undefined,
  what: string,
  options: CertificateOptions = {},
): CertificateFinding[] {
  const opened = openPkcs12(pfx, passphrase);
  if (!opened.ok) return [opened.finding];
  return validityFindings(
    opened.certificate,
    `${what} "${nameOf(opened.certificate)}"`,
    'order a new certificate from its issuer in time and replace the file (the kiosk reads it at start)',
    options,
  );
}

/** Everything about a CA file: PEM, only CA certificates, each valid. */
export function checkCaFile(pem: Buffer, what: string, options: CertificateOptions = {}): CertificateFinding[] {
  const text = pem.toString('utf8');
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    const der = pem.length > 0 && pem[0] === 0x30;
    return [
      {
        severity: 'error',
        expected: `${what} as PEM certificates ("-----BEGIN CERTIFICATE-----"; ${der ? 'this looks like DER' : 'none found'})`,
        fix: der
          ? 'convert it: openssl x509 -inform der -in ca.cer -out ca.pem'
          : 'use the CA certificate (PEM) its issuer publishes',
      },
    ];
  }
  const out: CertificateFinding[] = [];
  for (const [i, block] of blocks.entries()) {
    const label = blocks.length > 1 ? `${what}, certificate ${i + 1} of ${blocks.length}` : what;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (err) {
      out.push({
        severity: 'error',
        expected: `${label} readable (${errorMessage(err)})`,
        fix: 'download the CA certificate again',
      });
      continue;
    }
    if (!cert.ca) {
      out.push({
        severity: 'error',
        expected: `${label} a CA certificate ("${nameOf(cert)}" is not a CA: probably the server's own certificate)`,
        fix: "use the certificate of the CA that issued the server's certificate (the root, or the intermediate the service names)",
      });
      continue;
    }
    out.push(
      ...validityFindings(
        cert,
        `${label} "${nameOf(cert)}"`,
        "get the CA's current certificate from its issuer and replace the file",
        options,
      ),
    );
  }
  return out;
}
