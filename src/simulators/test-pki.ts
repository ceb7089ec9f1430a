/**
 * The one throw-away PKI of the simulators and tests: a test CA, a server certificate for
 * localhost/127.0.0.1/::1 (and any further names) and a client certificate delivered as PKCS#12 with a
 * passphrase, the way BankID delivers an RP certificate. It serves the BankID and register simulators
 * (mutual TLS), the case receiver (HTTPS and SMTP with a pinned CA) and the tests of their clients.
 * Keys come from node:crypto (fast, native); node-forge builds the certificates and the PKCS#12
 * (AES-256, readable by OpenSSL 3 without the legacy provider). Simulators import this file lazily
 * (`await import('../test-pki')`): node-forge is slow to load and not needed without TLS.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface TestPki {
  caCertPem: string;
  /** The CA's key, used by the BankID simulator to sign its (test) signatures. */
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** PKCS#12 with the client certificate, its key and the CA certificate. */
  clientPfx: Buffer;
  clientCertPem: string;
  passphrase: string;
}

export interface TestPkiOptions {
  /** Names the CA, e.g. "BankID simulator". */
  name: string;
  /** CN of the client certificate. */
  clientName: string;
  /** Default: random. */
  passphrase?: string;
  /** Further names for the server certificate, DNS names or IP addresses (besides localhost, 127.0.0.1 and ::1). */
  serverNames?: readonly string[];
}

function rsaKey(): { key: forge.pki.rsa.PrivateKey; pub: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { key: forge.pki.privateKeyFromPem(privateKey), pub: forge.pki.publicKeyFromPem(publicKey), pem: privateKey };
}

function serial(): string {
  // positive, 16 bytes
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f;
  return b.toString('hex');
}

function certificate(options: {
  subject: string;
  pub: forge.pki.rsa.PublicKey;
  issuer: forge.pki.Certificate | null;
  signKey: forge.pki.rsa.PrivateKey;
  days: number;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.pub;
  cert.serialNumber = serial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + options.days * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: options.subject },
    { name: 'organizationName', value: 'Kommunkiosk test PKI (not for production)' },
    { name: 'countryName', value: 'SE' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : subject);
  cert.setExtensions(options.extensions);
  cert.sign(options.signKey, forge.md.sha256.create());
  return cert;
}

export function createTestPki(options: TestPkiOptions): TestPki {
  const passphrase = options.passphrase ?? randomBytes(12).toString('base64url');
  const ca = rsaKey();
  const caCert = certificate({
    subject: `${options.name} Test CA`,
    pub: ca.pub,
    issuer: null,
    signKey: ca.key,
    days: 3650,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });

  const leaf = (
    subject: string,
    pub: forge.pki.rsa.PublicKey,
    use: { serverAuth: true } | { clientAuth: true },
    more: object[] = [],
  ): forge.pki.Certificate =>
    certificate({
      subject,
      pub,
      issuer: caCert,
      signKey: ca.key,
      days: 825,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', ...use },
        ...more,
      ],
    });

  const server = rsaKey();
  const serverNames = [...new Set(['localhost', '127.0.0.1', '::1', ...(options.serverNames ?? [])])];
  const serverCert = leaf('localhost', server.pub, { serverAuth: true }, [
    {
      name: 'subjectAltName',
      altNames: serverNames.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
    },
  ]);

  const client = rsaKey();
  const clientCert = leaf(options.clientName, client.pub, { clientAuth: true });
  const p12 = forge.pkcs12.toPkcs12Asn1(client.key, [clientCert, caCert], passphrase, {
    algorithm: 'aes256',
    friendlyName: options.clientName,
  });
  const clientPfx = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');

  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    caKeyPem: ca.pem,
    serverCertPem: forge.pki.certificateToPem(serverCert),
    serverKeyPem: server.pem,
    clientPfx,
    clientCertPem: forge.pki.certificateToPem(clientCert),
    passphrase,
  };
}
