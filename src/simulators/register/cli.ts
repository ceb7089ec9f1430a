/**
 * Runs the person register simulator on its own: `npx tsx src/simulators/register/cli.ts [options]`
 *
 *   --port N        listen on 127.0.0.1:N (default: a free port)
 *   --plain         plain HTTP instead of HTTPS
 *   --no-client-cert  HTTPS without requiring a client certificate
 *   --out DIR       where to write ca.pem, client.p12 and passphrase.txt (default: a new temp folder)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
const port = values.port !== undefined ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be a number between 0 and 65535\n');
  process.exit(2);
}
const sim = await startRegisterSimulator({
  port,
  tls: !values.plain,
  requireClientCert: !values['no-client-cert'],
  log: values.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
});
const lines = [
  'Person register simulator (test data only)',
  `  Base URL:  ${sim.url}`,
  `  Lookup:    POST ${sim.lookupUrl}  {"personalNumber":"YYYYMMDDNNNN"}`,
];
if (sim.caCertPem) {
  const out = values.out ? path.resolve(values.out) : mkdtempSync(path.join(tmpdir(), 'register-sim-'));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'ca.pem'), sim.caCertPem);
  lines.push(`  CA certificate: ${path.join(out, 'ca.pem')}`);
  if (sim.clientPfx && sim.passphrase) {
    writeFileSync(path.join(out, 'client.p12'), sim.clientPfx, { mode: 0o600 });
    writeFileSync(path.join(out, 'passphrase.txt'), `${sim.passphrase}\n`, { mode: 0o600 });
    lines.push(`  Client cert:    ${path.join(out, 'client.p12')}  passphrase in ${path.join(out, 'passphrase.txt')}`);
  }
}
lines.push(
  '  Test persons:',
  ...testPersons.map(
    (p) => `    ${p.personalNumber}  ${p.name.padEnd(18)} ${p.inRegister ? p.protection : 'not in the register'}`,
  ),
  '',
);
process.stdout.write(lines.join('\n'));
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
