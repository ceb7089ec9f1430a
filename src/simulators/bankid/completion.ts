/**
 * completionData as BankID returns it on a complete order, with a signature and an OCSP response
 * that are unmistakably test data: the XML says so in a comment and in its <env>, it is signed by
 * the simulator's own test CA, and the "OCSP response" is a readable text blob.
 */
import { createHash, createSign, randomBytes } from 'node:crypto';
import type { TestPerson } from '../test-persons';

export interface SimCompletionData {
  user: { personalNumber: string; name: string; givenName: string; surname: string };
  device: { ipAddress: string; uhi: string };
  bankIdIssueDate: string;
  stepUp?: { mrtd: boolean };
  signature: string;
  ocspResponse: string;
  risk?: 'low' | 'moderate' | 'high';
}

export interface CompletionInput {
  kind: 'auth' | 'sign';
  person: TestPerson;
  deviceIp: string;
  userVisibleData: string | undefined;
  userVisibleDataFormat: string | undefined;
  userNonVisibleData: string | undefined;
  mrtd: boolean;
  returnRisk: boolean;
  /** The simulator's CA: key signs the XML, certificate goes in KeyInfo. */
  signerKeyPem: string;
  signerCertPem: string;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildCompletionData(input: CompletionInput): SimCompletionData {
  const { person } = input;
  const now = new Date();
  const nonce = randomBytes(20).toString('base64');
  const uhi = createHash('sha256')
    .update(`kommunkiosk-sim-uhi:${person.personalNumber}`)
    .digest('base64url')
    .slice(0, 27);
  const visible = input.userVisibleData
    ? `<usrVisibleData charset="UTF-8" visible="wysiwys"${input.userVisibleDataFormat ? ` format="${xmlEscape(input.userVisibleDataFormat)}"` : ''}>${xmlEscape(input.userVisibleData)}</usrVisibleData>`
    : '';
  const nonVisible = input.userNonVisibleData
    ? `<usrNonVisibleData>${xmlEscape(input.userNonVisibleData)}</usrNonVisibleData>`
    : '';
  const signedData =
    `<bankIdSignedData xmlns="http://www.bankid.com/signature/v1.0.0/types" Id="bidSignedData">` +
    visible +
    nonVisible +
    `<srvInfo><name>${xmlEscape('Kommunkiosk BankID simulator (TEST)')}</name><nonce>${nonce}</nonce><displayName>${xmlEscape('Kommunkiosk test RP')}</displayName></srvInfo>` +
    `<clientInfo><funcId>${input.kind === 'auth' ? 'Identification' : 'Signing'}</funcId><version>U0lNVUxBVE9S</version>` +
    `<env><ai><type>SIMULATED</type><deviceInfo>test data, not a BankID</deviceInfo><uhi>${uhi}</uhi><fsib>0</fsib><utb>cs1</utb><requirement><condition><type>CertificatePolicies</type><value>1.2.3.4.25</value></condition></requirement></ai></env></clientInfo>` +
    `<subject><personalNumber>${person.personalNumber}</personalNumber><name>${xmlEscape(person.name)}</name><issued>${now.toISOString()}</issued></subject>` +
    `</bankIdSignedData>`;
  const digest = createHash('sha256').update(signedData, 'utf8').digest('base64');
  const signedInfo =
    `<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">` +
    `<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
    `<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
    `<Reference Type="http://www.bankid.com/signature/v1.0.0/types" URI="#bidSignedData">` +
    `<Transforms><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>` +
    `<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>${digest}</DigestValue></Reference></SignedInfo>`;
  const signatureValue = createSign('sha256').update(signedInfo, 'utf8').sign(input.signerKeyPem, 'base64');
  const certBase64 = input.signerCertPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` +
    `<!-- SIMULATED BankID signature from the Kommunkiosk BankID simulator. TEST DATA: not a valid BankID signature. -->` +
    `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">${signedInfo}<SignatureValue>${signatureValue}</SignatureValue>` +
    `<KeyInfo><X509Data><X509Certificate>${certBase64}</X509Certificate></X509Data></KeyInfo>` +
    `<Object>${signedData}</Object></Signature>`;
  const ocsp =
    'SIMULATED OCSP RESPONSE - TEST DATA - Kommunkiosk BankID simulator\n' +
    `responseStatus: successful\ncertStatus: good\nproducedAt: ${now.toISOString()}\n` +
    `nonce: ${randomBytes(16).toString('hex')}\n`;
  return {
    user: {
      personalNumber: person.personalNumber,
      name: person.name,
      givenName: person.givenName,
      surname: person.surname,
    },
    device: { ipAddress: input.deviceIp, uhi },
    bankIdIssueDate: person.bankIdIssueDate,
    ...(input.mrtd ? { stepUp: { mrtd: true } } : {}),
    signature: Buffer.from(xml, 'utf8').toString('base64'),
    ocspResponse: Buffer.from(ocsp, 'utf8').toString('base64'),
    ...(input.returnRisk ? { risk: 'low' as const } : {}),
  };
}
