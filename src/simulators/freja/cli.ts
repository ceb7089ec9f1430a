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
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const port = values.port !== undefined ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a number between 0 and 65535');
if (values.scenario !== undefined && !frejaPhoneScenarios.includes(values.scenario as FrejaPhoneScenario))
  fail(`--scenario must be one of ${frejaPhoneScenarios.join(', ')}`);

const sim = await startFrejaSimulator({
  port,
  scenario: (values.scenario as FrejaPhoneScenario | undefined) ?? null,
  log: values.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
});

const out = values.out ? path.resolve(values.out) : mkdtempSync(path.join(tmpdir(), 'freja-sim-'));
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'ca.pem'), sim.caCertPem);
writeFileSync(path.join(out, 'client.p12'), sim.clientPfx, { mode: 0o600 });
writeFileSync(path.join(out, 'passphrase.txt'), `${sim.passphrase}\n`, { mode: 0o600 });
writeFileSync(path.join(out, 'freja-signing.pem'), sim.signingCertPem);

process.stdout.write(
  [
    'Freja eID+ RP API simulator (test data only)',
    `  RP API base URL:  ${sim.url}`,
    `  Phone page:       ${sim.pageUrl}`,
    `  Scan endpoint:    POST ${sim.scanUrl}  {"qr": "...", "personalNumber": "...", "scenario": "approve"}`,
    `  Certificates in:  ${out}`,
    `    CA certificate:      ${path.join(out, 'ca.pem')}`,
    `    RP client cert:      ${path.join(out, 'client.p12')}  (PKCS#12)`,
    `    passphrase:          ${path.join(out, 'passphrase.txt')}`,
    `    JWS signing cert:    ${path.join(out, 'freja-signing.pem')}  (x5t ${sim.signingX5t})`,
    '  Test persons:',
    ...testPersons.map(
      (p) =>
        `    ${p.personalNumber}  ${p.name.padEnd(18)} ${(frejaAccounts[p.personalNumber]?.level ?? 'EXTENDED').padEnd(9)} ${frejaAccounts[p.personalNumber]?.scenario ?? ''}`,
    ),
    '',
  ].join('\n'),
);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
