/**
 * Runs the Freja eID+ simulator on its own: `npm run sim:freja -- [options]`
 *
 *   --port N          listen on 127.0.0.1:N (default: a free port)
 *   --out DIR         where to write ca.pem, client.p12, passphrase.txt and freja-signing.pem
 *   --scenario NAME   approve | reject | cancel | expire (what every phone does)
 *   --quiet           no request log
 *
 * Prints the RP API base URL, the phone page and where the certificates are, then runs until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { portOption, requestLog, stopOnSignal, usageError, writeCredentials } from '../simulator-cli';
import { testPersons } from '../test-persons';
import { startFrejaSimulator } from './simulator';
import { frejaAccounts, frejaPhoneScenarios, type FrejaPhoneScenario } from './transactions';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    out: { type: 'string' },
    scenario: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = portOption(values.port);
if (values.scenario !== undefined && !frejaPhoneScenarios.includes(values.scenario as FrejaPhoneScenario))
  usageError(`--scenario must be one of ${frejaPhoneScenarios.join(', ')}`);

const sim = await startFrejaSimulator({
  port,
  scenario: (values.scenario as FrejaPhoneScenario | undefined) ?? null,
  log: requestLog(values.quiet),
});

const files = writeCredentials(values.out, 'freja-sim-', {
  ...sim,
  extra: { 'freja-signing.pem': sim.signingCertPem },
});

process.stdout.write(
  [
    'Freja eID+ RP API simulator (test data only)',
    `  RP API base URL:  ${sim.url}`,
    `  Phone page:       ${sim.pageUrl}`,
    `  Scan endpoint:    POST ${sim.scanUrl}  {"qr": "...", "personalNumber": "...", "scenario": "approve"}`,
    `  Certificates in:  ${files.out}`,
    `    CA certificate:      ${files.ca}`,
    `    RP client cert:      ${files.clientCert}  (PKCS#12)`,
    `    passphrase:          ${files.passphraseFile}`,
    `    JWS signing cert:    ${files.out}/freja-signing.pem  (x5t ${sim.signingX5t})`,
    '  Test persons:',
    ...testPersons.map(
      (p) =>
        `    ${p.personalNumber}  ${p.name.padEnd(18)} ${(frejaAccounts[p.personalNumber]?.level ?? 'EXTENDED').padEnd(9)} ${frejaAccounts[p.personalNumber]?.scenario ?? ''}`,
    ),
    '',
  ].join('\n'),
);

stopOnSignal(() => sim.close());
