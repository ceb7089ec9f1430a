/**
 * Values that come from our documentation and examples, or from public test material, and so must
 * never run a reception: they are refused in `mode: production` (see mode-policy.ts). A unit test
 * checks that every PIN hash shipped in resources/, build/ and docs/ is listed here, so an example
 * added later is refused too.
 */

/** The example staff PIN hashes of resources/config-examples/: their PINs are as public as the files. */
export const EXAMPLE_PIN_HASHES: ReadonlySet<string> = new Set([
  'scrypt$ln=15,r=8,p=1$dmshj7i_vQP4AYfw6S2Uwg$VFY4jyEElle19mHSNujxK1vfciwXd3LwYBmjSttADIY',
  'scrypt$ln=15,r=8,p=1$yKcjYaeRjcjRDon74PCkew$en5ElXEPDe753HQzURJWZSzqCpI8w3QySmUEdjA0h-M',
  'scrypt$ln=15,r=8,p=1$BZRipzQw-NcFnEJ3JUpN7A$X58GvvtXgKg83iXHmRsgEeD3kErgi2ClUPIJNtOVbv8',
]);

/**
 * Passphrases nobody should protect a production key with: the passphrase of BankID's public test RP
 * certificate (FPTestcert*.p12, "qwerty123") and the placeholders of how-to guides.
 */
export const EXAMPLE_PASSPHRASES: ReadonlyMap<string, string> = new Map([
  ['qwerty123', "the public passphrase of BankID's test RP certificate (FPTestcert)"],
  ['changeit', 'a placeholder from how-to guides'],
  ['changeme', 'a placeholder from how-to guides'],
  ['password', 'a placeholder from how-to guides'],
  ['passphrase', 'a placeholder from how-to guides'],
  ['secret', 'a placeholder from how-to guides'],
]);

/** The municipality of our examples. */
export const EXAMPLE_MUNICIPALITY = 'Exempelkommun';

/** Domains of our examples and the names reserved for examples and tests (RFC 2606, RFC 6761). */
const EXAMPLE_DOMAINS = ['exempelkommun.se', 'example.com', 'example.net', 'example.org'];
const RESERVED_TOP_LEVEL = ['example', 'invalid', 'test'];

/** True for a host name (or the domain of an e-mail address) that belongs to an example. */
export function isExampleDomain(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (EXAMPLE_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`))) return true;
  const tld = h.slice(h.lastIndexOf('.') + 1);
  return h.includes('.') && RESERVED_TOP_LEVEL.includes(tld);
}

/** Test environments of the identity providers: test persons only, never a reception. */
export const TEST_ENVIRONMENT_HOSTS: ReadonlyMap<string, string> = new Map([
  ['appapi2.test.bankid.com', "BankID's test environment"],
  ['services.test.frejaeid.com', "Freja eID's test environment"],
]);

/** BankID's certificate policy of Mobile BankID in the test environment. */
export const TEST_CERTIFICATE_POLICIES: ReadonlySet<string> = new Set(['1.2.3.4.25']);
