/**
 * The case receiver as a process of its own:
 *
 *   npx tsx src/simulators/receiver/cli.ts --dir ./received [--port 8787] [--host 127.0.0.1]
 *       [--tls] [--duplicates replay|conflict] [--fault '{"kind":"status","status":500,"times":3}']
 *
 * The first line on stdout is the URL to post cases to (…/cases); with --tls the CA certificate a
 * kiosk must pin is written to <dir>/../receiver-ca.pem and its path printed on the second line.
 * Request lines go to stderr. Stops on SIGINT/SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopOnSignal } from '../simulator-cli';
import { startReceiver, type ReceiverFault } from './server';

const usage =
  'usage: receiver --dir <folder> [--port N] [--host 127.0.0.1] [--tls] [--duplicates replay|conflict] [--fault <json>]…';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      tls: { type: 'boolean', default: false },
      duplicates: { type: 'string', default: 'replay' },
      fault: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !values.dir) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0…65535, got ${values.port}`);
  if (values.duplicates !== 'replay' && values.duplicates !== 'conflict')
    throw new Error('--duplicates is replay or conflict');
  const faults = values.fault.map((f) => JSON.parse(f) as ReceiverFault);

  let tls: { key: string; cert: string } | undefined;
  let caFile: string | undefined;
  if (values.tls) {
    // loaded only with --tls: node-forge is slow to load
    const { createTestPki } = await import('../test-pki');
    const pki = createTestPki({ name: 'Case receiver', clientName: 'kiosk-test-client', serverNames: [values.host] });
    tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };
    caFile = path.join(path.dirname(path.resolve(values.dir)), 'receiver-ca.pem');
    writeFileSync(caFile, pki.caCertPem);
  }

  const receiver = await startReceiver({
    dir: values.dir,
    host: values.host,
    port,
    duplicates: values.duplicates,
    faults,
    ...(tls ? { tls } : {}),
    log: values.quiet ? undefined : (line) => process.stderr.write(`receiver: ${line}\n`),
  });
  process.stdout.write(`${receiver.casesUrl}\n`);
  if (caFile) process.stdout.write(`${caFile}\n`);

  stopOnSignal(() => receiver.close());
}

main().catch((err: unknown) => {
  process.stderr.write(`receiver: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
