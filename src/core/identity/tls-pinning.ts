/**
 * Certificate pinning for the identity services' HTTPS clients. Node trusts not only `ca` but also
 * any CA certificate that travels inside the client's PKCS#12 file; this check makes the pinned CA
 * the only anchor: the server's verified chain must contain one of the pinned certificates.
 */
import { X509Certificate } from 'node:crypto';
import tls, { type PeerCertificate } from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function pinnedFingerprints(ca: string | Buffer): Set<string> {
  const text = Buffer.isBuffer(ca) ? ca.toString('utf8') : ca;
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('the CA file holds no PEM certificate');
  return new Set(blocks.map((b) => new X509Certificate(b).fingerprint256));
}

/** A `checkServerIdentity` that also requires the chain to pass through a pinned certificate. */
export function pinnedServerIdentity(ca: string | Buffer): (host: string, cert: PeerCertificate) => Error | undefined {
  const pinned = pinnedFingerprints(ca);
  return (host, cert) => {
    const identity = tls.checkServerIdentity(host, cert);
    if (identity) return identity;
    const seen = new Set<string>();
    let c: tls.DetailedPeerCertificate | undefined = cert as tls.DetailedPeerCertificate;
    for (let depth = 0; c && depth < 10 && !seen.has(c.fingerprint256); depth += 1) {
      if (pinned.has(c.fingerprint256)) return undefined;
      seen.add(c.fingerprint256);
      c = c.issuerCertificate;
    }
    const err = new Error('the server certificate does not chain to the pinned CA') as Error & { code: string };
    err.code = 'ERR_TLS_CERT_NOT_PINNED';
    return err;
  };
}
