/**
 * Runs the BankID simulator on its own: `npx tsx src/simulators/bankid/cli.ts [options]`
 *
 *   --port N               listen on 127.0.0.1:N (default: a free port)
 *   --out DIR              where to write ca.pem, client.p12 and passphrase.txt (default: a new temp folder)
 *   --scenario NAME        success | userCancel | expiredTransaction | startFailed | certificateErr
 *   --service NAME         normal | maintenance | internalError | tooManyRequests | slow
 *   --policy NAME          alreadyInProgress | cancelFirst (a second order for the same person)
 *   --quiet                no request log
 *
 * Prints the RP API base URL, the phone page and where the certificates are, then runs until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { portOption, requestLog, stopOnSignal, usageError, writeCredentials } from '../simulator-cli';
import { phoneScenarios, testPersons, type PhoneScenario } from '../test-persons';
import { serviceScenarios, startBankIdSimulator, type ServiceScenario } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    out: { type: 'string' },
    scenario: { type: 'string' },
    service: { type: 'string' },
    policy: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = portOption(values.port);
if (values.scenario !== undefined && !phoneScenarios.includes(values.scenario as PhoneScenario))
  usageError(`--scenario must be one of ${phoneScenarios.join(', ')}`);
if (values.service !== undefined && !serviceScenarios.includes(values.service as ServiceScenario))
  usageError(`--service must be one of ${serviceScenarios.join(', ')}`);
if (values.policy !== undefined && values.policy !== 'alreadyInProgress' && values.policy !== 'cancelFirst')
  usageError('--policy must be alreadyInProgress or cancelFirst');

const sim = await startBankIdSimulator({
  port,
  scenario: (values.scenario as PhoneScenario | undefined) ?? null,
  service: values.service as ServiceScenario | undefined,
  secondOrderPolicy: values.policy as 'alreadyInProgress' | 'cancelFirst' | undefined,
  log: requestLog(values.quiet),
});

const files = writeCredentials(values.out, 'bankid-sim-', sim);

process.stdout.write(
  [
    'BankID RP API v6.0 simulator (test data only)',
    `  RP API base URL:  ${sim.url}`,
    `  Phone page:       ${sim.pageUrl}`,
    `  Scan endpoint:    POST ${sim.scanUrl}  {"qr": "...", "personalNumber": "...", "scenario": "..."}`,
    `  Certificates in:  ${files.out}`,
    `    CA certificate: ${files.ca}`,
    `    RP client cert: ${files.clientCert}  (PKCS#12)`,
    `    passphrase:     ${files.passphraseFile}`,
    '  Test persons:',
    ...testPersons.map((p) => `    ${p.personalNumber}  ${p.name.padEnd(18)} ${p.description}`),
    '',
  ].join('\n'),
);

stopOnSignal(() => sim.close());
