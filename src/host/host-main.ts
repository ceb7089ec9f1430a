/**
 * The browser host's start-up, loaded by cli.ts: starts the kiosk in plain Node and prints the URL to
 * open in Chromium. Command-line options:
 *   --config FILE   configuration (else KIOSK_CONFIG, else the platform default, else embedded defaults)
 *   --port N        fixed port (default: a random free one)
 *   --data-dir DIR  data folder when the config names none
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir, loadConfig, resolveConfigPath } from '../core/config/load-config';
import { installProcessFaultHandlers } from '../core/log/process-faults';
import { startEmbeddedForKiosk } from '../simulators/embedded';
import { startHost } from './server';

/** `root`: the project (or unpacked app) folder holding package.json, out/ and resources/. */
export async function runHost(root: string, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };

  // no stray error ends the host: it is logged and counted (docs/architecture.md, "Fault policy")
  const processFaults = installProcessFaultHandlers();
  const { file } = resolveConfigPath(argv, process.env);
  const dataDirArg = arg('--data-dir');
  const dataDir = dataDirArg ? path.resolve(dataDirArg) : defaultDataDir();
  // the host always carries the simulators: without a file it runs the demo on them
  const config = loadConfig(file, { modeWithoutFile: 'demo', defaultDataDir: dataDir });
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const host = await startHost({
    config,
    rendererDir: path.join(root, 'out', 'renderer'),
    hostClientFile: path.join(root, 'out', 'host-client', 'client.js'),
    defaultDataDir: dataDir,
    version,
    resourcesDir: path.join(root, 'resources'),
    startEmbedded: startEmbeddedForKiosk,
    port: arg('--port') ? Number(arg('--port')) : 0,
    processFaults,
  });
  processFaults.useLogger(host.kiosk.logger);

  if (!config.ok) {
    process.stderr.write(
      `Configuration ${config.file ?? ''} is invalid; the kiosk shows "Ur funktion". Run npm run check-config -- FILE for details.\n`,
    );
  }
  for (const line of host.kiosk.embedded) process.stdout.write(`${line}\n`);
  process.stdout.write(`Kommunkiosk host: ${host.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
