#!/usr/bin/env node
/**
 * `npm run audit:electron`: the Electron security audit (@doyensec/electronegativity) over the
 * shell's sources (src/main, src/preload) and the built app (out/main, out/preload, out/renderer).
 * Run `npm run build` first.
 *
 * The parts are copied into one temporary folder and scanned together, because the global checks
 * (CSP, navigation limits, permission handlers) are properties of the whole app: the CSP lives in
 * out/renderer/index.html and in the app:// response headers, the handlers in src/main.
 *
 * Exits 1 when any finding is neither fixed nor suppressed in the code with
 * `/* eng-disable CHECK_ID *\/` and a written reason. Writes the findings to
 * test-results/electronegativity.sarif for CI.
 *
 * The bundler drops ordinary comments, so a suppression written in src/main or src/preload does not
 * survive into out/main or out/preload. A finding in a bundle is therefore also counted as
 * suppressed when the same check is suppressed in the source on a line with the same code (quotes
 * and whitespace aside): it is the same statement, reviewed once, where it is written.
 *
 * Not run: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK. It downloads Electron's release list from GitHub
 * (kiosk build machines are offline, and the check crashes without network); Electron's version is
 * kept current through package.json instead, and the version in use is passed to every other check.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['src/main', 'src/preload', 'out/main', 'out/preload', 'out/renderer'];
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

const missing = PARTS.filter((p) => !existsSync(path.join(root, p)));
if (missing.length > 0) {
  process.stderr.write(`audit-electron: missing ${missing.join(', ')}; run "npm run build" first.\n`);
  process.exit(2);
}

const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const stage = mkdtempSync(path.join(os.tmpdir(), 'kiosk-audit-'));
const stageRoot = stage;
for (const part of PARTS) {
  // Vue single-file components are not read by electronegativity; the built renderer is scanned instead
  cpSync(path.join(root, part), path.join(stage, part), { recursive: true, filter: (src) => !src.endsWith('.map') });
}

const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const sarif = path.join(resultsDir, 'electronegativity.sarif');

// electronegativity asks GitHub for updated translations at start (offline: it falls back to its own
// after 1 s, printing "Could not retrieve updated translations"). The HTTP client's later retry then
// throws from a timer inside `got`; that one known error is ignored, anything else still fails the run.
process.on('uncaughtException', (err) => {
  if (
    err instanceof Error &&
    /onCancel. handler was attached/.test(err.message) &&
    /[\\/]got[\\/]/.test(err.stack ?? '')
  )
    return;
  process.stderr.write(`audit-electron: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});

const run = require('@doyensec/electronegativity');
let result;
try {
  result = await run({
    input: stage,
    output: sarif,
    isSarif: true,
    customScan: [],
    excludeFromScan: EXCLUDED.map((c) => c.toLowerCase()),
    isRelative: false,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const hardErrors = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors) {
  process.stderr.write(
    `audit-electron: ${e.tolerable ? 'warning' : 'error'} parsing ${path.relative(stage, e.file)}: ${e.message}\n`,
  );
}

/** Every `eng-disable` in the shell's sources: { id, file, line, code } (code = the line without the comment). */
function sourceSuppressions() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs|cjs|html)$/.test(entry.name)) {
        readFileSync(full, 'utf8')
          .split('\n')
          .forEach((text, index) => {
            const m = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable[ \t]+([\w \t]+)/.exec(text);
            if (!m) return;
            for (const id of m[1].trim().split(/[ \t,]+/)) {
              out.push({
                id: id.toUpperCase(),
                file: path.relative(root, full),
                line: index + 1,
                code: normalise(text.slice(0, m.index)),
              });
            }
          });
      }
    }
  };
  for (const dir of ['src/main', 'src/preload', 'src/renderer'])
    if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return out;
}

function normalise(code) {
  return code.replace(/["'`]/g, "'").replace(/\s+/g, '');
}

const suppressions = sourceSuppressions();
const bundledFromSource = (issue) => {
  const rel = path.relative(stageRoot, issue.file);
  if (!rel.startsWith(`out${path.sep}main`) && !rel.startsWith(`out${path.sep}preload`)) return false;
  const code = normalise(issue.sample ?? '');
  return code.length > 0 && suppressions.some((s) => s.id === issue.id && s.code === code);
};
const bundled = result.issues.filter(bundledFromSource);
result.issues = result.issues.filter((i) => !bundledFromSource(i));

const findings = result.issues.map((i) => ({
  id: i.id,
  file: path.isAbsolute(i.file) ? path.relative(stageRoot, i.file) : i.file,
  line: i.location.line,
  column: i.location.column,
  severity: i.severity.name ?? String(i.severity.value),
  confidence: i.confidence.name ?? String(i.confidence.value),
  manualReview: Boolean(i.manualReview),
  description: i.description,
}));

process.stdout.write(
  `electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ` +
    `${result.globalChecks} global and ${result.atomicChecks} atomic checks over ${PARTS.join(', ')}\n`,
);
for (const s of suppressions) process.stdout.write(`  suppressed in source: ${s.id} ${s.file}:${s.line}\n`);
for (const b of bundled)
  process.stdout.write(
    `  suppressed (same code as the suppressed source line): ${b.id} ${path.relative(stageRoot, b.file)}:${b.location.line}\n`,
  );
for (const f of findings) {
  process.stdout.write(
    `  ${f.id} ${f.file}:${f.line}:${f.column} [${f.severity}/${f.confidence}${f.manualReview ? ', review' : ''}] ${f.description}\n`,
  );
}
if (findings.length > 0 || hardErrors.length > 0) {
  process.stdout.write(
    `audit-electron: ${findings.length} unsuppressed finding(s), ${hardErrors.length} file(s) not parsed. ` +
      'Fix each, or suppress it where it occurs with /* eng-disable CHECK_ID */ and the reason.\n',
  );
  process.exit(1);
}
process.stdout.write(`audit-electron: no unsuppressed findings (SARIF: ${path.relative(root, sarif)})\n`);
process.exit(0);
