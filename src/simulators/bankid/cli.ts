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
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const port = values.port !== undefined ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a number between 0 and 65535');
if (values.scenario !== undefined && !phoneScenarios.includes(values.scenario as PhoneScenario))
  fail(`--scenario must be one of ${phoneScenarios.join(', ')}`);
if (values.service !== undefined && !serviceScenarios.includes(values.service as ServiceScenario))
  fail(`--service must be one of ${serviceScenarios.join(', ')}`);
if (values.policy !== undefined && values.policy !== 'alreadyInProgress' && values.policy !== 'cancelFirst')
  fail('--policy must be alreadyInProgress or cancelFirst');

const sim = await startBankIdSimulator({
  port,
  scenario: (values.scenario as PhoneScenario | undefined) ?? null,
  service: values.service as ServiceScenario | undefined,
  secondOrderPolicy: values.policy as 'alreadyInProgress' | 'cancelFirst' | undefined,
  log: values.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
});

const out = values.out ? path.resolve(values.out) : mkdtempSync(path.join(tmpdir(), 'bankid-sim-'));
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'ca.pem'), sim.caCertPem);
writeFileSync(path.join(out, 'client.p12'), sim.clientPfx, { mode: 0o600 });
writeFileSync(path.join(out, 'passphrase.txt'), `${sim.passphrase}\n`, { mode: 0o600 });

process.stdout.write(
  [
    'BankID RP API v6.0 simulator (test data only)',
    `  RP API base URL:  ${sim.url}`,
    `  Phone page:       ${sim.pageUrl}`,
    `  Scan endpoint:    POST ${sim.scanUrl}  {"qr": "...", "personalNumber": "...", "scenario": "..."}`,
    `  Certificates in:  ${out}`,
    `    CA certificate: ${path.join(out, 'ca.pem')}`,
    `    RP client cert: ${path.join(out, 'client.p12')}  (PKCS#12)`,
    `    passphrase:     ${path.join(out, 'passphrase.txt')}`,
    '  Test persons:',
    ...testPersons.map((p) => `    ${p.personalNumber}  ${p.name.padEnd(18)} ${p.description}`),
    '',
  ].join('\n'),
);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
