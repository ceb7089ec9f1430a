/**
 * Certificates for the check-config tests, made with node-forge (a development dependency, like the
 * simulators' test PKI): a CA, leaf certificates with chosen validity, and PKCS#12 files — also broken
 * ones no tool would export (a certificate beside a key that is not its own).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const DAY = 86_400_000;

export interface Key {
  key: forge.pki.rsa.PrivateKey;
  pub: forge.pki.rsa.PublicKey;
}

export function rsaKey(): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { key: forge.pki.privateKeyFromPem(privateKey), pub: forge.pki.publicKeyFromPem(publicKey) };
}

export interface CertOptions {
  cn: string;
  key: Key;
  /** Signed by this CA (its certificate and key); self-signed when absent. */
  issuer?: { cert: forge.pki.Certificate; key: Key };
  ca?: boolean;
  /** Days from now; negative: in the past. */
  from?: number;
  to?: number;
}

export function certificate(o: CertOptions): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = o.key.pub;
  const serial = randomBytes(12);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(Date.now() + (o.from ?? -1) * DAY);
  cert.validity.notAfter = new Date(Date.now() + (o.to ?? 365) * DAY);
  const subject = [{ name: 'commonName', value: o.cn }];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? o.issuer.cert.subject.attributes : subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: o.ca ?? false, critical: o.ca ?? false }]);
  cert.sign((o.issuer?.key ?? o.key).key, forge.md.sha256.create());
  return cert;
}

export function pem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert);
}

export function der(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** A PKCS#12 (AES-256) holding `key` and `certs` — the key need not be the first certificate's. */
export function pkcs12(key: Key, certs: forge.pki.Certificate[], passphrase: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key.key, certs, passphrase, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A CA and a client certificate it issued, valid `to` days, as a PKCS#12 with `passphrase`. */
export function clientPkcs12(
  passphrase: string,
  validity: { from?: number; to?: number } = {},
): { pfx: Buffer; caPem: string } {
  const caKey = rsaKey();
  const ca = certificate({ cn: 'Test CA', key: caKey, ca: true, to: 3650 });
  const key = rsaKey();
  const leaf = certificate({ cn: 'kiosk-1', key, issuer: { cert: ca, key: caKey }, ...validity });
  return { pfx: pkcs12(key, [leaf, ca], passphrase), caPem: pem(ca) };
}
