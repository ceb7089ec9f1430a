/**
 * A throw-away PKI for the simulated receivers: a CA, a server certificate for 127.0.0.1/localhost
 * and a client certificate (also as PKCS#12), so HTTPS with a pinned CA and mutual TLS can be tested
 * for real. Keys come from Node's crypto (fast); node-forge builds and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface Pem {
  cert: string;
  key: string;
}

export interface TestPki {
  ca: Pem;
  server: Pem;
  client: Pem & { pfx(passphrase: string): Buffer };
}

function keyPair(): { privatePem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  return { privatePem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function certificate(options: {
  subject: string;
  publicKey: forge.pki.PublicKey;
  issuer: forge.pki.Certificate | null;
  signingKey: forge.pki.rsa.PrivateKey;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  const attrs = [{ name: 'commonName', value: options.subject }, { name: 'organizationName', value: 'Kommunkiosk test' }];
  cert.setSubject(attrs);
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : attrs);
  cert.setExtensions(options.extensions);
  cert.sign(options.signingKey, forge.md.sha256.create());
  return cert;
}

export function createTestPki(hosts: readonly string[] = ['127.0.0.1', 'localhost']): TestPki {
  const caKeys = keyPair();
  const caCert = certificate({
    subject: 'Kommunkiosk test CA',
    publicKey: caKeys.publicKey,
    issuer: null,
    signingKey: caKeys.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const serverKeys = keyPair();
  const serverCert = certificate({
    subject: hosts[0] ?? 'localhost',
    publicKey: serverKeys.publicKey,
    issuer: caCert,
    signingKey: caKeys.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h })),
      },
    ],
  });
  const clientKeys = keyPair();
  const clientCert = certificate({
    subject: 'kiosk-test-client',
    publicKey: clientKeys.publicKey,
    issuer: caCert,
    signingKey: caKeys.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  const caPem = forge.pki.certificateToPem(caCert);
  const clientPem = forge.pki.certificateToPem(clientCert);
  return {
    ca: { cert: caPem, key: caKeys.privatePem },
    server: { cert: forge.pki.certificateToPem(serverCert), key: serverKeys.privatePem },
    client: {
      cert: clientPem,
      key: clientKeys.privatePem,
      pfx(passphrase: string): Buffer {
        const asn1 = forge.pkcs12.toPkcs12Asn1(clientKeys.privateKey, [clientCert, caCert], passphrase, {
          algorithm: 'aes256',
          friendlyName: 'kiosk-test-client',
        });
        return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
      },
    },
  };
}
