/**
 * Runs the person register simulator on its own: `npx tsx src/simulators/register/cli.ts [options]`
 *
 *   --port N        listen on 127.0.0.1:N (default: a free port)
 *   --plain         plain HTTP instead of HTTPS
 *   --no-client-cert  HTTPS without requiring a client certificate
 *   --out DIR       where to write ca.pem, client.p12 and passphrase.txt (default: a new temp folder)
 */
import { parseArgs } from 'node:util';
import { portOption, requestLog, stopOnSignal, writeCredentials } from '../simulator-cli';
import { testPersons } from '../test-persons';
import { startRegisterSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    plain: { type: 'boolean', default: false },
    'no-client-cert': { type: 'boolean', default: false },
    out: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const sim = await startRegisterSimulator({
  port: portOption(values.port),
  tls: !values.plain,
  requireClientCert: !values['no-client-cert'],
  log: requestLog(values.quiet),
});
const lines = [
  'Person register simulator (test data only)',
  `  Base URL:  ${sim.url}`,
  `  Lookup:    POST ${sim.lookupUrl}  {"personalNumber":"YYYYMMDDNNNN"}`,
];
if (sim.caCertPem) {
  const files = writeCredentials(values.out, 'register-sim-', { ...sim, caCertPem: sim.caCertPem });
  lines.push(`  CA certificate: ${files.ca}`);
  if (files.clientCert) lines.push(`  Client cert:    ${files.clientCert}  passphrase in ${files.passphraseFile}`);
}
lines.push(
  '  Test persons:',
  ...testPersons.map(
    (p) => `    ${p.personalNumber}  ${p.name.padEnd(18)} ${p.inRegister ? p.protection : 'not in the register'}`,
  ),
  '',
);
process.stdout.write(lines.join('\n'));
stopOnSignal(() => sim.close());
