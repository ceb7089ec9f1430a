/**
 * What the simulators' command lines (`npm run sim:*`) share: a checked `--port`, the files an RP
 * needs to talk to a simulator written where it asked, the request log's line, and a clean stop.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Says what is wrong with the command line and exits with 2 (a usage error). */
export function usageError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** `--port`: 0 (a free port) when not given; anything but 0…65535 is a usage error. */
export function portOption(value: string | undefined): number {
  const port = value !== undefined ? Number(value) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) usageError('--port must be a number between 0 and 65535');
  return port;
}

/** A request log to stdout with a time stamp, or none with `--quiet`. */
export function requestLog(quiet: boolean): ((line: string) => void) | undefined {
  return quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

/** The test PKI's files an RP client needs, written to `--out` (or a new temp folder named `prefix…`). */
export function writeCredentials(
  outOption: string | undefined,
  prefix: string,
  files: { caCertPem: string; clientPfx?: Buffer | null; passphrase?: string | null; extra?: Record<string, string> },
): { out: string; ca: string; clientCert?: string; passphraseFile?: string } {
  const out = outOption ? path.resolve(outOption) : mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(out, { recursive: true });
  const ca = path.join(out, 'ca.pem');
  writeFileSync(ca, files.caCertPem);
  for (const [name, text] of Object.entries(files.extra ?? {})) writeFileSync(path.join(out, name), text);
  if (!files.clientPfx || files.passphrase == null) return { out, ca };
  const clientCert = path.join(out, 'client.p12');
  const passphraseFile = path.join(out, 'passphrase.txt');
  writeFileSync(clientCert, files.clientPfx, { mode: 0o600 });
  writeFileSync(passphraseFile, `${files.passphrase}\n`, { mode: 0o600 });
  return { out, ca, clientCert, passphraseFile };
}

/** Closes the simulator and exits on Ctrl+C or SIGTERM. */
export function stopOnSignal(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
