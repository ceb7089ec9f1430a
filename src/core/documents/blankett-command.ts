/**
 * `npm run blankett -- <flow id> [--lang sv|en] [--out FILE] [--config FILE]`: writes the blank
 * blankett of any flow, so the municipality can publish the same form on its website.
 * `npm run blankett -- --all [--out FOLDER]` writes every flow in every language
 * (blankett-<flow id>-<lang>.pdf) in one run, for the whole website at once.
 *
 * The municipality's name and logo, extra flow folders and the default post address come from the
 * kiosk's config file (--config FILE, else KIOSK_CONFIG, else the platform's default file if it
 * exists, else the embedded defaults). `--out -` writes the PDF to standard output. Default output:
 * blankett-<flow id>-<lang>.pdf in the current folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KioskConfig } from '../config/kiosk-config';
import { formatProblem, loadConfig, resolveConfigPath, resolveFrom } from '../config/load-config';
import { loadFlows } from '../flows/loader';
import { createLogger, type Logger } from '../log/logger';
import { createDocumentService } from './document-service';

const USAGE =
  'usage: npm run blankett -- <flow id> [--lang sv|en] [--out FILE|-] [--config FILE]\n' +
  '       npm run blankett -- --all [--out FOLDER] [--config FILE]';
const LANGS = ['sv', 'en'] as const;
const resourcesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArgs(argv: readonly string[]): { flowId: string | null; lang: 'sv' | 'en'; out: string | null } {
  let flowId: string | null = null;
  let all = false;
  let lang: 'sv' | 'en' = 'sv';
  let out: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = (name: string): string => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : null;
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined) fail(`${name} needs a value\n${USAGE}`);
      i += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const l = value('--lang');
      if (l !== 'sv' && l !== 'en') fail(`--lang must be sv or en, not "${l}"`);
      lang = l;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      out = value('--out');
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      if (arg === '--config') i += 1; // read by resolveConfigPath
    } else if (arg === '--all') {
      all = true;
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}\n${USAGE}`);
    } else if (flowId === null) {
      flowId = arg;
    } else {
      fail(`one flow id only\n${USAGE}`);
    }
  }
  if (all && flowId !== null) fail(`--all or one flow id, not both\n${USAGE}`);
  if (all && out === '-') fail(`--all writes files: --out names a folder\n${USAGE}`);
  if (!all && flowId === null) fail(USAGE);
  return { flowId, lang, out };
}

function documentService(config: KioskConfig, logoBytes: Uint8Array | null, logger: Logger) {
  const municipality = config.kiosk.municipality;
  return createDocumentService({
    resourcesDir,
    municipality: {
      name: municipality.name,
      logoBytes,
      contact: { phone: municipality.contactCentre.phone, email: municipality.contactCentre.email },
    },
    logger,
    config: config.documents,
  });
}

/**
 * Renders the blankett of every shipped e-service in every language once, in memory, on the embedded
 * defaults (nothing is read from a config file, nothing is written). blankett-snapshot.ts runs it while
 * the startup snapshot is built, so that the snapshot holds what a first run builds lazily (zod's
 * compiled parsers, pdf-lib's and fontkit's lazily made tables) — the config, flows and fonts of a run
 * are read at that run.
 */
export async function warmUpBlankettCommand(): Promise<void> {
  const loaded = loadConfig(null);
  if (!loaded.ok) throw new Error('the embedded defaults do not load');
  // no stream of the process's own: a snapshot cannot hold an open stderr writer
  const { logger } = createLogger({ level: 'silent', destination: { write: () => undefined } });
  const { flows } = loadFlows({
    dirs: [],
    baseDir: resourcesDir,
    builtinDir: path.join(resourcesDir, 'flows'),
    logger,
  });
  const service = documentService(loaded.config, null, logger);
  for (const flow of flows.values()) for (const lang of LANGS) await service.blankett(flow, { lang });
}

/** Runs the command with its arguments (without node and the script); exits the process on a usage error. */
export async function runBlankettCommand(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const { file } = resolveConfigPath(argv, process.env);
  const loaded = loadConfig(file);
  // a blank blankett needs the municipality and the flows only: a production file that the mode's
  // policy refuses (simulators, example values …) still names them; the kiosk itself would not start on it
  if (!loaded.ok && !loaded.parsed) fail(loaded.problems.map((p) => formatProblem(p, loaded.file)).join('\n'), 1);
  const { config, baseDir } = loaded.ok ? loaded : (loaded.parsed as NonNullable<typeof loaded.parsed>);
  const { flows, problems } = loadFlows({
    dirs: config.flows.dirs,
    baseDir,
    builtinDir: path.join(resourcesDir, 'flows'),
    logger: createLogger({ level: 'silent' }).logger,
  });
  const flow = args.flowId === null ? null : flows.get(args.flowId);
  if (args.flowId !== null && !flow) {
    const broken = problems.filter((p) => path.basename(p.file).replace(/\.ya?ml$/i, '') === args.flowId);
    const why =
      broken.length > 0
        ? `its file has problems (npm run check-config)`
        : `known flows: ${[...flows.keys()].join(', ')}`;
    fail(`no flow "${args.flowId}": ${why}`, 1);
  }

  const municipality = config.kiosk.municipality;
  let logoBytes: Uint8Array | null = null;
  if (municipality.logo) {
    try {
      logoBytes = new Uint8Array(readFileSync(resolveFrom(baseDir, municipality.logo)));
    } catch (err) {
      process.stderr.write(
        `logo ${municipality.logo} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); printing without it\n`,
      );
    }
  }
  const service = documentService(config, logoBytes, createLogger({ level: 'warn' }).logger);
  if (flow === null || flow === undefined) {
    // --all: every flow in every language, into the --out folder
    const dir = path.resolve(args.out ?? '.');
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      fail(`folder ${dir} cannot be made (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 1);
    }
    let count = 0;
    for (const each of flows.values()) {
      for (const lang of LANGS) {
        const pdf = await service.blankett(each, { lang });
        writeFileSync(path.join(dir, `blankett-${each.id}-${lang}.pdf`), pdf);
        count += 1;
      }
    }
    process.stderr.write(`wrote ${count} blanketter (${flows.size} e-services × ${LANGS.join(', ')}) to ${dir}\n`);
    return;
  }
  const pdf = await service.blankett(flow, { lang: args.lang });
  if (args.out === '-') {
    process.stdout.write(pdf);
    return;
  }
  const out = path.resolve(args.out ?? `blankett-${flow.id}-${args.lang}.pdf`);
  writeFileSync(out, pdf);
  process.stderr.write(`wrote ${out} (${pdf.byteLength} bytes)\n`);
}

/** The command as a process runs it: a failure is one line on stderr and exit code 1. */
export function blankettCommandMain(argv: readonly string[]): void {
  runBlankettCommand(argv).catch((err: unknown) => fail(`blankett failed: ${(err as Error).message}`, 1));
}
