/**
 * The Freja simulator's results: compact JWS, RS256, header `{x5t, alg}` where x5t is base64url
 * SHA-1 of its own signing certificate (issued by the simulator's test CA, printed with the other
 * certificates). Test faults can produce a JWS with an unknown x5t or a broken signature.
 */
import { createHash, createSign, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface SigningIdentity {
  certPem: string;
  keyPem: string;
  x5t: string;
}

/** A signing certificate for the simulator, issued by the test CA (so IT can see who vouches for it). */
export function createSigningIdentity(ca: { caCertPem: string; caKeyPem: string }): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const caCert = forge.pki.certificateFromPem(ca.caCertPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${createHash('sha1').update(publicKey).digest('hex').slice(0, 30)}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 825 * 24 * 3600_000);
  cert.setSubject([
    { name: 'commonName', value: 'Freja simulator JWS signing (TEST)' },
    { name: 'organizationName', value: 'Kommunkiosk test PKI (not for production)' },
    { name: 'countryName', value: 'SE' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, critical: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.caKeyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: privateKey, x5t: x5tOfPem(certPem) };
}

export function x5tOfPem(pem: string): string {
  return createHash('sha1').update(new X509Certificate(pem).raw).digest('base64url');
}

export type ResultFault = 'badSignature' | 'unknownCertificate' | 'wrongRef';
export const resultFaults: readonly ResultFault[] = ['badSignature', 'unknownCertificate', 'wrongRef'];

export function signJws(payload: object, signer: SigningIdentity, fault: ResultFault | null = null): string {
  const header = { x5t: fault === 'unknownCertificate' ? 'AAAAAAAAAAAAAAAAAAAAAAAAAAA' : signer.x5t, alg: 'RS256' };
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createSign('RSA-SHA256').update(`${h}.${p}`).sign(signer.keyPem);
  if (fault === 'badSignature') sig[0] = (sig[0] ?? 0) ^ 0xff;
  return `${h}.${p}.${sig.toString('base64url')}`;
}
