/**
 * Freja's results are compact JWS (RS256) signed by one of Freja's signing certificates, named in the
 * header by `x5t` (base64url SHA-1 of the certificate's DER). The kiosk keeps a set of them (Freja
 * rotates its certificates) and verifies every result before believing a word of it: an unknown
 * `x5t`, another algorithm, a bad signature or a payload that does not parse are all refused.
 */
import { createHash, createVerify, X509Certificate, type KeyObject } from 'node:crypto';

export class FrejaJwsError extends Error {
  constructor(
    readonly reason: 'malformed' | 'algorithm' | 'unknownCertificate' | 'badSignature' | 'expiredCertificate',
  ) {
    super(`Freja result refused: ${reason}`);
    this.name = 'FrejaJwsError';
  }
}

export interface SigningCertificate {
  x5t: string;
  key: KeyObject;
  validTo: Date;
  subject: string;
}

/** base64url SHA-1 of the certificate's DER: the `x5t` Freja puts in the JWS header. */
export function x5tOf(cert: X509Certificate): string {
  return createHash('sha1').update(cert.raw).digest('base64url');
}

/** Every certificate in the PEM text(s), keyed by x5t. */
export function signingCertificates(pems: readonly string[]): Map<string, SigningCertificate> {
  const out = new Map<string, SigningCertificate>();
  for (const pem of pems) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new Error('a Freja signing certificate file holds no PEM certificate');
    for (const block of blocks) {
      const cert = new X509Certificate(block);
      out.set(x5tOf(cert), {
        x5t: x5tOf(cert),
        key: cert.publicKey,
        validTo: new Date(cert.validTo),
        subject: cert.subject.replace(/\n/g, ', '),
      });
    }
  }
  return out;
}

/** Verifies a compact JWS and returns its payload (parsed JSON) and the x5t that signed it. */
export function verifyFrejaJws(
  jws: string,
  certs: ReadonlyMap<string, SigningCertificate>,
  now: Date = new Date(),
): { payload: Record<string, unknown>; x5t: string } {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new FrejaJwsError('malformed');
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new FrejaJwsError('malformed');
  }
  if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null)
    throw new FrejaJwsError('malformed');
  const { alg, x5t } = header as { alg?: unknown; x5t?: unknown };
  if (alg !== 'RS256') throw new FrejaJwsError('algorithm');
  const cert = typeof x5t === 'string' ? certs.get(x5t) : undefined;
  if (!cert) throw new FrejaJwsError('unknownCertificate');
  const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(cert.key, Buffer.from(s, 'base64url'));
  if (!ok) throw new FrejaJwsError('badSignature');
  if (cert.validTo.getTime() < now.getTime()) throw new FrejaJwsError('expiredCertificate');
  return { payload: payload as Record<string, unknown>, x5t: cert.x5t };
}
